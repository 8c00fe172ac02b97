package dev.paperclipee.attachment.boundary;

import java.util.UUID;

/** Where an upload goes and how large it may be, checked before its bytes are read. */
public record UploadTarget(UUID companyId, UUID issueId, int maxBytes) {
}
