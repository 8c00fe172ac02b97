package dev.paperclipee.issue.boundary;

import dev.paperclipee.access.entity.Actor;

import java.util.UUID;

/**
 * CDI event, fired inside the transaction that gave an issue to an agent (created with it as
 * assignee, or reassigned to it) while the issue is actionable: the heartbeat runtime queues an
 * {@code issue_assigned} wake in the same transaction (execution-semantics §2, §7).
 */
public record IssueAssigned(UUID companyId, UUID issueId, UUID agentId, Actor by) {
}
