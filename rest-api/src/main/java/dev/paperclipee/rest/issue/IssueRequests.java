package dev.paperclipee.rest.issue;

import dev.paperclipee.issue.boundary.IssueChanges;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.rest.platform.OptionalBody;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Request bodies of the issue routes; lengths are checked again by the entities. Clearable
 * fields of an update are raw JSON values: {@code "assigneeAgentId": null} unassigns, an absent
 * field leaves the value as it is.
 */
public final class IssueRequests {

    private IssueRequests() {
    }

    @Schema(name = "IssueCreateRequest")
    public record Create(@NotNull @Size(min = 1, max = 500) String title,
                         @Size(max = 100_000) String description,
                         String status,
                         String priority,
                         @Size(max = 36) String assigneeAgentId,
                         @Size(max = 100) String assigneeUserId,
                         @Size(max = 36) String projectId,
                         @Size(max = 36) String goalId,
                         @Size(max = 36) String parentId,
                         @Size(max = 200) String billingCode) {
        IssueDraft toDraft() {
            return new IssueDraft(title, description, status, priority, Json.uuid("assigneeAgentId", assigneeAgentId),
                    assigneeUserId, Json.uuid("projectId", projectId), Json.uuid("goalId", goalId),
                    Json.uuid("parentId", parentId), billingCode);
        }
    }

    @Schema(name = "IssueUpdateRequest")
    public record Update(@Size(min = 1, max = 500) String title,
                         @Size(max = 100_000) String description,
                         String status,
                         String priority,
                         JsonValue assigneeAgentId,
                         JsonValue assigneeUserId,
                         JsonValue projectId,
                         JsonValue goalId,
                         JsonValue parentId,
                         JsonValue billingCode,
                         @Size(min = 1, max = 100_000) String comment) {
        IssueChanges toChanges() {
            return new IssueChanges(title, description, status, priority,
                    Json.idChange("assigneeAgentId", assigneeAgentId),
                    Json.change("assigneeUserId", assigneeUserId, Json::text),
                    Json.idChange("projectId", projectId), Json.idChange("goalId", goalId),
                    Json.idChange("parentId", parentId), Json.change("billingCode", billingCode, Json::text), comment);
        }
    }

    /** §10.4.1: both fields are required. */
    @Schema(name = "IssueCheckoutRequest")
    public record Checkout(@NotNull @Size(max = 36) String agentId,
                           @NotNull @Size(min = 1, max = 10) List<String> expectedStatuses) {
        UUID agent() {
            return Json.uuid("agentId", agentId);
        }

        Set<IssueStatus> statuses() {
            Set<IssueStatus> statuses = EnumSet.noneOf(IssueStatus.class);
            for (String s : expectedStatuses) {
                if (s == null) {
                    throw new InvalidInputException("expectedStatuses", "must not contain null", "invalid_type");
                }
                statuses.add(WireEnum.parse(IssueStatus.class, "expectedStatuses", s));
            }
            return statuses;
        }
    }

    /** The body of {@code admin/force-release}: optional, and so is {@code clearAssignee}. */
    @OptionalBody
    @Schema(name = "IssueForceReleaseRequest")
    public record ForceRelease(Boolean clearAssignee) {
    }

    @Schema(name = "IssueCommentRequest")
    public record Comment(@NotNull @Size(min = 1, max = 100_000) String body) {
    }
}
