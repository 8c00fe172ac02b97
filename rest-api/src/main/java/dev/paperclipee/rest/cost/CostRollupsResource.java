package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.CostRollups;
import dev.paperclipee.cost.control.RollupQueries;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * The cost-rollup job over the API (issue 5): the board starts it for a company ({@code month}
 * optional: the current and the previous UTC month by default) and gets 202 with the execution's
 * id; its status, a restart of a failed execution (which resumes it), and the rows it
 * materialized. Reading the rows needs what reading the company's costs needs; the job's routes
 * are the board's. An execution of another company, or of the every-company nightly run, is 404.
 */
@Tag(name = "costs")
@Path("companies/{companyId}/costs/rollups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CostRollupsResource {

    private static final String MONTH = "a UTC calendar month, YYYY-MM; the current month when absent";

    @Inject
    CostRollups rollups;

    @Inject
    Caller caller;

    @POST
    @APIResponse(responseCode = "202", description = "started",
            content = @Content(schema = @Schema(implementation = CostResponses.RollupJob.class)))
    public Response start(@PathParam("companyId") String companyId, @Valid CostRequests.StartRollup body) {
        CostRollups.Run run = rollups.start(caller.actor(), Json.id("Company", companyId),
                QueryParams.month("month", body == null ? null : body.month()));
        return Response.status(Response.Status.ACCEPTED).entity(CostResponses.RollupJob.of(run)).build();
    }

    @GET
    @Path("{jobId}")
    public CostResponses.RollupJob status(@PathParam("companyId") String companyId, @PathParam("jobId") String jobId) {
        return CostResponses.RollupJob.of(rollups.status(caller.actor(), Json.id("Company", companyId), jobId(jobId)));
    }

    /** A failed or stopped execution starts again where it stopped; 409 for one that is not. */
    @POST
    @Path("{jobId}/restart")
    @APIResponse(responseCode = "202", description = "restarted: the new execution",
            content = @Content(schema = @Schema(implementation = CostResponses.RollupJob.class)))
    public Response restart(@PathParam("companyId") String companyId, @PathParam("jobId") String jobId) {
        CostRollups.Run run = rollups.restart(caller.actor(), Json.id("Company", companyId), jobId(jobId));
        return Response.status(Response.Status.ACCEPTED).entity(CostResponses.RollupJob.of(run)).build();
    }

    @GET
    public List<CostResponses.Rollup> rows(@PathParam("companyId") String companyId,
                                           @Parameter(description = MONTH, schema = @Schema(type = SchemaType.STRING, pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$"))
                                           @QueryParam("month") String month) {
        List<RollupQueries.Rollup> rows = rollups.rows(caller.actor(), Json.id("Company", companyId),
                QueryParams.month("month", month));
        return rows.stream().map(CostResponses.Rollup::of).toList();
    }

    /** An execution id is a positive integer; any other text names nothing: 404, like an unknown id. */
    private static long jobId(String value) {
        if (value != null && value.matches("[0-9]{1,18}")) {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        }
        throw NotFoundException.of("Rollup job", value);
    }
}
