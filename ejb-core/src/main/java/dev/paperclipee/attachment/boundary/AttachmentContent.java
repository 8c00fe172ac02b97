package dev.paperclipee.attachment.boundary;

import java.io.InputStream;

/** An attachment and an open stream of its bytes; the reader closes it. */
public record AttachmentContent(StoredAttachment attachment, InputStream bytes) {
}
