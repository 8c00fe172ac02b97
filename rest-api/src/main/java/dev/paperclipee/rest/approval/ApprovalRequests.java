package dev.paperclipee.rest.approval;

import dev.paperclipee.rest.platform.OptionalBody;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the approval routes. The payload is a raw JSON value: an object, anything
 * else is a 400 (a {@code hire_agent} payload is then read field by field by the boundary).
 */
public final class ApprovalRequests {

    private ApprovalRequests() {
    }

    /**
     * @param type    {@code hire_agent}, {@code approve_ceo_strategy}, {@code budget_override_required} or
     *                {@code request_board_approval}
     * @param payload a JSON object; for {@code hire_agent} an agent-create body (+ {@code createApiKey})
     */
    @Schema(name = "ApprovalCreateRequest")
    public record Create(@NotNull @Size(max = 100) String type, @NotNull JsonValue payload) {
    }

    /** The body of approve, reject, cancel and request-revision: optional, and so is the note. */
    @OptionalBody
    @Schema(name = "ApprovalDecisionRequest")
    public record Decision(@Size(max = 100_000) String decisionNote) {

        static String noteOf(Decision body) {
            // null only when no body was sent at all: a JSON null is refused by StrictJsonBodies
            return body == null ? null : body.decisionNote();
        }
    }

    /** @param payload the revised payload; absent or null keeps the current one */
    @Schema(name = "ApprovalResubmitRequest")
    public record Resubmit(JsonValue payload) {
    }
}
