package dev.paperclipee.issue.boundary;

import dev.paperclipee.access.entity.Actor;

import java.util.UUID;

/**
 * CDI event, fired inside the transaction that added a comment: the heartbeat runtime wakes the
 * issue's agent for a board comment and every agent the comment mentions (execution-semantics §7).
 */
public record IssueCommented(UUID companyId, UUID issueId, UUID commentId, Actor author, String body) {
}
