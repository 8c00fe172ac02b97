package dev.paperclipee.document.boundary;

import java.util.UUID;

/**
 * A write of an issue document ({@code PUT /issues/:id/documents/:key}).
 *
 * @param title          null keeps the current title (none for a new document), blank clears it
 * @param format         {@code markdown}, or null for the current format
 * @param body           required, may be empty
 * @param baseRevisionId the latest revision the writer has seen; null when creating the key
 * @param changeSummary  optional note stored with the revision
 */
public record DocumentDraft(String title, String format, String body, UUID baseRevisionId, String changeSummary) {
}
