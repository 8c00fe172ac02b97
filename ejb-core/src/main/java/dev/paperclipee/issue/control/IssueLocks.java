package dev.paperclipee.issue.control;

import dev.paperclipee.issue.entity.IssueStatus;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The atomic checkout of spec §10.4.1: exactly one conditional {@code UPDATE}, so that of any
 * number of concurrent claims on one issue the database lets exactly one through. The claim
 * succeeds only when the issue is in one of the expected statuses, is unassigned or already the
 * claimant's, is not held by a user, the agent may work (not paused, terminated or awaiting
 * approval), and no other <em>live</em> run holds the checkout lock — a lock left by a finished
 * or vanished run is taken over in the same statement (execution-semantics §4, self-healing).
 */
@Dependent
public class IssueLocks {

    private static final String CHECKOUT = """
            update issues i
               set assignee_agent_id = cast(?1 as uuid),
                   status = 'in_progress',
                   started_at = coalesce(i.started_at, now()),
                   checkout_run_id = cast(?2 as uuid),
                   execution_run_id = cast(?2 as uuid),
                   execution_locked_at = case when cast(?2 as uuid) is null then null else now() end,
                   version = i.version + 1
             where i.id = cast(?3 as uuid)
               and i.company_id = cast(?4 as uuid)
               and i.status = any (cast(?5 as text[]))
               and (i.assignee_agent_id is null or i.assignee_agent_id = cast(?1 as uuid))
               and i.assignee_user_id is null
               and (i.checkout_run_id is null
                    or i.checkout_run_id = cast(?2 as uuid)
                    or not exists (select 1 from heartbeat_runs r
                                    where r.id = i.checkout_run_id and r.status in ('queued', 'running')))
               and exists (select 1 from agents a
                            where a.id = cast(?1 as uuid) and a.company_id = i.company_id
                              and a.status not in ('paused', 'terminated', 'pending_approval'))
            """;

    @PersistenceContext
    EntityManager em;

    /** @return whether this claim won; on false nothing was changed */
    public boolean checkout(UUID companyId, UUID issueId, UUID agentId, UUID runId, Set<IssueStatus> expected) {
        String statuses = expected.stream().map(Enum::name).sorted().collect(Collectors.joining(",", "{", "}"));
        int updated = em.createNativeQuery(CHECKOUT)
                .setParameter(1, agentId.toString())
                .setParameter(2, runId == null ? null : runId.toString())
                .setParameter(3, issueId.toString())
                .setParameter(4, companyId.toString())
                .setParameter(5, statuses)
                .executeUpdate();
        return updated == 1;
    }

    /** Whether a run that is still queued or running holds this lock (a finished run's lock is stale). */
    public boolean live(UUID runId) {
        if (runId == null) {
            return false;
        }
        Number n = (Number) em.createNativeQuery(
                        "select count(*) from heartbeat_runs where id = cast(?1 as uuid) and status in ('queued', 'running')")
                .setParameter(1, runId.toString())
                .getSingleResult();
        return n.longValue() > 0;
    }
}
