package dev.paperclipee.issue.entity;

import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A comment in an issue's thread (spec §7.7): written by an agent or a board user (system
 * comments have neither), read in order and incrementally ({@code ?after=<commentId>}).
 */
@Entity
@Table(name = "issue_comments")
public class IssueComment extends Versioned {

    /** A comment is prose, not a document: 100,000 characters is plenty, larger goes to documents. */
    public static final int MAX_BODY = Text.LONG;

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "issue_id", nullable = false, updatable = false)
    private UUID issueId;

    @Column(name = "author_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID authorAgentId;

    @Column(name = "author_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID authorUserId;

    @Column(nullable = false)
    private String body;

    protected IssueComment() {
        // JPA
    }

    public IssueComment(Issue issue, UUID authorAgentId, UUID authorUserId, String body) {
        this.id = UUID.randomUUID();
        this.companyId = issue.getCompanyId();
        this.issueId = issue.getId();
        this.authorAgentId = authorAgentId;
        this.authorUserId = authorAgentId == null ? authorUserId : null;
        this.body = Text.required("body", body, MAX_BODY);
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getIssueId() { return issueId; }
    public UUID getAuthorAgentId() { return authorAgentId; }
    public UUID getAuthorUserId() { return authorUserId; }
    public String getBody() { return body; }
}
