package dev.paperclipee.rest.routine;

import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.routine.entity.RoutineRun;
import dev.paperclipee.shared.entity.WireEnum;

/**
 * One firing of a routine: {@code source} ({@code schedule}/{@code manual}), {@code status}
 * ({@code issue_created}, {@code coalesced}, {@code skipped}, {@code failed}), the occurrence it
 * stands for, the issue it created or coalesced into, and the reason of a skip or failure.
 */
public record RoutineRunResponse(String id, String companyId, String routineId, String source, String status,
                                 String scheduledFor, String triggeredAt, String linkedIssueId, String failureReason,
                                 String createdAt) {

    public static RoutineRunResponse of(RoutineRun r) {
        return new RoutineRunResponse(r.getId().toString(), r.getCompanyId().toString(), r.getRoutineId().toString(),
                WireEnum.of(r.getSource()), WireEnum.of(r.getStatus()), Json.time(r.getScheduledFor()),
                Json.time(r.getTriggeredAt()), r.getLinkedIssueId() == null ? null : r.getLinkedIssueId().toString(),
                r.getReason(), Json.time(r.getCreatedAt()));
    }
}
