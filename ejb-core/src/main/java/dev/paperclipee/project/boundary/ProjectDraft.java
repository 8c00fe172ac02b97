package dev.paperclipee.project.boundary;

import jakarta.json.JsonObject;

import java.time.LocalDate;
import java.util.UUID;

/**
 * What a caller gives to create a project; a null status takes the default ({@code backlog}),
 * null links, date and environment stay empty.
 *
 * @param status {@code backlog}, {@code planned}, {@code in_progress}, {@code completed} or {@code cancelled}
 */
public record ProjectDraft(String name, String description, String status, UUID goalId, UUID leadAgentId,
                           LocalDate targetDate, JsonObject env) {
}
