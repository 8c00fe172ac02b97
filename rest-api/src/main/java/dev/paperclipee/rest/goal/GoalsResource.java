package dev.paperclipee.rest.goal;

import dev.paperclipee.goal.boundary.Goals;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spec §10.2: {@code /api/goals/:goalId}. DELETE answers 200 with the deleted goal. */
@Tag(name = "goals")
@Path("goals/{goalId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GoalsResource {

    @Inject
    Goals goals;

    @Inject
    Caller caller;

    @GET
    public GoalResponse get(@PathParam("goalId") String goalId) {
        return GoalResponse.of(goals.find(caller.actor(), Json.id("Goal", goalId)));
    }

    @PATCH
    public GoalResponse update(@PathParam("goalId") String goalId,
                               @NotNull(message = "a JSON object is required") @Valid GoalRequests.Update body) {
        return GoalResponse.of(goals.update(caller.actor(), Json.id("Goal", goalId), body.toChanges()));
    }

    @DELETE
    public GoalResponse delete(@PathParam("goalId") String goalId) {
        return GoalResponse.of(goals.delete(caller.actor(), Json.id("Goal", goalId)));
    }
}
