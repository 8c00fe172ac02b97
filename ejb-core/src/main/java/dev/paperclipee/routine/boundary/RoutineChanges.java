package dev.paperclipee.routine.boundary;

import dev.paperclipee.shared.entity.Change;

import java.util.UUID;

/**
 * A partial update of a routine: a null field is left as it is; the clearable links and the
 * schedule take a {@link Change} ({@code "cronExpression": null} leaves only manual firing).
 */
public record RoutineChanges(String title, String description, String priority, Change<UUID> assigneeAgentId,
                             Change<UUID> projectId, Change<UUID> goalId, String concurrencyPolicy,
                             Change<String> cronExpression, String timezone, String status) {
}
