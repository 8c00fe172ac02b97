package dev.paperclipee.issue.control;

import dev.paperclipee.issue.entity.IssueStatus;

import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The atomic checkout of spec §10.4.1: exactly one conditional {@code UPDATE}, so that of any
 * number of concurrent claims on one issue the database lets exactly one through. The claim
 * succeeds only when the issue is in one of the expected statuses, is unassigned or already the
 * claimant's, is not held by a user, the agent may work (not paused, terminated or awaiting
 * approval; its company active; no used-up monthly budget of the agent, the company or the
 * issue's project, spec §13.2), and no other <em>live</em> run holds the checkout lock — a lock left by a finished
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
               and exists (select 1 from agents a join companies c on c.id = a.company_id
                            where a.id = cast(?1 as uuid) and a.company_id = i.company_id
                              and a.status not in ('paused', 'terminated', 'pending_approval')
                              and c.status = 'active' and not %1$s and not %2$s)
               and not exists (select 1 from projects p where p.id = i.project_id and %3$s)
            """.formatted(MonthlySpend.exhaustedSql("a"), MonthlySpend.exhaustedSql("c"), MonthlySpend.exhaustedSql("p"));

    private static final String WORK_STOP = """
            select c.status, c.pause_reason, %1$s, %2$s, a.budget_monthly_cents, %4$s, c.budget_monthly_cents, %5$s,
                   (select cast(p.id as text) from issues i join projects p on p.id = i.project_id
                     where i.id = cast(?3 as uuid) and %3$s)
              from agents a join companies c on c.id = a.company_id
             where a.id = cast(?1 as uuid) and c.id = cast(?2 as uuid)
            """.formatted(MonthlySpend.exhaustedSql("a"), MonthlySpend.exhaustedSql("c"), MonthlySpend.exhaustedSql("p"),
            MonthlySpend.spentSql("a"), MonthlySpend.spentSql("c"));

    /** Why no new work may start for an agent on an issue (spec §13.2), as a 409's message and details. */
    public record WorkStop(String message, Map<String, Object> details) {
    }

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

    /**
     * The company or budget that stops new work for this agent on this issue, if any: a company
     * that is not active (paused by the board or by its budget, or archived), or a used-up monthly
     * budget of the agent, the company or the issue's project.
     */
    public Optional<WorkStop> workStop(UUID companyId, UUID issueId, UUID agentId) {
        List<?> rows = em.createNativeQuery(WORK_STOP)
                .setParameter(1, agentId.toString())
                .setParameter(2, companyId.toString())
                .setParameter(3, issueId.toString())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issueId", issueId.toString());
        details.put("agentId", agentId.toString());
        if (!"active".equals(row[0])) {
            details.put("companyStatus", row[0]);
            details.put("companyPauseReason", row[1]);
            return Optional.of(new WorkStop("Company is " + row[0] + (row[1] == null ? "" : " (" + row[1] + ")")
                    + "; its agents cannot check out work", details));
        }
        if (Boolean.TRUE.equals(row[2])) {
            details.put("budgetMonthlyCents", ((Number) row[4]).longValue());
            details.put("spentMonthlyCents", ((Number) row[5]).longValue());
            return Optional.of(new WorkStop("Agent has used its monthly budget; it cannot check out work", details));
        }
        if (Boolean.TRUE.equals(row[3])) {
            details.put("companyBudgetMonthlyCents", ((Number) row[6]).longValue());
            details.put("companySpentMonthlyCents", ((Number) row[7]).longValue());
            return Optional.of(new WorkStop("Company has used its monthly budget; its agents cannot check out work", details));
        }
        if (row[8] != null) {
            details.put("projectId", row[8]);
            return Optional.of(new WorkStop("Project has used its monthly budget; its issues cannot be checked out", details));
        }
        return Optional.empty();
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
