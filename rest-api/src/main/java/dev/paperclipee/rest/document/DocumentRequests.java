package dev.paperclipee.rest.document;

import dev.paperclipee.document.boundary.DocumentDraft;
import dev.paperclipee.document.entity.Document;
import dev.paperclipee.rest.platform.Json;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the document routes; lengths are checked again by the entities. */
public final class DocumentRequests {

    private DocumentRequests() {
    }

    /**
     * {@code PUT /issues/:id/documents/:key}. {@code body} is required but may be empty;
     * {@code baseRevisionId} is the latest revision the writer has seen (absent for a new key).
     */
    @Schema(name = "DocumentPutRequest")
    public record Put(@Size(max = 500) String title,
                      String format,
                      @NotNull @Size(max = Document.MAX_BODY) String body,
                      @Size(max = 36) String baseRevisionId,
                      @Size(max = 500) String changeSummary) {
        DocumentDraft toDraft() {
            return new DocumentDraft(title, format, body, Json.uuid("baseRevisionId", baseRevisionId), changeSummary);
        }
    }
}
