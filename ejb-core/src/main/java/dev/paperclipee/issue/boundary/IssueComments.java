package dev.paperclipee.issue.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.issue.control.IssueThread;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueComment;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Comments on issues (spec §7.7, §10.4): board users and the company's agents comment on any
 * issue of the company (agents discuss and delegate in threads, §9.2); reading is incremental
 * with {@code ?after=<commentId>}.
 */
@Stateless
public class IssueComments {

    public static final int DEFAULT_LIMIT = 500;
    public static final int MAX_LIMIT = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Issues issues;

    @Inject
    IssueThread thread;

    /** @param ref the issue's UUID or identifier */
    public IssueComment add(Actor actor, String ref, String body) {
        Issue issue = issues.find(actor, ref);
        return thread.add(actor, issue, body);
    }

    /**
     * @param after a comment of this issue (422 when it is not one), or null
     */
    public List<IssueComment> list(Actor actor, String ref, UUID after, boolean newestFirst, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_LIMIT, "invalid_limit");
        }
        Issue issue = issues.find(actor, ref);
        IssueComment anchor = null;
        if (after != null) {
            anchor = em.find(IssueComment.class, after);
            if (anchor == null || !anchor.getIssueId().equals(issue.getId())) {
                throw new RuleViolationException("after must be a comment of this issue", Map.of("after", after.toString()));
            }
        }
        return thread.read(issue.getId(), anchor, newestFirst, limit);
    }
}
