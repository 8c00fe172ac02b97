package dev.paperclipee.document.boundary;

import dev.paperclipee.document.entity.Document;

import java.util.UUID;

/** A document as an issue knows it: under its key. */
public record KeyedDocument(UUID issueId, String key, Document document) {
}
