package dev.paperclipee.rest.document;

import dev.paperclipee.document.boundary.KeyedDocument;
import dev.paperclipee.document.entity.Document;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.shared.entity.WireEnum;

import java.util.UUID;

/** An issue document as the API shows it (api-contract.md, "GET/PUT /issues/:id/documents/:key"). */
public record DocumentResponse(String id, String companyId, String issueId, String key, String title, String format,
                               String body, String latestRevisionId, int latestRevisionNumber,
                               String createdByAgentId, String createdByUserId, String updatedByAgentId,
                               String updatedByUserId, String createdAt, String updatedAt) {

    public static DocumentResponse of(KeyedDocument k) {
        Document d = k.document();
        return new DocumentResponse(d.getId().toString(), d.getCompanyId().toString(), k.issueId().toString(), k.key(),
                d.getTitle(), WireEnum.of(d.getFormat()), d.getLatestBody(), text(d.getLatestRevisionId()),
                d.getLatestRevisionNumber(), text(d.getCreatedByAgentId()), text(d.getCreatedByUserId()),
                text(d.getUpdatedByAgentId()), text(d.getUpdatedByUserId()), Json.time(d.getCreatedAt()),
                Json.time(d.getUpdatedAt()));
    }

    static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
