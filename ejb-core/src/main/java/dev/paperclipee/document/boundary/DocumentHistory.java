package dev.paperclipee.document.boundary;

import dev.paperclipee.document.entity.DocumentRevision;

import java.util.List;
import java.util.UUID;

/** Revisions of the document an issue keeps under {@code key}, newest first. */
public record DocumentHistory(UUID issueId, String key, List<DocumentRevision> revisions) {
}
