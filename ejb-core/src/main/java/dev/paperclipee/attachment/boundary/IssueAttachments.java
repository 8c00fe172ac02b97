package dev.paperclipee.attachment.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.attachment.control.ObjectStorage;
import dev.paperclipee.attachment.control.StagedObject;
import dev.paperclipee.attachment.entity.Asset;
import dev.paperclipee.attachment.entity.IssueAttachment;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.control.IssueAccess;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueComment;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.PayloadTooLargeException;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Files attached to issues (spec §7.14, §10.4). An upload takes three steps so that no
 * transaction (and no database connection) is held while the bytes arrive: {@link #target}
 * checks the company, the issue and the caller and gives the company's size limit; {@link #receive}
 * streams the bytes to a temporary file, outside any transaction; {@link #add} stores the rows,
 * writes the activity row and publishes the file in one transaction — a rollback removes it again.
 * Whoever calls {@link #receive} calls {@link #discard} when done; it removes only what was not
 * published.
 *
 * <p>Agents attach files to any issue of their company, as they comment on any of them (files
 * accompany comments); an agent deletes only what it uploaded or an attachment of an issue it may
 * change ({@link IssueAccess#requireWrite}). Attachments of another company are 404 for an agent.
 */
@Stateless
public class IssueAttachments {

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    Issues issues;

    @Inject
    IssueAccess access;

    @Inject
    ObjectStorage storage;

    @Inject
    ActivityLog activity;

    /** @param issueRef the issue's UUID or identifier; it must be an issue of {@code companyId} (404 otherwise) */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UploadTarget target(Actor actor, UUID companyId, String issueRef) {
        Company company = scope.require(actor, companyId);
        Issue issue = issueOf(actor, companyId, issueRef);
        return new UploadTarget(companyId, issue.getId(), company.getAttachmentMaxBytes());
    }

    /**
     * Streams an upload to a temporary file of the target's company.
     *
     * @throws PayloadTooLargeException past the target's limit (413); reading stops there
     * @throws IOException              when reading {@code in} fails
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public StagedObject receive(UploadTarget target, InputStream in) throws IOException {
        return storage.stage(target.companyId(), in, target.maxBytes());
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void discard(StagedObject staged) {
        storage.discard(staged);
    }

    /** Stores the attachment of a received file; an empty file is refused (400). */
    public StoredAttachment add(Actor actor, UploadTarget target, StagedObject staged, AttachmentUpload upload) {
        UUID companyId = target.companyId();
        Company company = scope.require(actor, companyId);
        Issue issue = issueOf(actor, companyId, target.issueId().toString());
        if (!staged.objectKey().startsWith(companyId + "/")) {
            throw new IllegalArgumentException("the upload was received for another company");
        }
        if (staged.byteSize() == 0) {
            throw new InvalidInputException("file", "must not be empty", "too_small");
        }
        if (staged.byteSize() > company.getAttachmentMaxBytes()) {
            throw new PayloadTooLargeException("The file is larger than this company's attachment limit of "
                    + company.getAttachmentMaxBytes() + " bytes", Map.of("maxBytes", company.getAttachmentMaxBytes()));
        }
        UUID commentId = upload.issueCommentId();
        if (commentId != null) {
            IssueComment comment = em.find(IssueComment.class, commentId);
            if (comment == null || !comment.getIssueId().equals(issue.getId())) {
                throw new RuleViolationException("issueCommentId must be a comment of this issue",
                        Map.of("issueCommentId", commentId.toString()));
            }
        }
        Asset asset = new Asset(companyId, staged.objectKey(), staged.byteSize(), staged.sha256(),
                upload.originalFilename(), upload.contentType(), actor.agentId(), actor.userId());
        em.persist(asset);
        em.flush(); // the attachment references the asset row
        IssueAttachment attachment = new IssueAttachment(issue.getId(), asset, commentId);
        em.persist(attachment);
        em.flush();
        activity.record(actor, companyId, "issue.attachment_added", "issue", issue.getId(), details(attachment, asset));
        storage.publishInTransaction(staged);
        return new StoredAttachment(attachment, asset);
    }

    /** The issue's attachments, oldest first. */
    public List<StoredAttachment> list(Actor actor, String issueRef) {
        Issue issue = issues.find(actor, issueRef);
        return em.createNamedQuery(IssueAttachment.OF_ISSUE, Object[].class)
                .setParameter("issueId", issue.getId())
                .getResultStream()
                .map(row -> new StoredAttachment((IssueAttachment) row[0], (Asset) row[1]))
                .toList();
    }

    public StoredAttachment find(Actor actor, UUID attachmentId) {
        IssueAttachment attachment = em.find(IssueAttachment.class, attachmentId);
        if (attachment == null || actor.isAgent() && !attachment.getCompanyId().equals(actor.companyId())) {
            throw NotFoundException.of("Attachment", attachmentId);
        }
        return new StoredAttachment(attachment, em.find(Asset.class, attachment.getAssetId()));
    }

    /** The attachment and its bytes. A stored file that has gone missing is a server fault (500), not a 404. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AttachmentContent content(Actor actor, UUID attachmentId) {
        StoredAttachment stored = find(actor, attachmentId);
        try {
            return new AttachmentContent(stored, storage.open(stored.asset().getObjectKey()));
        } catch (IOException e) {
            throw new UncheckedIOException("The stored file of attachment " + attachmentId + " cannot be read", e);
        }
    }

    /** Deletes the attachment and its asset; the file is removed once that has committed. */
    public StoredAttachment delete(Actor actor, UUID attachmentId) {
        StoredAttachment stored = find(actor, attachmentId);
        IssueAttachment attachment = stored.attachment();
        Asset asset = stored.asset();
        if (actor.isAgent() && !actor.agentId().equals(asset.getCreatedByAgentId())) {
            access.requireWrite(actor, em.find(Issue.class, attachment.getIssueId()));
        }
        em.remove(attachment);
        em.flush();
        em.remove(asset);
        em.flush();
        activity.record(actor, attachment.getCompanyId(), "issue.attachment_deleted", "issue", attachment.getIssueId(),
                details(attachment, asset));
        storage.deleteAfterCommit(asset.getObjectKey());
        return stored;
    }

    private Issue issueOf(Actor actor, UUID companyId, String issueRef) {
        Issue issue = issues.find(actor, issueRef);
        if (!issue.getCompanyId().equals(companyId)) {
            throw NotFoundException.of("Issue", issueRef);
        }
        return issue;
    }

    private static Map<String, Object> details(IssueAttachment attachment, Asset asset) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attachmentId", attachment.getId().toString());
        details.put("assetId", asset.getId().toString());
        details.put("issueCommentId", attachment.getIssueCommentId() == null ? null : attachment.getIssueCommentId().toString());
        details.put("byteSize", asset.getByteSize());
        details.put("contentType", asset.getContentType());
        details.put("sha256", asset.getSha256());
        details.put("originalFilename", asset.getOriginalFilename());
        return details;
    }
}
