package dev.paperclipee.cost.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.boundary.AgentHalted;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.agent.entity.PauseReason;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.cost.boundary.BudgetExhausted;
import dev.paperclipee.cost.control.BudgetEnforcer.Scope;
import dev.paperclipee.cost.control.BudgetEnforcer.Spend;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Map;
import java.util.UUID;

/**
 * Sets a company's, agent's or project's monthly budget (spec §13.1) in the caller's transaction,
 * with the budget rules of {@link BudgetEnforcer}: a budget lowered to or below this month's spend
 * crosses its thresholds now — rows written, agent or company stopped — just as the booking that
 * reached it would have. Who may set which budget is the caller's check.
 *
 * <p>The row is locked and its spend read before the budget changes, so that a cost event booked
 * concurrently is either seen here or sees the new budget (it waits for the lock): no crossing
 * falls between the two. Raising a budget resumes nothing (§13.2: the board resumes); it only puts
 * spend below the thresholds again.
 */
@Dependent
public class BudgetSettings {

    @PersistenceContext
    EntityManager em;

    @Inject
    BudgetEnforcer enforcer;

    @Inject
    ActivityLog activity;

    @Inject
    Event<AgentHalted> halted;

    @Inject
    Event<BudgetExhausted> exhausted;

    /** @return whether the budget changed */
    public boolean company(Actor actor, Company company, long monthlyCents) {
        int before = company.getBudgetMonthlyCents();
        if (before == monthlyCents) {
            return false;
        }
        long spent = lockedSpend("companies", company.getId());
        company.budget(monthlyCents);
        Spend spend = Spend.rebudgeted(spent, before, company.getBudgetMonthlyCents());
        if (enforcer.cross(actor, Scope.company, company.getId(), company.getId(), null, spend, null)) {
            company.stopForBudget();
            exhausted.fire(new BudgetExhausted(company.getId(), null));
        }
        return true;
    }

    /** @return whether the budget changed */
    public boolean agent(Actor actor, Agent agent, long monthlyCents) {
        int before = agent.getBudgetMonthlyCents();
        if (before == monthlyCents) {
            return false;
        }
        long spent = lockedSpend("agents", agent.getId());
        agent.budget(monthlyCents);
        Spend spend = Spend.rebudgeted(spent, before, agent.getBudgetMonthlyCents());
        if (enforcer.cross(actor, Scope.agent, agent.getId(), agent.getCompanyId(), agent.getId(), spend, null)
                && (agent.getStatus() == AgentStatus.idle || agent.getStatus() == AgentStatus.running)) {
            agent.pause(PauseReason.budget);
            activity.record(actor, agent.getCompanyId(), "agent.paused", "agent", agent.getId(), agent.getId(),
                    Map.of("pauseReason", "budget"));
            halted.fire(new AgentHalted(agent.getId(), agent.getCompanyId(), AgentHalted.BUDGET));
        }
        return true;
    }

    /** @return whether the budget changed */
    public boolean project(Actor actor, Project project, long monthlyCents) {
        int before = project.getBudgetMonthlyCents();
        if (before == monthlyCents) {
            return false;
        }
        long spent = lockedSpend("projects", project.getId());
        project.budget(monthlyCents);
        Spend spend = Spend.rebudgeted(spent, before, project.getBudgetMonthlyCents());
        if (enforcer.cross(actor, Scope.project, project.getId(), project.getCompanyId(), null, spend, null)) {
            exhausted.fire(new BudgetExhausted(project.getCompanyId(), project.getId()));
        }
        return true;
    }

    /** Locks the row until the transaction ends and answers this month's spend, as committed. */
    private long lockedSpend(String table, UUID id) {
        Object spent = em.createNativeQuery("select " + MonthlySpend.spentSql("x") + " from " + table
                        + " x where x.id = cast(?1 as uuid) for no key update")
                .setParameter(1, id.toString())
                .getSingleResult();
        return ((Number) spent).longValue();
    }
}
