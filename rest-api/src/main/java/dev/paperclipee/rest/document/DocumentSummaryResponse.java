package dev.paperclipee.rest.document;

import dev.paperclipee.document.boundary.KeyedDocument;
import dev.paperclipee.document.entity.Document;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.shared.entity.WireEnum;

import static dev.paperclipee.rest.document.DocumentResponse.text;

/**
 * A document in the list of an issue's documents: every field of {@link DocumentResponse} but the
 * body (a body may be a megabyte; read it with {@code GET …/documents/:key}).
 */
public record DocumentSummaryResponse(String id, String companyId, String issueId, String key, String title,
                                      String format, String latestRevisionId, int latestRevisionNumber,
                                      String createdByAgentId, String createdByUserId, String updatedByAgentId,
                                      String updatedByUserId, String createdAt, String updatedAt) {

    public static DocumentSummaryResponse of(KeyedDocument k) {
        Document d = k.document();
        return new DocumentSummaryResponse(d.getId().toString(), d.getCompanyId().toString(), k.issueId().toString(),
                k.key(), d.getTitle(), WireEnum.of(d.getFormat()), text(d.getLatestRevisionId()),
                d.getLatestRevisionNumber(), text(d.getCreatedByAgentId()), text(d.getCreatedByUserId()),
                text(d.getUpdatedByAgentId()), text(d.getUpdatedByUserId()), Json.time(d.getCreatedAt()),
                Json.time(d.getUpdatedAt()));
    }
}
