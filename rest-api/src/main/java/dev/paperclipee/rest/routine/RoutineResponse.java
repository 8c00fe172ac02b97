package dev.paperclipee.rest.routine;

import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.routine.entity.Routine;
import dev.paperclipee.shared.entity.WireEnum;

import java.util.UUID;

/**
 * A routine as the API shows it, with upstream's field names: the issue template, the policies,
 * the schedule ({@code cronExpression} in {@code timezone}) and its {@code nextRunAt} (null when
 * paused, archived or fired only by hand).
 */
public record RoutineResponse(String id, String companyId, String projectId, String goalId, String title,
                              String description, String assigneeAgentId, String priority, String status,
                              String concurrencyPolicy, String catchUpPolicy, String cronExpression, String timezone,
                              String nextRunAt, String lastTriggeredAt, String createdByAgentId, String createdByUserId,
                              String createdAt, String updatedAt) {

    public static RoutineResponse of(Routine r) {
        return new RoutineResponse(r.getId().toString(), r.getCompanyId().toString(), text(r.getProjectId()),
                text(r.getGoalId()), r.getTitle(), r.getDescription(), text(r.getAssigneeAgentId()),
                WireEnum.of(r.getPriority()), WireEnum.of(r.getStatus()), WireEnum.of(r.getConcurrencyPolicy()),
                r.getCatchUpPolicy(), r.getCronExpression(), r.getTimezone(), Json.time(r.getNextRunAt()),
                Json.time(r.getLastTriggeredAt()), text(r.getCreatedByAgentId()), text(r.getCreatedByUserId()),
                Json.time(r.getCreatedAt()), Json.time(r.getUpdatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
