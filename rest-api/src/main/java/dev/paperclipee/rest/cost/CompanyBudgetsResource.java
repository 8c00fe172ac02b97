package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.Budgets;
import dev.paperclipee.rest.company.CompanyResponse;
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
 * Spec §10.7 {@code PATCH /api/companies/:companyId/budgets}: the board sets the company's monthly
 * budget and gets the company back. A budget at or below this month's spend pauses the company at
 * once (reason {@code budget}); raising it resumes nothing.
 */
@Tag(name = "costs")
@Path("companies/{companyId}/budgets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompanyBudgetsResource {

    @Inject
    Budgets budgets;

    @Inject
    Caller caller;

    @PATCH
    public CompanyResponse update(@PathParam("companyId") String companyId,
                                  @NotNull(message = "a JSON object is required") @Valid BudgetRequests.Update body) {
        return CompanyResponse.of(budgets.company(caller.actor(), Json.id("Company", companyId), body.budgetMonthlyCents()));
    }
}
