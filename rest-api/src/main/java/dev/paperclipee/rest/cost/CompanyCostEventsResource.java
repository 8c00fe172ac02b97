package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.CostEvents;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
 * Spec §10.7, §13.3: {@code POST /api/companies/:companyId/cost-events}. An agent reports its own
 * spend (within its run, the event names the run); the board may report for any agent of the company.
 */
@Tag(name = "costs")
@Path("companies/{companyId}/cost-events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyCostEventsResource {

    @Inject
    CostEvents costs;

    @Inject
    Caller caller;

    @POST
    @APIResponse(responseCode = "201", description = "booked",
            content = @Content(schema = @Schema(implementation = CostEventResponse.class)))
    public Response report(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid CostRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(CostEventResponse.of(costs.report(caller.actor(), Json.id("Company", companyId), body.toReport())))
                .build();
    }
}
