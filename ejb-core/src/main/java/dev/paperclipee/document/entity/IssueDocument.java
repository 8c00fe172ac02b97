package dev.paperclipee.document.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.Timestamped;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Links a document to an issue under a stable workflow key ({@code plan}, {@code design},
 * {@code notes}, …; spec §7.15). A key names at most one document per issue, and a document
 * belongs to exactly one issue.
 */
@Entity
@Table(name = "issue_documents")
@NamedQuery(name = IssueDocument.BY_KEY,
        query = "select l from IssueDocument l where l.issueId = :issueId and l.key = :key")
@NamedQuery(name = IssueDocument.OF_ISSUE,
        query = "select l, d from IssueDocument l, Document d where d.id = l.documentId and l.issueId = :issueId"
                + " order by l.key")
public class IssueDocument extends Timestamped {

    public static final String BY_KEY = "IssueDocument.byKey";
    public static final String OF_ISSUE = "IssueDocument.ofIssue";

    /** Lower-case slugs: safe in a URL path segment and in a file name, and unambiguous. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "issue_id", nullable = false, updatable = false)
    private UUID issueId;

    @Column(name = "document_id", nullable = false, updatable = false)
    private UUID documentId;

    @Column(nullable = false, updatable = false)
    private String key;

    protected IssueDocument() {
        // JPA
    }

    public IssueDocument(UUID issueId, String key, Document document) {
        this.id = UUID.randomUUID();
        this.companyId = document.getCompanyId();
        this.issueId = issueId;
        this.documentId = document.getId();
        this.key = requireKey(key);
    }

    /** A valid key, or a 400 naming {@code key}. */
    public static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException("key", "must be 1 to 64 characters of a-z, 0-9, '_' and '-', starting with"
                    + " a letter or digit (for example plan, design, notes)", "invalid_string");
        }
        return key;
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getIssueId() { return issueId; }
    public UUID getDocumentId() { return documentId; }
    public String getKey() { return key; }
}
