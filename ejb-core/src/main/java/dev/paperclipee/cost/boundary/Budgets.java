package dev.paperclipee.cost.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.cost.control.BudgetSettings;
import dev.paperclipee.issue.control.IssueAccess;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Monthly budgets (spec §10.7, §13.1, §9.3): {@code PATCH /companies/:id/budgets},
 * {@code PATCH /agents/:id/budgets} and {@code PATCH /projects/:id/budgets}. The board sets every
 * budget; an agent sets the budget of an agent below it in the reporting tree (§9.3 "set
 * subordinate budget: manager subtree only") — not its own, not a peer's (403), and never a
 * company's or project's (403). 0 means no limit.
 *
 * <p>A new budget at or below this month's spend stops the agent or company at once
 * ({@link BudgetSettings}); a raised one lifts the refusals that depend on spend (invoke, checkout,
 * run claims) but resumes nothing: the board resumes a paused agent or company. Every change writes
 * {@code agent.budget_updated}, {@code company.budget_updated} or {@code project.budget_updated};
 * setting the budget it already has changes nothing and writes nothing. The answer shows the
 * spend as committed.
 */
@Stateless
public class Budgets {

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    IssueAccess access;

    @Inject
    BudgetSettings settings;

    @Inject
    ActivityLog activity;

    public Company company(Actor actor, UUID companyId, Long monthlyCents) {
        actor.requireBoard();
        Company company = scope.require(actor, companyId);
        int before = company.getBudgetMonthlyCents();
        if (settings.company(actor, company, required(monthlyCents))) {
            activity.record(actor, companyId, "company.budget_updated", "company", companyId,
                    changed(before, company.getBudgetMonthlyCents()));
        }
        return fresh(company);
    }

    public Agent agent(Actor actor, UUID agentId, Long monthlyCents) {
        Agent agent = em.find(Agent.class, agentId);
        if (agent == null || (actor.isAgent() && !agent.getCompanyId().equals(actor.companyId()))) {
            throw NotFoundException.of("Agent", agentId);
        }
        if (actor.isAgent()) {
            if (agentId.equals(actor.agentId())) {
                throw new ForbiddenException("An agent cannot set its own budget; its manager or the board sets it");
            }
            if (!access.manages(actor.agentId(), agentId)) {
                throw new ForbiddenException("An agent may set the budgets only of agents below it in the reporting tree");
            }
        } else {
            actor.requireBoard();
        }
        int before = agent.getBudgetMonthlyCents();
        if (settings.agent(actor, agent, required(monthlyCents))) {
            activity.record(actor, agent.getCompanyId(), "agent.budget_updated", "agent", agentId,
                    changed(before, agent.getBudgetMonthlyCents()));
        }
        return fresh(agent);
    }

    public Project project(Actor actor, UUID projectId, Long monthlyCents) {
        Project project = em.find(Project.class, projectId);
        if (project == null || (actor.isAgent() && !project.getCompanyId().equals(actor.companyId()))) {
            throw NotFoundException.of("Project", projectId);
        }
        actor.requireBoard();
        int before = project.getBudgetMonthlyCents();
        if (settings.project(actor, project, required(monthlyCents))) {
            activity.record(actor, project.getCompanyId(), "project.budget_updated", "project", projectId,
                    changed(before, project.getBudgetMonthlyCents()));
        }
        return fresh(project);
    }

    private static long required(Long monthlyCents) {
        if (monthlyCents == null) {
            throw new InvalidInputException("budgetMonthlyCents", "is required", "invalid_type");
        }
        return monthlyCents;
    }

    private static Map<String, Object> changed(int before, int after) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("budgetMonthlyCents", after);
        details.put("previousBudgetMonthlyCents", before);
        return details;
    }

    /** Written, then read back: the spend as committed by concurrent bookings, not as first read. */
    private <T> T fresh(T entity) {
        em.flush();
        em.refresh(entity);
        return entity;
    }
}
