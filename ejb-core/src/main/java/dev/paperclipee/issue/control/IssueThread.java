package dev.paperclipee.issue.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.issue.boundary.IssueCommented;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueComment;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An issue's comment thread: adding (with its {@code issue.comment_added} row) and reading it in
 * order, incrementally after a known comment (keyset paging on {@code (created_at, id)}, the
 * index {@code issue_comments(issue_id, created_at, id)}).
 */
@Dependent
public class IssueThread {

    @PersistenceContext
    EntityManager em;

    @Inject
    ActivityLog activity;

    @Inject
    Event<IssueCommented> commented;

    public IssueComment add(Actor actor, Issue issue, String body) {
        IssueComment comment = new IssueComment(issue, actor.agentId(), actor.userId(), body);
        em.persist(comment);
        activity.record(actor, issue.getCompanyId(), "issue.comment_added", "issue", issue.getId(),
                Map.of("commentId", comment.getId().toString(), "identifier", issue.getIdentifier(),
                        "bodyLength", comment.getBody().length()));
        commented.fire(new IssueCommented(issue.getCompanyId(), issue.getId(), comment.getId(), actor, comment.getBody()));
        return comment;
    }

    /**
     * @param after only comments newer than this one (null: from the start)
     * @param newestFirst the order of the answer
     */
    public List<IssueComment> read(UUID issueId, IssueComment after, boolean newestFirst, int limit) {
        String order = newestFirst ? " order by c.createdAt desc, c.id desc" : " order by c.createdAt, c.id";
        String jpql = "select c from IssueComment c where c.issueId = :issueId"
                + (after == null ? "" : " and (c.createdAt > :t or (c.createdAt = :t and c.id > :id))") + order;
        var query = em.createQuery(jpql, IssueComment.class).setParameter("issueId", issueId);
        if (after != null) {
            query.setParameter("t", after.getCreatedAt()).setParameter("id", after.getId());
        }
        return query.setMaxResults(limit).getResultList();
    }
}
