package dev.paperclipee.project.boundary;

import dev.paperclipee.shared.entity.Change;

import jakarta.json.JsonObject;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A partial update: a null field stays as it is; an empty description clears it; links, target
 * date and environment are {@link Change}s so that a client can clear them.
 */
public record ProjectChanges(String name, String description, String status, Change<UUID> goalId,
                             Change<UUID> leadAgentId, Change<LocalDate> targetDate, Change<JsonObject> env) {
}
