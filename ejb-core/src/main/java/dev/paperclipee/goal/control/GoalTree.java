package dev.paperclipee.goal.control;

import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.goal.entity.GoalLevel;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queries over a company's goal tree, shared by the goal boundary and (later) the board screens. */
@Dependent
public class GoalTree {

    @PersistenceContext
    EntityManager em;


    public List<Goal> of(UUID companyId) {
        return em.createNamedQuery(Goal.BY_COMPANY, Goal.class).setParameter("companyId", companyId).getResultList();
    }

    /** The goal of that company with that id, or null: a goal of another company is not "found". */
    public Goal inCompany(UUID companyId, UUID goalId) {
        Goal goal = goalId == null ? null : em.find(Goal.class, goalId);
        return goal != null && goal.getCompanyId().equals(companyId) ? goal : null;
    }

    /** The company's first root goal (§7.4 guarantees one): where an issue without other links traces to. */
    public Goal root(UUID companyId) {
        return em.createNamedQuery(Goal.ROOTS, Goal.class)
                .setParameter("companyId", companyId)
                .setParameter("level", GoalLevel.company)
                .setMaxResults(1)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("company " + companyId + " has no root goal"));
    }

    /** How many root goals (company level, no parent) the company has besides this one. */
    public long otherRoots(Goal goal) {
        return em.createNamedQuery(Goal.OTHER_ROOTS, Long.class)
                .setParameter("companyId", goal.getCompanyId())
                .setParameter("level", GoalLevel.company)
                .setParameter("id", goal.getId())
                .getSingleResult();
    }

    /**
     * What still points at the goal, by kind (only kinds with at least one row): child goals,
     * projects, issues and cost events. The foreign keys would refuse the delete anyway; this
     * turns the refusal into an explained 409.
     */
    public Map<String, Long> references(Goal goal) {
        Map<String, Long> refs = new LinkedHashMap<>();
        put(refs, "goals", em.createNamedQuery(Goal.CHILDREN, Long.class).setParameter("id", goal.getId()).getSingleResult());
        for (String table : List.of("projects", "issues", "cost_events")) {
            Number n = (Number) em.createNativeQuery("select count(*) from " + table + " where goal_id = cast(?1 as uuid)")
                    .setParameter(1, goal.getId().toString())
                    .getSingleResult();
            put(refs, table.equals("cost_events") ? "costEvents" : table, n.longValue());
        }
        return refs;
    }

    private static void put(Map<String, Long> refs, String kind, long count) {
        if (count > 0) {
            refs.put(kind, count);
        }
    }
}
