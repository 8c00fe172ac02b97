package dev.paperclipee.issue.boundary;

import dev.paperclipee.shared.entity.Change;

import java.util.UUID;

/**
 * A partial update of an issue: null fields stay as they are, {@link Change}s can also clear.
 * {@code comment} adds a comment in the same transaction (upstream's "PATCH with a comment").
 */
public record IssueChanges(String title, String description, String status, String priority,
                           Change<UUID> assigneeAgentId, Change<String> assigneeUserId, Change<UUID> projectId,
                           Change<UUID> goalId, Change<UUID> parentId, Change<String> billingCode, String comment) {
}
