package dev.paperclipee.rest.issue;

import dev.paperclipee.issue.entity.IssueComment;
import dev.paperclipee.rest.platform.Json;

import java.util.UUID;

/** A comment as the API shows it (api-contract.md, "GET/POST /issues/:id/comments"). */
public record CommentResponse(String id, String companyId, String issueId, String authorAgentId, String authorUserId,
                              String body, String createdAt, String updatedAt) {

    // identity, not fields: JSON-B's recursion check puts every written object in a HashSet, and the
    // generated hash walks every text of the page (descriptions and bodies up to 100,000 characters)
    @Override public boolean equals(Object other) { return this == other; }
    @Override public int hashCode() { return System.identityHashCode(this); }

    public static CommentResponse of(IssueComment c) {
        return new CommentResponse(c.getId().toString(), c.getCompanyId().toString(), c.getIssueId().toString(),
                text(c.getAuthorAgentId()), text(c.getAuthorUserId()), c.getBody(), Json.time(c.getCreatedAt()),
                Json.time(c.getUpdatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
