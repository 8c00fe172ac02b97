package dev.paperclipee.rest.project;

import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Spec §10.5: {@code /api/projects/:projectId}. */
@Tag(name = "projects")
@Path("projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectsResource {

    @Inject
    Projects projects;

    @Inject
    Caller caller;

    @GET
    public ProjectResponse get(@PathParam("projectId") String projectId) {
        return ProjectResponse.of(projects.find(caller.actor(), Json.id("Project", projectId)));
    }

    @PATCH
    public ProjectResponse update(@PathParam("projectId") String projectId,
                                  @NotNull(message = "a JSON object is required") @Valid ProjectRequests.Update body) {
        return ProjectResponse.of(projects.update(caller.actor(), Json.id("Project", projectId), body.toChanges()));
    }
}
