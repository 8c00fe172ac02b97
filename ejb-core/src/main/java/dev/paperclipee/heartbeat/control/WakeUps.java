package dev.paperclipee.heartbeat.control;

import dev.paperclipee.agent.boundary.AgentHalted;
import dev.paperclipee.heartbeat.boundary.RunsQueued;
import dev.paperclipee.heartbeat.boundary.RunsToStop;
import dev.paperclipee.heartbeat.entity.InvocationSource;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.issue.boundary.IssueAssigned;
import dev.paperclipee.issue.boundary.IssueCommented;
import dev.paperclipee.shared.entity.JsonText;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns what happens to issues and agents into heartbeat work (execution-semantics §2, §7), in
 * the transaction of the change itself, so that a committed assignment always has its wake and
 * a rolled-back one never does:
 * <ul>
 *   <li>an issue given to an agent → {@code issue_assigned} (not when the agent assigned itself);</li>
 *   <li>a board comment on an agent's open issue → {@code issue_commented} for its assignee;</li>
 *   <li>a comment naming an agent as {@code @Name} → {@code issue_comment_mentioned} for that agent
 *       (never for the comment's own author);</li>
 *   <li>an agent paused (by the board or its budget) or terminated → its queued runs are cancelled,
 *       its running runs stopped.</li>
 * </ul>
 * Wakes go only to agents that may run and take wakes ({@code heartbeat.wakeOnDemand}, api-contract:
 * an agent with wakes off is never started by the server), and are coalesced by the queue.
 */
@ApplicationScoped
public class WakeUps {

    @PersistenceContext
    EntityManager em;

    @Inject
    RunQueue queue;

    @Inject
    Event<RunsQueued> queued;

    @Inject
    Event<RunsToStop> stopping;

    void onAssigned(@Observes IssueAssigned event) {
        if (event.agentId().equals(event.by().agentId())) {
            return;
        }
        wake(event.companyId(), event.agentId(), event.issueId(), "issue_assigned", null);
    }

    void onCommented(@Observes IssueCommented event) {
        UUID author = event.author().agentId();
        List<?> issue = em.createNativeQuery("""
                        select cast(assignee_agent_id as text), status from issues where id = cast(?1 as uuid)
                        """)
                .setParameter(1, event.issueId().toString())
                .getResultList();
        if (issue.isEmpty()) {
            return;
        }
        Object[] row = (Object[]) issue.get(0);
        String status = (String) row[1];
        boolean open = !status.equals("done") && !status.equals("cancelled");
        String detail = JsonText.JSON.createObjectBuilder().add("commentId", event.commentId().toString()).build().toString();
        UUID assignee = row[0] == null ? null : UUID.fromString((String) row[0]);
        if (assignee != null && open && event.author().isBoard()) {
            wake(event.companyId(), assignee, event.issueId(), "issue_commented", detail);
        }
        if (event.body().indexOf('@') >= 0) {
            for (UUID mentioned : mentioned(event.companyId(), event.body())) {
                if (!mentioned.equals(author) && !(mentioned.equals(assignee) && open && event.author().isBoard())) {
                    wake(event.companyId(), mentioned, event.issueId(), "issue_comment_mentioned", detail);
                }
            }
        }
    }

    void onHalted(@Observes AgentHalted event) {
        for (UUID runId : queue.agentRuns(event.agentId(), RunStatus.queued)) {
            queue.finish(runId, RunStatus.cancelled, null, event.message(), event.reason(), null, null, null, 0, null);
        }
        List<UUID> running = new ArrayList<>();
        for (UUID runId : queue.agentRuns(event.agentId(), RunStatus.running)) {
            if (queue.requestCancel(runId)) {
                running.add(runId);
            }
        }
        if (!running.isEmpty()) {
            stopping.fire(new RunsToStop(running));
        }
    }

    /** Queues a wake for an agent that may run and takes wakes; returns whether one is queued. */
    public boolean wake(UUID companyId, UUID agentId, UUID issueId, String reason, String detail) {
        List<?> agent = em.createNativeQuery("""
                        select status, coalesce(runtime_config -> 'heartbeat' -> 'wakeOnDemand', 'true'::jsonb) = 'true'::jsonb
                          from agents where id = cast(?1 as uuid) and company_id = cast(?2 as uuid)
                        """)
                .setParameter(1, agentId.toString())
                .setParameter(2, companyId.toString())
                .getResultList();
        if (agent.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) agent.get(0);
        String status = (String) row[0];
        if (!Boolean.TRUE.equals(row[1]) || status.equals("paused") || status.equals("terminated")
                || status.equals("pending_approval")) {
            return false;
        }
        InvocationSource source = reason.equals("issue_assigned") ? InvocationSource.assignment : InvocationSource.automation;
        queue.enqueue(companyId, agentId, issueId, source, reason, detail, null, null, 0);
        queued.fire(new RunsQueued());
        return true;
    }

    /** Agents of the company named in the text as {@code @Name} (case-insensitive, whole name). */
    List<UUID> mentioned(UUID companyId, String body) {
        List<?> agents = em.createNativeQuery("""
                        select cast(id as text), name from agents where company_id = cast(?1 as uuid) and status <> 'terminated'
                        """)
                .setParameter(1, companyId.toString())
                .getResultList();
        String text = body.toLowerCase(Locale.ROOT);
        List<UUID> found = new ArrayList<>();
        for (Object agent : agents) {
            Object[] row = (Object[]) agent;
            if (mentions(text, ((String) row[1]).toLowerCase(Locale.ROOT))) {
                found.add(UUID.fromString((String) row[0]));
            }
        }
        return found;
    }

    static boolean mentions(String text, String name) {
        String handle = "@" + name;
        for (int at = text.indexOf(handle); at >= 0; at = text.indexOf(handle, at + 1)) {
            int end = at + handle.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }
}
