package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.Budgets;
import dev.paperclipee.rest.agent.AgentResponse;
import dev.paperclipee.rest.platform.Caller;
import dev.paperclipee.rest.platform.Json;

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
 * Spec §10.7 {@code PATCH /api/agents/:agentId/budgets}: the board, or a manager of the agent
 * (§9.3, its subtree only), sets the agent's monthly budget and gets the agent back. A budget at
 * or below this month's spend pauses the agent at once (reason {@code budget}); raising it
 * resumes nothing.
 */
@Tag(name = "costs")
@Path("agents/{agentId}/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentBudgetsResource {

    @Inject
    Budgets budgets;

    @Inject
    Caller caller;

    @PATCH
    public AgentResponse update(@PathParam("agentId") String agentId,
                                @NotNull(message = "a JSON object is required") @Valid BudgetRequests.Update body) {
        return AgentResponse.of(budgets.agent(caller.actor(), Json.id("Agent", agentId), body.budgetMonthlyCents()));
    }
}
