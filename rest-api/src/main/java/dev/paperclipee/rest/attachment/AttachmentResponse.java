package dev.paperclipee.rest.attachment;

import dev.paperclipee.attachment.boundary.StoredAttachment;
import dev.paperclipee.attachment.entity.Asset;
import dev.paperclipee.attachment.entity.IssueAttachment;
import dev.paperclipee.rest.platform.Json;

import java.util.UUID;

/**
 * An attachment as the API shows it (api-contract.md, "POST /companies/:cid/issues/:iid/attachments"):
 * {@code id} is the attachment's, {@code assetId} the stored object's; {@code contentPath} is
 * where its bytes are served. Storage details (provider, object key) stay inside.
 */
public record AttachmentResponse(String id, String companyId, String issueId, String issueCommentId, String assetId,
                                 String contentType, int byteSize, String sha256, String originalFilename,
                                 String contentPath, String createdByAgentId, String createdByUserId,
                                 String createdAt, String updatedAt) {

    public static AttachmentResponse of(StoredAttachment stored) {
        IssueAttachment a = stored.attachment();
        Asset s = stored.asset();
        return new AttachmentResponse(a.getId().toString(), a.getCompanyId().toString(), a.getIssueId().toString(),
                text(a.getIssueCommentId()), s.getId().toString(), s.getContentType(), s.getByteSize(), s.getSha256(),
                s.getOriginalFilename(), "/api/attachments/" + a.getId() + "/content", text(s.getCreatedByAgentId()),
                text(s.getCreatedByUserId()), Json.time(a.getCreatedAt()), Json.time(a.getUpdatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
