package dev.paperclipee.cost.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.boundary.AgentHalted;
import dev.paperclipee.cost.boundary.BudgetExhausted;
import dev.paperclipee.shared.entity.MonthlySpend;
import dev.paperclipee.shared.entity.MonthlySpend.BudgetAlert;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The budget rules of spec §13.2, applied in the caller's transaction wherever spend or a budget
 * changes: a booking ({@link CostLedger}, for agents' reports and runs' usage alike) or the board
 * setting a budget ({@code cost.boundary.Budgets}).
 *
 * <p>A threshold is <em>crossed</em> when one change moves spend from below it to at or above it
 * against the budget in force: the soft alert at 80 %, the hard stop at 100 % (a budget of 0 has
 * neither). Each crossing writes one activity row — {@code budget.soft_threshold_crossed} or
 * {@code budget.hard_threshold_crossed} (the latter with {@code "priority": "high"}) — on the
 * agent, project or company whose budget it is. A change that jumps past both writes both. So a
 * row is written once per month and budget, however many events follow: the next event starts
 * above the threshold and crosses nothing. Concurrent bookings cannot both cross one threshold:
 * each learns the spend before and after it from the statement that advanced the counter, under
 * the row lock (see {@link CostLedger}). A new month starts from 0, and a raised budget puts the
 * spend below its thresholds again; crossing them then writes new rows.
 *
 * <p>The hard stop: an agent is paused with reason {@code budget} ({@code idle | running → paused},
 * §8.1; its queued runs are cancelled and its running ones stopped through {@link AgentHalted});
 * a company is paused with reason {@code budget}, so that none of its agents is invoked, claims a
 * run or checks out work; a project's issues can no longer be checked out or run. The runs of a
 * company or project are stopped right after the commit ({@link BudgetExhausted}). Raising a
 * budget resumes nothing: the board resumes the agent or company (§13.2, "board may override").
 */
@Dependent
public class BudgetEnforcer {

    /** The budget rows are the system's reaction, whoever reported the spend. */
    static final Actor BUDGET = Actor.system("budget");

    /** Whose budget: also the activity row's entity type. */
    public enum Scope { agent, project, company }

    /**
     * This month's spend and the budget in force before and after one change: a booking moves the
     * spend, the board moves the budget.
     */
    public record Spend(long spentBefore, long budgetBefore, long spentAfter, long budgetAfter) {

        /** Around a booking: the budget stays. */
        public static Spend booked(long before, long after, long budget) {
            return new Spend(before, budget, after, budget);
        }

        /** Around a budget change: the spend stays. */
        public static Spend rebudgeted(long spent, long budgetBefore, long budgetAfter) {
            return new Spend(spent, budgetBefore, spent, budgetAfter);
        }

        BudgetAlert from() {
            return MonthlySpend.alert(spentBefore, budgetBefore);
        }

        BudgetAlert to() {
            return MonthlySpend.alert(spentAfter, budgetAfter);
        }
    }

    /** One booked event and the counters it advanced; {@code project} is null for an event without a project. */
    public record Booking(UUID eventId, UUID companyId, UUID agentId, UUID projectId, Spend agent, Spend project,
                          Spend company) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ActivityLog activity;

    @Inject
    Event<AgentHalted> halted;

    @Inject
    Event<BudgetExhausted> exhausted;

    /** After a booking: the crossings of the agent's, the project's and the company's budgets, with their stops. */
    public void booked(Booking booking) {
        if (booking.agent() != null && cross(BUDGET, Scope.agent, booking.agentId(), booking.companyId(),
                booking.agentId(), booking.agent(), booking.eventId())) {
            pauseAgent(booking.agentId(), booking.companyId());
        }
        if (booking.project() != null && cross(BUDGET, Scope.project, booking.projectId(), booking.companyId(),
                booking.agentId(), booking.project(), booking.eventId())) {
            exhausted.fire(new BudgetExhausted(booking.companyId(), booking.projectId()));
        }
        if (booking.company() != null && cross(BUDGET, Scope.company, booking.companyId(), booking.companyId(),
                booking.agentId(), booking.company(), booking.eventId())) {
            stopCompany(booking.companyId());
        }
    }

    /**
     * Writes the rows of the thresholds a change crossed; answers whether it crossed the hard stop
     * (the caller stops the agent, project or company).
     *
     * @param agentId     the agent the row concerns (its spend, or the agent whose event it was), or null
     * @param costEventId the event that crossed, or null when a budget change did
     */
    public boolean cross(Actor actor, Scope scope, UUID scopeId, UUID companyId, UUID agentId, Spend spend,
                         UUID costEventId) {
        BudgetAlert from = spend.from();
        BudgetAlert to = spend.to();
        if (to.compareTo(from) <= 0) {
            return false;
        }
        if (from == BudgetAlert.none) {
            record(actor, scope, scopeId, companyId, agentId, spend, costEventId, MonthlySpend.SOFT_PERCENT);
        }
        if (to == BudgetAlert.hard) {
            record(actor, scope, scopeId, companyId, agentId, spend, costEventId, MonthlySpend.HARD_PERCENT);
            return true;
        }
        return false;
    }

    private void record(Actor actor, Scope scope, UUID scopeId, UUID companyId, UUID agentId, Spend spend,
                        UUID costEventId, int percent) {
        boolean hard = percent == MonthlySpend.HARD_PERCENT;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("scope", scope.name());
        details.put("thresholdPercent", percent);
        details.put("priority", hard ? "high" : "normal");
        details.put("month", MonthlySpend.currentMonth().toString());
        details.put("budgetMonthlyCents", spend.budgetAfter());
        details.put("spentMonthlyCents", spend.spentAfter());
        details.put("utilizationPercent", MonthlySpend.utilizationPercent(spend.spentAfter(), spend.budgetAfter()));
        details.put("costEventId", costEventId == null ? null : costEventId.toString());
        activity.record(actor, companyId, hard ? "budget.hard_threshold_crossed" : "budget.soft_threshold_crossed",
                scope.name(), scopeId, agentId, details);
    }

    /**
     * {@code idle | running → paused} with reason {@code budget}, in SQL: the persistence context
     * of a booking may hold the agent as it was read before the counter moved. An agent the board
     * paused, or one in {@code error} (§8.1 has no {@code error → paused}), keeps its status;
     * invoking and checking out stay refused for it while its spend is at the budget.
     */
    private void pauseAgent(UUID agentId, UUID companyId) {
        int paused = em.createNativeQuery("""
                        update agents set status = 'paused', pause_reason = 'budget', paused_at = now(), version = version + 1
                         where id = cast(?1 as uuid) and status in ('idle', 'running')
                        """)
                .setParameter(1, agentId.toString())
                .executeUpdate();
        if (paused == 1) {
            activity.record(BUDGET, companyId, "agent.paused", "agent", agentId, agentId, Map.of("pauseReason", "budget"));
            halted.fire(new AgentHalted(agentId, companyId, AgentHalted.BUDGET));
        }
    }

    /** An active company is paused with reason {@code budget}; its runs stop after the commit either way. */
    private void stopCompany(UUID companyId) {
        em.createNativeQuery("""
                        update companies set status = 'paused', pause_reason = 'budget', paused_at = now(), version = version + 1
                         where id = cast(?1 as uuid) and status = 'active'
                        """)
                .setParameter(1, companyId.toString())
                .executeUpdate();
        exhausted.fire(new BudgetExhausted(companyId, null));
    }
}
