package dev.paperclipee.goal.boundary;

import dev.paperclipee.shared.entity.Change;

import java.util.UUID;

/**
 * A partial update: a null field stays as it is; an empty description clears it; the links are
 * {@link Change}s so that a client can unlink a parent or an owner.
 */
public record GoalChanges(String title, String description, String level, String status, Change<UUID> parentId,
                          Change<UUID> ownerAgentId) {
}
