package dev.paperclipee.rest.document;

import dev.paperclipee.document.entity.DocumentRevision;
import dev.paperclipee.rest.platform.Json;

import java.util.UUID;

import static dev.paperclipee.rest.document.DocumentResponse.text;

/** One revision of an issue document ({@code GET …/documents/:key/revisions}). */
public record RevisionResponse(String id, String companyId, String documentId, String issueId, String key,
                               int revisionNumber, String body, String changeSummary, String createdByAgentId,
                               String createdByUserId, String createdAt) {

    public static RevisionResponse of(DocumentRevision r, UUID issueId, String key) {
        return new RevisionResponse(r.getId().toString(), r.getCompanyId().toString(), r.getDocumentId().toString(),
                issueId.toString(), key, r.getRevisionNumber(), r.getBody(), r.getChangeSummary(),
                text(r.getCreatedByAgentId()), text(r.getCreatedByUserId()), Json.time(r.getCreatedAt()));
    }
}
