package dev.paperclipee.cost.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Books a cost event and advances the month's spend of its agent and company in the caller's
 * transaction (spec §13.3: events are facts; {@code spent_monthly_cents} is advanced by an atomic
 * SQL increment, never read-modify-write, so concurrent reports cannot lose each other). The
 * project, goal and billing code are the issue's when not given. Links are not checked here:
 * callers pass ids of the event's company (the table's composite keys refuse others).
 *
 * <p>Both ways spend arrives — an agent's report ({@code cost.boundary.CostEvents}) and the usage
 * a run's adapter reports ({@code heartbeat.boundary.RunLifecycle}) — book through here, so this
 * is where the month spend changes and where budget enforcement (spec §13.2) will look after it.
 */
@Dependent
public class CostLedger {

    /**
     * What one cost event records (spec §7.9). Token counts and cents are bounded by the columns
     * (int). A null project, goal or billing code is taken from the issue, if any.
     */
    public record Entry(UUID companyId, UUID agentId, UUID issueId, UUID heartbeatRunId, String provider, String model,
                        long inputTokens, long cachedInputTokens, long outputTokens, long costCents,
                        OffsetDateTime occurredAt, UUID projectId, UUID goalId, String billingCode) {

        /** An event whose project, goal and billing code follow its issue (a run's usage). */
        public Entry(UUID companyId, UUID agentId, UUID issueId, UUID heartbeatRunId, String provider, String model,
                     long inputTokens, long cachedInputTokens, long outputTokens, long costCents,
                     OffsetDateTime occurredAt) {
            this(companyId, agentId, issueId, heartbeatRunId, provider, model, inputTokens, cachedInputTokens,
                    outputTokens, costCents, occurredAt, null, null, null);
        }
    }

    @PersistenceContext
    EntityManager em;

    public UUID book(Entry entry) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("""
                        insert into cost_events (id, company_id, agent_id, issue_id, project_id, goal_id, heartbeat_run_id,
                                                 billing_code, provider, model, input_tokens, cached_input_tokens,
                                                 output_tokens, cost_cents, occurred_at)
                        select cast(?1 as uuid), cast(?2 as uuid), cast(?3 as uuid), i.id,
                               coalesce(cast(?13 as uuid), i.project_id), coalesce(cast(?14 as uuid), i.goal_id),
                               cast(?5 as uuid), coalesce(cast(?15 as text), i.billing_code), ?6, ?7, ?8, ?9, ?10, ?11,
                               cast(?12 as timestamptz)
                          from (select 1) one
                          left join issues i on i.id = cast(?4 as uuid) and i.company_id = cast(?2 as uuid)
                        """)
                .setParameter(1, id.toString())
                .setParameter(2, entry.companyId().toString())
                .setParameter(3, entry.agentId().toString())
                .setParameter(4, entry.issueId() == null ? null : entry.issueId().toString())
                .setParameter(5, entry.heartbeatRunId() == null ? null : entry.heartbeatRunId().toString())
                .setParameter(6, entry.provider())
                .setParameter(7, entry.model())
                .setParameter(8, clamp(entry.inputTokens()))
                .setParameter(9, clamp(entry.cachedInputTokens()))
                .setParameter(10, clamp(entry.outputTokens()))
                .setParameter(11, clamp(entry.costCents()))
                .setParameter(12, entry.occurredAt().toString())
                .setParameter(13, entry.projectId() == null ? null : entry.projectId().toString())
                .setParameter(14, entry.goalId() == null ? null : entry.goalId().toString())
                .setParameter(15, entry.billingCode())
                .executeUpdate();
        int cents = clamp(entry.costCents());
        if (cents > 0) {
            advance("agents", entry.agentId(), cents);
            advance("companies", entry.companyId(), cents);
        }
        return id;
    }

    /** {@code spent_monthly_cents} of an agent or a company, in one atomic statement, capped at the column's range. */
    private void advance(String table, UUID id, int cents) {
        em.createNativeQuery("update " + table + " set spent_monthly_cents = least(spent_monthly_cents::bigint + ?2, 2147483647)"
                        + " where id = cast(?1 as uuid)")
                .setParameter(1, id.toString())
                .setParameter(2, cents)
                .executeUpdate();
    }

    /** The columns are 32-bit: an absurd report is capped rather than failing the run's bookkeeping. */
    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
    }
}
