package dev.paperclipee.cost.control;

import dev.paperclipee.cost.entity.CostEvent;
import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Books a cost event and advances the month's spend of its agent, its project (if it has one) and
 * its company in the caller's transaction, then applies the budget rules (spec §13.2,
 * {@link BudgetEnforcer}) in that same transaction: when a report's 201 arrives, the spend
 * includes it and a used-up budget has already stopped its agent (api-contract).
 *
 * <p>Events are facts (spec §13.3). Each counter moves in one statement that locks its row, reads
 * the month's spend before, and writes the spend after — never read-modify-write across
 * statements — so concurrent reports cannot lose each other, and each learns exactly which
 * thresholds it crossed: of forty concurrent events, one crosses 80 % and one crosses 100 %.
 * Rows are locked agent, project, company, always in that order (a run's end locks its agent
 * first too), so concurrent bookings wait for each other rather than deadlock. The company's row
 * is the one every booking of a company waits for, until the booking's commit: callers do their
 * other writes before {@link #book}, so that only the counters and the budget rules come after. An event counts in
 * the UTC month it is booked in ({@code created_at}); a counter of an earlier month starts again
 * from this event ({@link MonthlySpend}).
 *
 * <p>The project, goal and billing code are the issue's when not given. Links are not checked
 * here: callers pass ids of the event's company (the table's composite keys refuse others). Both
 * ways spend arrives — an agent's report ({@code cost.boundary.CostEvents}) and the usage a run's
 * adapter reports ({@code heartbeat.boundary.RunLifecycle}) — book through here.
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

    private static final String INSERT = """
            insert into cost_events (id, company_id, agent_id, issue_id, project_id, goal_id, heartbeat_run_id,
                                     billing_code, provider, model, input_tokens, cached_input_tokens,
                                     output_tokens, cost_cents, occurred_at)
            select cast(?1 as uuid), cast(?2 as uuid), cast(?3 as uuid), i.id,
                   coalesce(cast(?13 as uuid), i.project_id), coalesce(cast(?14 as uuid), i.goal_id),
                   cast(?5 as uuid), coalesce(cast(?15 as text), i.billing_code), ?6, ?7, ?8, ?9, ?10, ?11,
                   cast(?12 as timestamptz)
              from (select 1) one
              left join issues i on i.id = cast(?4 as uuid) and i.company_id = cast(?2 as uuid)
            returning cast(project_id as text)
            """;

    /**
     * One counter: the CTE locks the row and reads this month's spend (0 for a counter of an
     * earlier month); the update writes spend + cents, capped at the column's range. PostgreSQL's
     * row lock makes a concurrent booking of the same row wait and then read this one's result.
     * {@code no key update}, the lock an update of non-key columns takes anyway: a plain
     * {@code for update} would also wait for the key-share locks the foreign keys of concurrent
     * inserts into {@code cost_events} hold on the same row — two bookings would deadlock.
     */
    private static final String ADVANCE = """
            with before as (
                select x.id, %1$s as spent from %2$s x where x.id = cast(?1 as uuid) for no key update
            )
            update %2$s t
               set spent_monthly_cents = least(before.spent::bigint + ?2, 2147483647),
                   spent_month = %3$s
              from before
             where t.id = before.id
            returning before.spent, t.spent_monthly_cents, t.budget_monthly_cents
            """;

    @PersistenceContext
    EntityManager em;

    @Inject
    BudgetEnforcer budgets;

    /** Books the event; answers its id. */
    public UUID book(Entry entry) {
        UUID id = UUID.randomUUID();
        book(id, entry, false);
        return id;
    }

    /**
     * Books the event under the given id and answers it as stored (the issue's links filled in).
     * It is read back before the counters move: from the first counter on, this transaction holds
     * row locks that concurrent bookings wait for until it commits, so nothing else belongs there.
     */
    public CostEvent book(UUID id, Entry entry) {
        return book(id, entry, true);
    }

    private CostEvent book(UUID id, Entry entry, boolean read) {
        List<?> inserted = em.createNativeQuery(INSERT)
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
                .getResultList();
        Object project = inserted.isEmpty() ? null : inserted.get(0);
        UUID projectId = project == null ? null : UUID.fromString(project.toString());
        CostEvent event = read ? em.find(CostEvent.class, id) : null;
        int cents = clamp(entry.costCents());
        if (cents > 0) {
            BudgetEnforcer.Spend agent = advance("agents", entry.agentId(), cents);
            BudgetEnforcer.Spend projectSpend = projectId == null ? null : advance("projects", projectId, cents);
            BudgetEnforcer.Spend company = advance("companies", entry.companyId(), cents);
            budgets.booked(new BudgetEnforcer.Booking(id, entry.companyId(), entry.agentId(), projectId, agent,
                    projectSpend, company));
        }
        return event;
    }

    /** Advances the month's spend of an agent, project or company; null if the row is gone. */
    private BudgetEnforcer.Spend advance(String table, UUID id, int cents) {
        List<?> rows = em.createNativeQuery(ADVANCE.formatted(MonthlySpend.spentSql("x"), table, MonthlySpend.CURRENT_MONTH_SQL))
                .setParameter(1, id.toString())
                .setParameter(2, cents)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = (Object[]) rows.get(0);
        return BudgetEnforcer.Spend.booked(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue());
    }

    /** The columns are 32-bit: an absurd report is capped rather than failing the run's bookkeeping. */
    private static int clamp(long value) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
    }
}
