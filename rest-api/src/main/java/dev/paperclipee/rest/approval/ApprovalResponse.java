package dev.paperclipee.rest.approval;

import dev.paperclipee.approval.entity.Approval;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.secret.control.Redaction;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonObject;

import java.util.UUID;

/** An approval as the API shows it (api-contract approvals row); the payload redacted (spec §7.12). */
public record ApprovalResponse(String id, String companyId, String type, String status, JsonObject payload,
                               String requestedByAgentId, String requestedByUserId, String decisionNote,
                               String decidedByUserId, String decidedAt, String createdAt, String updatedAt) {

    public static ApprovalResponse of(Approval a) {
        return new ApprovalResponse(a.getId().toString(), a.getCompanyId().toString(), WireEnum.of(a.getType()),
                WireEnum.of(a.getStatus()), Redaction.of(a.getPayload()), text(a.getRequestedByAgentId()),
                text(a.getRequestedByUserId()), a.getDecisionNote(), text(a.getDecidedByUserId()), Json.time(a.getDecidedAt()),
                Json.time(a.getCreatedAt()), Json.time(a.getUpdatedAt()));
    }

    static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
