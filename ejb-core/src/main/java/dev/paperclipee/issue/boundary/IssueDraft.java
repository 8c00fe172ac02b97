package dev.paperclipee.issue.boundary;

import java.util.UUID;

/**
 * What a caller gives to create an issue. Null status means {@code todo} with an assignee and
 * {@code backlog} without; null priority {@code medium}; a null goal is taken from the parent,
 * else from the project, else the company's root goal (every issue traces to a goal, §7.6).
 */
public record IssueDraft(String title, String description, String status, String priority, UUID assigneeAgentId,
                         String assigneeUserId, UUID projectId, UUID goalId, UUID parentId, String billingCode) {
}
