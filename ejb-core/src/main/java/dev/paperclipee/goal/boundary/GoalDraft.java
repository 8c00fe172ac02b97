package dev.paperclipee.goal.boundary;

import java.util.UUID;

/**
 * What a caller gives to create a goal; null level and status take their defaults ({@code task},
 * {@code planned}), null links stay empty.
 *
 * @param level  {@code company}, {@code team}, {@code agent} or {@code task}
 * @param status {@code planned}, {@code active}, {@code achieved} or {@code cancelled}
 */
public record GoalDraft(String title, String description, String level, String status, UUID parentId,
                        UUID ownerAgentId) {
}
