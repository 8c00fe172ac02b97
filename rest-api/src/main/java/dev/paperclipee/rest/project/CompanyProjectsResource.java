package dev.paperclipee.rest.project;

import dev.paperclipee.project.boundary.Projects;
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

/** Spec §10.5: {@code /api/companies/:companyId/projects}. */
@Tag(name = "projects")
@Path("companies/{companyId}/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyProjectsResource {

    @Inject
    Projects projects;

    @Inject
    Caller caller;

    /** The company's projects, oldest first. */
    @GET
    public List<ProjectResponse> list(@PathParam("companyId") String companyId) {
        return projects.list(caller.actor(), Json.id("Company", companyId)).stream().map(ProjectResponse::of).toList();
    }

    @POST
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(schema = @Schema(implementation = ProjectResponse.class)))
    public Response create(@PathParam("companyId") String companyId,
                           @NotNull(message = "a JSON object is required") @Valid ProjectRequests.Create body) {
        return Response.status(Response.Status.CREATED)
                .entity(ProjectResponse.of(projects.create(caller.actor(), Json.id("Company", companyId), body.toDraft())))
                .build();
    }
}
