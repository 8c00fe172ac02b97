/** Spec §10.4: {@code /api/issues/:issueId/documents}. */
package dev.paperclipee.rest.document;
