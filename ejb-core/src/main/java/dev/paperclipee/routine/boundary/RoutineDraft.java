package dev.paperclipee.routine.boundary;

import java.util.UUID;

/**
 * What a caller gives to create a routine: the issue template (title, description, priority,
 * assignee, project, goal), the concurrency policy (null = {@code coalesce_if_active}), the
 * schedule (a five-field cron expression, null = fired only by hand, and an IANA time zone, null =
 * UTC) and the status (null = {@code active}).
 */
public record RoutineDraft(String title, String description, String priority, UUID assigneeAgentId, UUID projectId,
                           UUID goalId, String concurrencyPolicy, String cronExpression, String timezone, String status) {
}
