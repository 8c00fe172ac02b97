package dev.paperclipee.document.entity;

import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One write of a document (spec §7.15): never changed once stored. {@code (document_id,
 * revision_number)} is unique, so of two writes that both computed the same next number only one
 * can be stored.
 */
@Entity
@Table(name = "document_revisions")
@NamedQuery(name = DocumentRevision.OF_DOCUMENT_NEWEST_FIRST,
        query = "select r from DocumentRevision r where r.documentId = :documentId order by r.revisionNumber desc")
public class DocumentRevision {

    public static final String OF_DOCUMENT_NEWEST_FIRST = "DocumentRevision.ofDocumentNewestFirst";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "document_id", nullable = false, updatable = false)
    private UUID documentId;

    @Column(name = "revision_number", nullable = false, updatable = false)
    private int revisionNumber;

    @Column(nullable = false, updatable = false)
    private String body;

    @Column(name = "change_summary", updatable = false)
    private String changeSummary;

    @Column(name = "created_by_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByAgentId;

    @Column(name = "created_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByUserId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected DocumentRevision() {
        // JPA
    }

    DocumentRevision(Document document, int revisionNumber, String body, String changeSummary, UUID agentId,
                     UUID userId) {
        this.id = UUID.randomUUID();
        this.companyId = document.getCompanyId();
        this.documentId = document.getId();
        this.revisionNumber = revisionNumber;
        this.body = body;
        this.changeSummary = Text.optional("changeSummary", Text.blankToNull(changeSummary), Text.SHORT);
        this.createdByAgentId = agentId;
        this.createdByUserId = agentId == null ? userId : null;
    }

    @PrePersist
    void stampCreation() {
        createdAt = Timestamps.now();
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getDocumentId() { return documentId; }
    public int getRevisionNumber() { return revisionNumber; }
    public String getBody() { return body; }
    public String getChangeSummary() { return changeSummary; }
    public UUID getCreatedByAgentId() { return createdByAgentId; }
    public UUID getCreatedByUserId() { return createdByUserId; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
