package dev.paperclipee.rest.routine;

import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.routine.boundary.RoutineChanges;
import dev.paperclipee.routine.boundary.RoutineDraft;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the routine routes; lengths, the cron expression and the time zone are
 * checked again in ejb-core. In an update the links and {@code cronExpression} are raw JSON
 * values: {@code null} clears them, an absent field leaves them as they are.
 */
public final class RoutineRequests {

    private RoutineRequests() {
    }

    @Schema(name = "RoutineCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 500) String title,
                         @Size(max = 100_000) String description,
                         String priority,
                         @Size(max = 36) String assigneeAgentId,
                         @Size(max = 36) String projectId,
                         @Size(max = 36) String goalId,
                         String concurrencyPolicy,
                         @Size(max = 200) String cronExpression,
                         @Size(max = 100) String timezone,
                         String status) {
        RoutineDraft toDraft() {
            return new RoutineDraft(title, description, priority, Json.uuid("assigneeAgentId", assigneeAgentId),
                    Json.uuid("projectId", projectId), Json.uuid("goalId", goalId), concurrencyPolicy, cronExpression,
                    timezone, status);
        }
    }

    @Schema(name = "RoutineUpdateRequest")
    public record Update(@Size(min = 1, max = 500) String title,
                         @Size(max = 100_000) String description,
                         String priority,
                         JsonValue assigneeAgentId,
                         JsonValue projectId,
                         JsonValue goalId,
                         String concurrencyPolicy,
                         JsonValue cronExpression,
                         @Size(max = 100) String timezone,
                         String status) {
        RoutineChanges toChanges() {
            return new RoutineChanges(title, description, priority, Json.idChange("assigneeAgentId", assigneeAgentId),
                    Json.idChange("projectId", projectId), Json.idChange("goalId", goalId), concurrencyPolicy,
                    Json.change("cronExpression", cronExpression, Json::text), timezone, status);
        }
    }
}
