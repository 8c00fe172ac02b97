package dev.paperclipee.attachment.entity;

import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Timestamped;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * An asset attached to an issue, optionally to one of its comments (spec §7.14). One upload is
 * one attachment: deleting the attachment deletes its asset and the stored bytes.
 */
@Entity
@Table(name = "issue_attachments")
@NamedQuery(name = IssueAttachment.OF_ISSUE,
        query = "select a, s from IssueAttachment a, Asset s where s.id = a.assetId and a.issueId = :issueId"
                + " order by a.createdAt, a.id")
public class IssueAttachment extends Timestamped {

    public static final String OF_ISSUE = "IssueAttachment.ofIssue";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "issue_id", nullable = false, updatable = false)
    private UUID issueId;

    @Column(name = "asset_id", nullable = false, updatable = false)
    private UUID assetId;

    @Column(name = "issue_comment_id")
    @Convert(converter = NullableUuid.class)
    private UUID issueCommentId;

    protected IssueAttachment() {
        // JPA
    }

    public IssueAttachment(UUID issueId, Asset asset, UUID issueCommentId) {
        this.id = UUID.randomUUID();
        this.companyId = asset.getCompanyId();
        this.issueId = issueId;
        this.assetId = asset.getId();
        this.issueCommentId = issueCommentId;
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getIssueId() { return issueId; }
    public UUID getAssetId() { return assetId; }
    public UUID getIssueCommentId() { return issueCommentId; }
}
