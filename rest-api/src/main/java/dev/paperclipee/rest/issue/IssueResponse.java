package dev.paperclipee.rest.issue;

import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.bind.annotation.JsonbNillable;

import java.util.List;
import java.util.UUID;

/**
 * An issue as the API shows it (api-contract.md, "GET/POST /companies/:id/issues");
 * {@code ancestors} (direct parent first) only in the answer of {@code GET /issues/:id}.
 */
public record IssueResponse(String id, String companyId, String title, String description, String status,
                            String priority, String assigneeAgentId, String assigneeUserId, String checkoutRunId,
                            String executionRunId, String executionLockedAt, String createdByAgentId,
                            String createdByUserId, int issueNumber, String identifier, String goalId,
                            String projectId, String parentId, int requestDepth, String billingCode,
                            String startedAt, String completedAt, String cancelledAt, String hiddenAt,
                            String createdAt, String updatedAt,
                            @JsonbNillable(false) List<Ancestor> ancestors) {

    // identity, not fields: JSON-B's recursion check puts every written object in a HashSet, and the
    // generated hash walks every text of the page (descriptions and bodies up to 100,000 characters)
    @Override public boolean equals(Object other) { return this == other; }
    @Override public int hashCode() { return System.identityHashCode(this); }

    /** A parent in the chain above an issue. */
    public record Ancestor(String id, String identifier, String title, String status, String parentId) {
    }

    public static IssueResponse of(Issue i) {
        return of(i, null);
    }

    public static IssueResponse of(Issue i, List<Issue> ancestors) {
        return new IssueResponse(i.getId().toString(), i.getCompanyId().toString(), i.getTitle(), i.getDescription(),
                WireEnum.of(i.getStatus()), WireEnum.of(i.getPriority()), text(i.getAssigneeAgentId()),
                i.getAssigneeUserId(), text(i.getCheckoutRunId()), text(i.getExecutionRunId()),
                Json.time(i.getExecutionLockedAt()), text(i.getCreatedByAgentId()), text(i.getCreatedByUserId()),
                i.getIssueNumber(), i.getIdentifier(), text(i.getGoalId()), text(i.getProjectId()),
                text(i.getParentId()), i.getRequestDepth(), i.getBillingCode(), Json.time(i.getStartedAt()),
                Json.time(i.getCompletedAt()), Json.time(i.getCancelledAt()), Json.time(i.getHiddenAt()),
                Json.time(i.getCreatedAt()), Json.time(i.getUpdatedAt()),
                ancestors == null ? null : ancestors.stream()
                        .map(a -> new Ancestor(a.getId().toString(), a.getIdentifier(), a.getTitle(),
                                WireEnum.of(a.getStatus()), text(a.getParentId())))
                        .toList());
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
