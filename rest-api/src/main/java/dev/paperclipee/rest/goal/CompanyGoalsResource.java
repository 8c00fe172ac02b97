package dev.paperclipee.rest.goal;

import dev.paperclipee.goal.boundary.Goals;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.util.List;

/** Spec §10.2: {@code /api/companies/:companyId/goals}. */
@Tag(name = "goals")
@Path("companies/{companyId}/goals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyGoalsResource {

    @Inject
    Goals goals;

    @Inject
    Caller caller;

    /** The company's goals, oldest first (not paged: a goal tree is small). */
    @GET
    public List<GoalResponse> list(@PathParam("companyId") String companyId) {
        return goals.list(caller.actor(), Json.id("Company", companyId)).stream().map(GoalResponse::of).toList();
    }

    @POST
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = GoalResponse.class)))
    public Response create(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid GoalRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(GoalResponse.of(goals.create(caller.actor(), Json.id("Company", companyId), body.toDraft())))
                .build();
    }
}
