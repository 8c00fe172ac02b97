package dev.paperclipee.issue.control;

import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.shared.entity.InvalidInputException;

import java.util.Set;
import java.util.UUID;

/**
 * What {@code GET /companies/:cid/issues} filters by; null or empty means "any". Paging is
 * {@code limit}/{@code offset} over a stable order (newest issue number first).
 *
 * @param statuses        any of these statuses
 * @param assigneeAgentId assigned to this agent
 * @param projectId       in this project
 * @param parentId        direct sub-issues of this issue
 * @param q               free text, matched case-insensitively in identifier, title and description
 * @param priorities      any of these priorities (the board's filter; the API has none)
 */
public record IssueFilter(Set<IssueStatus> statuses, UUID assigneeAgentId, UUID projectId, UUID parentId, String q,
                          Set<IssuePriority> priorities, int limit, int offset) {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;
    public static final int MAX_QUERY = 200;

    public IssueFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_LIMIT, "invalid_limit");
        }
        if (offset < 0) {
            throw new InvalidInputException("offset", "must be zero or more", "too_small");
        }
        if (q != null && q.length() > MAX_QUERY) {
            throw new InvalidInputException("q", "must be at most " + MAX_QUERY + " characters", "too_big");
        }
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        q = q == null || q.isBlank() ? null : q.strip();
    }

    /** Any priority. */
    public IssueFilter(Set<IssueStatus> statuses, UUID assigneeAgentId, UUID projectId, UUID parentId, String q,
                       int limit, int offset) {
        this(statuses, assigneeAgentId, projectId, parentId, q, Set.of(), limit, offset);
    }

    /** The same filter for another page. */
    public IssueFilter page(int newLimit, int newOffset) {
        return new IssueFilter(statuses, assigneeAgentId, projectId, parentId, q, priorities, newLimit, newOffset);
    }
}
