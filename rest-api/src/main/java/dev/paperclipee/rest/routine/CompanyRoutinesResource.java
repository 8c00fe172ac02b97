package dev.paperclipee.rest.routine;

import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.routine.boundary.Routines;

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

/** Spec §10.10: {@code /api/companies/:companyId/routines}. */
@Tag(name = "routines")
@Path("companies/{companyId}/routines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyRoutinesResource {

    @Inject
    Routines routines;

    @Inject
    Caller caller;

    /** The company's routines, oldest first. */
    @GET
    public List<RoutineResponse> list(@PathParam("companyId") String companyId) {
        return routines.list(caller.actor(), Json.id("Company", companyId)).stream().map(RoutineResponse::of).toList();
    }

    @POST
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = RoutineResponse.class)))
    public Response create(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid RoutineRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(RoutineResponse.of(routines.create(caller.actor(), Json.id("Company", companyId), body.toDraft())))
                .build();
    }
}
