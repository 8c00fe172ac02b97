package dev.paperclipee.rest.project;

import dev.paperclipee.project.boundary.ProjectChanges;
import dev.paperclipee.project.boundary.ProjectDraft;
import dev.paperclipee.rest.platform.Json;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the project routes; lengths are checked again by the entity. {@code env} is a
 * raw JSON value (an object or null; anything else is a 400), and so are the clearable fields of
 * an update: {@code "goalId": null} unlinks, an absent field leaves the value as it is.
 */
public final class ProjectRequests {

    private ProjectRequests() {
    }

    @Schema(name = "ProjectCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 200) String name,
                         @Size(max = 100_000) String description,
                         String status,
                         @Size(max = 36) String goalId,
                         @Size(max = 36) String leadAgentId,
                         @Size(max = 10) String targetDate,
                         JsonValue env) {
        ProjectDraft toDraft() {
            return new ProjectDraft(name, description, status, Json.uuid("goalId", goalId),
                    Json.uuid("leadAgentId", leadAgentId), Json.date("targetDate", targetDate), Json.object("env", env));
        }
    }

    @Schema(name = "ProjectUpdateRequest")
    public record Update(@Size(min = 1, max = 200) String name,
                         @Size(max = 100_000) String description,
                         String status,
                         JsonValue goalId,
                         JsonValue leadAgentId,
                         JsonValue targetDate,
                         JsonValue env) {
        ProjectChanges toChanges() {
            return new ProjectChanges(name, description, status, Json.idChange("goalId", goalId),
                    Json.idChange("leadAgentId", leadAgentId),
                    Json.change("targetDate", targetDate, (f, v) -> Json.date(f, Json.text(f, v))),
                    Json.change("env", env, Json::object));
        }
    }
}
