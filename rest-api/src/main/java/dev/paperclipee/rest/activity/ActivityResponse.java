package dev.paperclipee.rest.activity;

import dev.paperclipee.activity.entity.ActivityEntry;
import dev.paperclipee.rest.platform.Json;
import dev.paperclipee.secret.control.Redaction;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.json.JsonObject;

import java.util.UUID;

/** An activity row as the API shows it (api-contract.md, "GET /companies/:id/activity"); details redacted (spec §7.12). */
public record ActivityResponse(String id, String companyId, String actorType, String actorId, String action,
                               String entityType, String entityId, String agentId, String runId, JsonObject details,
                               String createdAt) {

    // identity, not fields: JSON-B's recursion check puts every written object in a HashSet, and the
    // generated hash walks every text of the page (descriptions and bodies up to 100,000 characters)
    @Override public boolean equals(Object other) { return this == other; }
    @Override public int hashCode() { return System.identityHashCode(this); }

    public static ActivityResponse of(ActivityEntry a) {
        return new ActivityResponse(a.getId().toString(), a.getCompanyId().toString(), WireEnum.of(a.getActorType()),
                a.getActorId(), a.getAction(), a.getEntityType(), a.getEntityId(), text(a.getAgentId()),
                text(a.getRunId()), Redaction.of(a.getDetails()), Json.time(a.getCreatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
