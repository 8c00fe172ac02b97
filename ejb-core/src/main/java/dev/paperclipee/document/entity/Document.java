package dev.paperclipee.document.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * An editable text document (spec §7.15). Its history is append-only: every write is a new
 * {@link DocumentRevision} numbered 1, 2, …, and the document keeps a copy of the latest one
 * ({@code latest_body}, {@code latest_revision_id}, {@code latest_revision_number}) so reading it
 * needs no join. A write names the revision it was based on; only a write based on the latest
 * revision is accepted, so two writers never silently overwrite each other.
 */
@Entity
@Table(name = "documents")
public class Document extends Versioned {

    /** A document is larger than a comment, but still text an agent reads in one go. */
    public static final int MAX_BODY = 1_000_000;

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    private String title;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private DocumentFormat format;

    @Column(name = "latest_body", nullable = false)
    private String latestBody;

    @Column(name = "latest_revision_id")
    @Convert(converter = NullableUuid.class)
    private UUID latestRevisionId;

    @Column(name = "latest_revision_number", nullable = false)
    private int latestRevisionNumber;

    @Column(name = "created_by_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByAgentId;

    @Column(name = "created_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByUserId;

    @Column(name = "updated_by_agent_id")
    @Convert(converter = NullableUuid.class)
    private UUID updatedByAgentId;

    @Column(name = "updated_by_user_id")
    @Convert(converter = NullableUuid.class)
    private UUID updatedByUserId;

    protected Document() {
        // JPA
    }

    /** A new document without revisions; {@link #revise} writes the first one. */
    public Document(UUID companyId, UUID agentId, UUID userId) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.format = DocumentFormat.markdown;
        this.latestBody = "";
        this.createdByAgentId = agentId;
        this.createdByUserId = agentId == null ? userId : null;
    }

    /**
     * Appends the next revision and makes it the latest.
     *
     * @param title  null keeps the current title, a blank one clears it
     * @param format null keeps the current format
     * @param body   required; may be empty
     */
    public DocumentRevision revise(String title, DocumentFormat format, String body, String changeSummary,
                                   UUID agentId, UUID userId) {
        check(title, body, changeSummary);
        String checkedTitle = title == null ? this.title : Text.blankToNull(title);
        DocumentRevision revision = new DocumentRevision(this, latestRevisionNumber + 1, body, changeSummary,
                agentId, userId);
        this.title = checkedTitle;
        if (format != null) {
            this.format = format;
        }
        this.latestBody = body;
        this.latestRevisionId = revision.getId();
        this.latestRevisionNumber = revision.getRevisionNumber();
        this.updatedByAgentId = agentId;
        this.updatedByUserId = agentId == null ? userId : null;
        return revision;
    }

    /**
     * The text rules of a write, checked before anything else about it: a body is required but may
     * be empty ("cleared notes") and is kept exactly as sent, not trimmed; title and change
     * summary are short texts.
     */
    public static void check(String title, String body, String changeSummary) {
        if (body == null) {
            throw new InvalidInputException("body", "is required (it may be empty)", "invalid_type");
        }
        Text.optional("body", body, MAX_BODY);
        Text.optional("title", title, Text.SHORT);
        Text.optional("changeSummary", changeSummary, Text.SHORT);
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public String getTitle() { return title; }
    public DocumentFormat getFormat() { return format; }
    public String getLatestBody() { return latestBody; }
    public UUID getLatestRevisionId() { return latestRevisionId; }
    public int getLatestRevisionNumber() { return latestRevisionNumber; }
    public UUID getCreatedByAgentId() { return createdByAgentId; }
    public UUID getCreatedByUserId() { return createdByUserId; }
    public UUID getUpdatedByAgentId() { return updatedByAgentId; }
    public UUID getUpdatedByUserId() { return updatedByUserId; }
}
