package dev.paperclipee.rest.portability;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.portability.boundary.CompanyImports;
import dev.paperclipee.portability.control.PackageArchive;
import dev.paperclipee.rest.platform.ApiError;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.MalformedMultipartException;
import dev.paperclipee.rest.platform.MultipartForm;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.PayloadTooLargeException;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Company import (issue 8, spec §21; company-package.md §10), board only (agents 403): upload a zip
 * ({@code multipart/form-data}, part {@code file}; 201 with its {@code packageId}), preview an import
 * of it or of a server directory (200: what would be created, renamed, skipped or replaced, and every
 * problem with file and line; nothing changes), start the {@code company-import} job (202), and read
 * the job's progress and report.
 */
@Tag(name = "portability")
@Path("companies/import")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyImportsResource {

    @Inject
    CompanyImports imports;

    @Inject
    Caller caller;

    @POST
    @Path("packages")
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "201", description = "stored",
            content = @Content(schema = @Schema(implementation = PortabilityResponses.Upload.class)))
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Actor actor = caller.actor();
        actor.requireBoard(); // before reading anything of the body
        MultipartForm form = MultipartForm.of(contentType, body);
        byte[] zip = null;
        try {
            for (MultipartForm.Part part; (part = form.next()) != null; ) {
                if (part.name().equals("file")) {
                    if (zip != null) {
                        throw new InvalidInputException("file", "must be sent once", "invalid_type");
                    }
                    zip = part.content().readNBytes((int) PackageArchive.MAX_ZIP_BYTES + 1);
                    if (zip.length > PackageArchive.MAX_ZIP_BYTES) {
                        throw new PayloadTooLargeException("The zip is larger than " + PackageArchive.MAX_ZIP_BYTES + " bytes",
                                Map.of("maxBytes", PackageArchive.MAX_ZIP_BYTES));
                    }
                } else {
                    part.text(8 * 1024);
                }
            }
        } catch (MalformedMultipartException e) {
            throw new WebApplicationException(ApiError.response(400, "Malformed multipart body", Map.of("reason", e.getMessage())));
        } catch (IOException e) {
            throw new WebApplicationException(ApiError.response(400, "The upload could not be read",
                    Map.of("reason", String.valueOf(e.getMessage()))));
        }
        if (zip == null) {
            throw new InvalidInputException("file", "is required: send the zip as the multipart part named file", "invalid_type");
        }
        return Response.status(Response.Status.CREATED).entity(PortabilityResponses.Upload.of(imports.upload(actor, zip))).build();
    }

    @POST
    @Path("preview")
    public PortabilityResponses.Preview preview(@Valid @NotNull PortabilityRequests.Import body) {
        return PortabilityResponses.Preview.of(imports.preview(caller.actor(), body.toRequest()));
    }

    @POST
    @APIResponse(responseCode = "202", description = "started",
            content = @Content(schema = @Schema(implementation = PortabilityResponses.ImportJob.class)))
    public Response start(@Valid @NotNull PortabilityRequests.Import body) {
        return Response.status(Response.Status.ACCEPTED)
                .entity(PortabilityResponses.ImportJob.of(imports.start(caller.actor(), body.toRequest()))).build();
    }

    @GET
    @Path("{jobId}")
    public PortabilityResponses.ImportJob status(@PathParam("jobId") String jobId) {
        return PortabilityResponses.ImportJob.of(imports.status(caller.actor(), CompanyExportsResource.jobId("Import job", jobId)));
    }
}
