package dev.paperclipee.approval.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Timestamps;
import dev.paperclipee.shared.entity.Versioned;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A governance request of a company (spec §7.10): its type, the payload the board decides on,
 * who asked, and the decision. It guards the §8.3 status machine ({@link ApprovalStatus}): a move
 * the machine does not allow is a 409, and a decided approval is final — deciding it again is a
 * 409 too (api-contract "departs from the spec" item 7). Who may decide is the boundary's check;
 * that two concurrent decisions cannot both pass needs the row lock the boundary takes.
 */
@Entity
@Table(name = "approvals")
@NamedQuery(name = Approval.BY_COMPANY,
        query = "select a from Approval a where a.companyId = :companyId order by a.createdAt desc, a.id desc")
@NamedQuery(name = Approval.BY_COMPANY_AND_STATUS,
        query = "select a from Approval a where a.companyId = :companyId and a.status = :status"
                + " order by a.createdAt desc, a.id desc")
public class Approval extends Versioned {

    public static final String BY_COMPANY = "Approval.byCompany";
    public static final String BY_COMPANY_AND_STATUS = "Approval.byCompanyAndStatus";

    /** The payload key under which an approved hire names the agent it created. */
    public static final String HIRED_AGENT_KEY = "agentId";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(nullable = false, updatable = false)
    @Enumerated(EnumType.STRING)
    private ApprovalType type;

    @Column(name = "requested_by_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID requestedByAgentId;

    @Column(name = "requested_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID requestedByUserId;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private ApprovalStatus status;

    @Column(nullable = false, columnDefinition = "jsonb")
    private String payload;

    @Column(name = "decision_note")
    private String decisionNote;

    @Column(name = "decided_by_user_id")
    @Convert(converter = NullableUuid.class)
    private UUID decidedByUserId;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    protected Approval() {
        // JPA
    }

    /** A new {@code pending} request by an agent or a board user (one of the two, the other null). */
    public Approval(UUID companyId, ApprovalType type, JsonObject payload, UUID requestedByAgentId, UUID requestedByUserId) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.type = type;
        this.status = ApprovalStatus.pending;
        this.requestedByAgentId = requestedByAgentId;
        this.requestedByUserId = requestedByUserId;
        replacePayload(payload);
    }

    /** The board grants the request. */
    public void approve(UUID boardUserId, String note) {
        decide(ApprovalStatus.approved, boardUserId, note);
    }

    /** The board refuses the request. */
    public void reject(UUID boardUserId, String note) {
        decide(ApprovalStatus.rejected, boardUserId, note);
    }

    /** The requester withdraws the request, or the board closes it without a verdict. */
    public void cancel(UUID boardUserId, String note) {
        decide(ApprovalStatus.cancelled, boardUserId, note);
    }

    /**
     * The board sends the request back for changes: {@code pending → revision_requested}, with
     * who asked and why until the requester resubmits.
     */
    public void requestRevision(UUID boardUserId, String note) {
        decide(ApprovalStatus.revision_requested, boardUserId, note);
    }

    /**
     * The requester answers a revision request: {@code revision_requested → pending}, with a new
     * payload (null keeps the old one); the board's note and decision fields are cleared, since
     * they were about the previous version.
     */
    public void resubmit(JsonObject newPayload) {
        String checked = newPayload == null ? null : JsonText.of("payload", newPayload);
        moveTo(ApprovalStatus.pending);
        if (checked != null) {
            payload = checked;
        }
        decisionNote = null;
        decidedByUserId = null;
        decidedAt = null;
    }

    /** An approved hire names the agent it created in its payload ({@value #HIRED_AGENT_KEY}). */
    public void recordHire(UUID agentId) {
        JsonObject current = JsonText.parse(payload);
        replacePayload(JsonText.JSON.createObjectBuilder(current).add(HIRED_AGENT_KEY, agentId.toString()).build());
    }

    private void decide(ApprovalStatus target, UUID boardUserId, String note) {
        String checkedNote = Text.optional("decisionNote", Text.blankToNull(note), Text.LONG);
        moveTo(target);
        decisionNote = checkedNote;
        decidedByUserId = boardUserId;
        decidedAt = Timestamps.now();
    }

    private void moveTo(ApprovalStatus target) {
        if (status.canMoveTo(target)) {
            status = target;
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("approvalId", id.toString());
        details.put("status", WireEnum.of(status));
        details.put("requestedStatus", WireEnum.of(target));
        if (status.isDecided()) {
            throw new ConflictException("Approval is already " + WireEnum.of(status) + ": a decided approval is final",
                    details);
        }
        throw new ConflictException("Approval is " + WireEnum.of(status) + " and cannot become " + WireEnum.of(target),
                details);
    }

    private void replacePayload(JsonObject newPayload) {
        if (newPayload == null) {
            throw new InvalidInputException("payload", "is required", "invalid_type");
        }
        this.payload = JsonText.of("payload", newPayload);
    }

    /** The payload as a JSON object. */
    public JsonObject payload() {
        return JsonText.parse(payload);
    }

    /** Whether {@code agentId} is the agent that asked. */
    public boolean isRequestedBy(UUID agentId) {
        return agentId != null && agentId.equals(requestedByAgentId);
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public ApprovalType getType() { return type; }
    public UUID getRequestedByAgentId() { return requestedByAgentId; }
    public UUID getRequestedByUserId() { return requestedByUserId; }
    public ApprovalStatus getStatus() { return status; }
    public String getPayload() { return payload; }
    public String getDecisionNote() { return decisionNote; }
    public UUID getDecidedByUserId() { return decidedByUserId; }
    public OffsetDateTime getDecidedAt() { return decidedAt; }
}
