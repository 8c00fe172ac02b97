package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.boundary.CostReport;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.OptionalBody;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the cost routes; texts and counts are checked again by the boundary. */
public final class CostRequests {

    private CostRequests() {
    }

    /**
     * One cost event (spec §13.3, api-contract cost-events row). Counts and cents are JSON integers
     * within 32 bits; {@code occurredAt} is ISO-8601 with an offset.
     */
    @Schema(name = "CostEventCreateRequest")
    public record Create(@NotNull @Size(max = 36) String agentId,
                         @NotNull @Size(min = 1, max = 100) String provider,
                         @NotNull @Size(min = 1, max = 200) String model,
                         @NotNull @PositiveOrZero @Max(Integer.MAX_VALUE) Long costCents,
                         @NotNull @Size(max = 64) String occurredAt,
                         @PositiveOrZero @Max(Integer.MAX_VALUE) Long inputTokens,
                         @PositiveOrZero @Max(Integer.MAX_VALUE) Long cachedInputTokens,
                         @PositiveOrZero @Max(Integer.MAX_VALUE) Long outputTokens,
                         @Size(max = 36) String issueId,
                         @Size(max = 36) String projectId,
                         @Size(max = 36) String goalId,
                         @Size(max = 200) String billingCode) {
        CostReport toReport() {
            return new CostReport(Json.uuid("agentId", agentId), provider, model, inputTokens, cachedInputTokens,
                    outputTokens, costCents, Json.timestamp("occurredAt", occurredAt), Json.uuid("issueId", issueId),
                    Json.uuid("projectId", projectId), Json.uuid("goalId", goalId), billingCode);
        }
    }

    /** The body of {@code POST …/costs/rollups}: optional, and so is the month ({@code YYYY-MM}). */
    @OptionalBody
    @Schema(name = "CostRollupStartRequest")
    public record StartRollup(@Schema(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$") @Size(max = 7) String month) {
    }
}
