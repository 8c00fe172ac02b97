package dev.paperclipee.rest.goal;

import dev.paperclipee.goal.boundary.GoalChanges;
import dev.paperclipee.goal.boundary.GoalDraft;
import dev.paperclipee.rest.platform.Json;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the goal routes; lengths are checked again by the entity. The links of an
 * update are raw JSON values so that {@code "parentId": null} unlinks while an absent field
 * leaves the link as it is.
 */
public final class GoalRequests {

    private GoalRequests() {
    }

    @Schema(name = "GoalCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 500) String title,
                         @Size(max = 100_000) String description,
                         String level,
                         String status,
                         @Size(max = 36) String parentId,
                         @Size(max = 36) String ownerAgentId) {
        GoalDraft toDraft() {
            return new GoalDraft(title, description, level, status, Json.uuid("parentId", parentId),
                    Json.uuid("ownerAgentId", ownerAgentId));
        }
    }

    @Schema(name = "GoalUpdateRequest")
    public record Update(@Size(min = 1, max = 500) String title,
                         @Size(max = 100_000) String description,
                         String level,
                         String status,
                         JsonValue parentId,
                         JsonValue ownerAgentId) {
        GoalChanges toChanges() {
            return new GoalChanges(title, description, level, status, Json.idChange("parentId", parentId),
                    Json.idChange("ownerAgentId", ownerAgentId));
        }
    }
}
