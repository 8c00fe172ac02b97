package dev.paperclipee.rest.cost;

import dev.paperclipee.cost.entity.CostEvent;
import dev.paperclipee.rest.platform.Json;

import java.util.UUID;

/**
 * A cost event as the API shows it (api-contract: the event with {@code id, companyId,
 * heartbeatRunId, createdAt}); {@code heartbeatRunId} is the run the reporting agent acted in, or null.
 */
public record CostEventResponse(String id, String companyId, String agentId, String issueId, String projectId,
                                String goalId, String heartbeatRunId, String billingCode, String provider, String model,
                                int inputTokens, int cachedInputTokens, int outputTokens, int costCents,
                                String occurredAt, String createdAt) {

    public static CostEventResponse of(CostEvent e) {
        return new CostEventResponse(e.getId().toString(), e.getCompanyId().toString(), e.getAgentId().toString(),
                text(e.getIssueId()), text(e.getProjectId()), text(e.getGoalId()), text(e.getHeartbeatRunId()),
                e.getBillingCode(), e.getProvider(), e.getModel(), e.getInputTokens(), e.getCachedInputTokens(),
                e.getOutputTokens(), e.getCostCents(), Json.time(e.getOccurredAt()), Json.time(e.getCreatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
