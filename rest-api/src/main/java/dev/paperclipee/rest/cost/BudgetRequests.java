package dev.paperclipee.rest.cost;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the budget routes (spec §10.7). */
public final class BudgetRequests {

    private BudgetRequests() {
    }

    /** A monthly budget in cents, a JSON integer within 32 bits; 0 means no limit. */
    @Schema(name = "BudgetUpdateRequest")
    public record Update(@NotNull @PositiveOrZero @Max(Integer.MAX_VALUE) Long budgetMonthlyCents) {
    }
}
