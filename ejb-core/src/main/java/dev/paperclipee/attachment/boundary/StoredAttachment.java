package dev.paperclipee.attachment.boundary;

import dev.paperclipee.attachment.entity.Asset;
import dev.paperclipee.attachment.entity.IssueAttachment;

/** An attachment with the metadata of its stored object. */
public record StoredAttachment(IssueAttachment attachment, Asset asset) {
}
