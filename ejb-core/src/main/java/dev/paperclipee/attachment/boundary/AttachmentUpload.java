package dev.paperclipee.attachment.boundary;

import java.util.UUID;

/**
 * What a client said about an uploaded file.
 *
 * @param originalFilename the file name of the upload, or null
 * @param contentType      the declared media type, or null (normalized by the asset)
 * @param issueCommentId   a comment of the same issue the file belongs to, or null
 */
public record AttachmentUpload(String originalFilename, String contentType, UUID issueCommentId) {
}
