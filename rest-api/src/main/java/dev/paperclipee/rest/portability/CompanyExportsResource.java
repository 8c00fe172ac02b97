package dev.paperclipee.rest.portability;

import dev.paperclipee.portability.boundary.CompanyExports;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Downloads;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Company export (issue 8, spec §21), board only: {@code POST} starts the {@code company-export} job
 * (202 with the execution), {@code GET …/:jobId} shows its progress and, when done, the package's
 * size and warnings, {@code GET …/:jobId/package} downloads the zip (409 while there is none yet).
 */
@Tag(name = "portability")
@Path("companies/{companyId}/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyExportsResource {

    @Inject
    CompanyExports exports;

    @Inject
    Caller caller;

    @POST
    @APIResponse(responseCode = "202", description = "started",
            content = @Content(schema = @Schema(implementation = PortabilityResponses.ExportJob.class)))
    public Response start(@PathParam("companyId") String companyId, @Valid PortabilityRequests.Export body) {
        CompanyExports.Export e = exports.start(caller.actor(), Json.id("Company", companyId),
                body != null && Boolean.TRUE.equals(body.projects()), body != null && Boolean.TRUE.equals(body.tasks()));
        return Response.status(Response.Status.ACCEPTED).entity(PortabilityResponses.ExportJob.of(companyId, e)).build();
    }

    @GET
    @Path("{jobId}")
    public PortabilityResponses.ExportJob status(@PathParam("companyId") String companyId, @PathParam("jobId") String jobId) {
        return PortabilityResponses.ExportJob.of(companyId,
                exports.status(caller.actor(), Json.id("Company", companyId), jobId("Export job", jobId)));
    }

    @GET
    @Path("{jobId}/package")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "the package as a zip",
            content = @Content(mediaType = "application/zip"))
    public Response download(@PathParam("companyId") String companyId, @PathParam("jobId") String jobId) {
        CompanyExports.Download d = exports.download(caller.actor(), Json.id("Company", companyId), jobId("Export job", jobId));
        return Response.ok(d.zip(), "application/zip")
                .header("Content-Disposition", Downloads.contentDisposition(d.filename()))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** An execution id is a positive integer; any other text names nothing: 404, like an unknown id. */
    static long jobId(String kind, String value) {
        if (value != null && value.matches("[0-9]{1,18}")) {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        }
        throw NotFoundException.of(kind, value);
    }
}
