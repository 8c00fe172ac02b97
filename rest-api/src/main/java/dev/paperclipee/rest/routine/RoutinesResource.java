package dev.paperclipee.rest.routine;

import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.QueryParams;
import dev.paperclipee.routine.boundary.Routines;
import dev.paperclipee.shared.entity.InvalidInputException;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Spec §10.10: {@code /api/routines/:routineId}, its pause and resume, firing it by hand
 * ({@code POST …/run}, whatever its schedule) and its run history ({@code GET …/runs}, newest
 * first). The actions take no body (a sent {@code {}} is ignored).
 */
@Tag(name = "routines")
@Path("routines/{routineId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoutinesResource {

    static final int DEFAULT_RUNS = 50;

    @Inject
    Routines routines;

    @Inject
    Caller caller;

    @GET
    public RoutineResponse get(@PathParam("routineId") String routineId) {
        return RoutineResponse.of(routines.find(caller.actor(), Json.id("Routine", routineId)));
    }

    @PATCH
    public RoutineResponse update(@PathParam("routineId") String routineId,
                                  @NotNull(message = "a JSON object is required") @Valid RoutineRequests.Update body) {
        return RoutineResponse.of(routines.update(caller.actor(), Json.id("Routine", routineId), body.toChanges()));
    }

    @POST
    @Path("pause")
    public RoutineResponse pause(@PathParam("routineId") String routineId) {
        return RoutineResponse.of(routines.pause(caller.actor(), Json.id("Routine", routineId)));
    }

    @POST
    @Path("resume")
    public RoutineResponse resume(@PathParam("routineId") String routineId) {
        return RoutineResponse.of(routines.resume(caller.actor(), Json.id("Routine", routineId)));
    }

    @POST
    @Path("run")
    @APIResponse(responseCode = "201", description = "fired",
            content = @Content(schema = @Schema(implementation = RoutineRunResponse.class)))
    public Response run(@PathParam("routineId") String routineId) {
        return Response.status(Response.Status.CREATED)
                .entity(RoutineRunResponse.of(routines.runNow(caller.actor(), Json.id("Routine", routineId))))
                .build();
    }

    @GET
    @Path("runs")
    public List<RoutineRunResponse> runs(@PathParam("routineId") String routineId, @QueryParam("limit") String limit) {
        int n = QueryParams.integer("limit", limit, DEFAULT_RUNS);
        if (n < 1 || n > Routines.MAX_RUNS) {
            throw new InvalidInputException("limit", "must be from 1 to " + Routines.MAX_RUNS,
                    "too_big");
        }
        return routines.runs(caller.actor(), Json.id("Routine", routineId), n).stream().map(RoutineRunResponse::of).toList();
    }
}
