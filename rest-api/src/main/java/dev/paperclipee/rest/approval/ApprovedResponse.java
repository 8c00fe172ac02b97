package dev.paperclipee.rest.approval;

import dev.paperclipee.approval.boundary.ApprovalDecision;
import dev.paperclipee.rest.agent.AgentResponse;
import dev.paperclipee.rest.agent.KeyResponse;

import jakarta.json.JsonObject;

/**
 * The answer to approving: the approval (every field of {@link ApprovalResponse}) and what
 * approving created — for a {@code hire_agent} request the hired {@code agent}, and its first
 * {@code apiKey} with the {@code token}, shown this once, when the payload asked
 * ({@code createApiKey}); both null otherwise.
 */
public record ApprovedResponse(String id, String companyId, String type, String status, JsonObject payload,
                               String requestedByAgentId, String requestedByUserId, String decisionNote,
                               String decidedByUserId, String decidedAt, String createdAt, String updatedAt,
                               AgentResponse agent, KeyResponse.Created apiKey) {

    public static ApprovedResponse of(ApprovalDecision decision) {
        ApprovalResponse a = ApprovalResponse.of(decision.approval());
        return new ApprovedResponse(a.id(), a.companyId(), a.type(), a.status(), a.payload(), a.requestedByAgentId(),
                a.requestedByUserId(), a.decisionNote(), a.decidedByUserId(), a.decidedAt(), a.createdAt(), a.updatedAt(),
                decision.hiredAgent() == null ? null : AgentResponse.of(decision.hiredAgent()),
                decision.apiKey() == null ? null : KeyResponse.Created.of(decision.apiKey()));
    }

    @Override
    public String toString() {
        return "ApprovedResponse[id=" + id + ", status=" + status + ", agent=" + (agent == null ? null : agent.id())
                + ", apiKey=" + apiKey + "]";
    }
}
