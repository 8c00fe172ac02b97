package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.Budgets;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.project.ProjectResponse;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code PATCH /api/projects/:projectId/budgets}, the optional project layer of spec §13.1: the
 * board sets the project's monthly budget and gets the project back. Once the events naming the
 * project reach it, the project's issues can no longer be checked out or run.
 */
@Tag(name = "costs")
@Path("projects/{projectId}/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectBudgetsResource {

    @Inject
    Budgets budgets;

    @Inject
    Caller caller;

    @PATCH
    public ProjectResponse update(@PathParam("projectId") String projectId,
                                  @NotNull(message = "a JSON object is required") @Valid BudgetRequests.Update body) {
        return ProjectResponse.of(budgets.project(caller.actor(), Json.id("Project", projectId), body.budgetMonthlyCents()));
    }
}
