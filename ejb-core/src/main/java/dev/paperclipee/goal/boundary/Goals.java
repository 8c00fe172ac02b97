package dev.paperclipee.goal.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.activity.control.ChangeSet;
import dev.paperclipee.agent.control.CompanyAgents;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.goal.control.GoalTree;
import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.goal.entity.GoalLevel;
import dev.paperclipee.goal.entity.GoalStatus;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The goal hierarchy (spec §10.2, §7.4): list, read, create, update, delete. Links stay inside the
 * company (parent 422, owner 422), the tree has no cycles (422), and the company keeps at least
 * one root company-level goal (409). Tree changes lock the company row first (STYLE: "no cycles").
 * Board and agents of the company may create and edit goals; deleting is board-only. Every
 * mutation writes its activity row in the same transaction.
 */
@Stateless
public class Goals {

    static final String LAST_ROOT = "A company must keep at least one root company-level goal";

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    GoalTree tree;

    @Inject
    CompanyAgents agents;

    @Inject
    ActivityLog activity;

    /** The company's goals, oldest first (the root goal of a new company comes first). */
    public List<Goal> list(Actor actor, UUID companyId) {
        scope.require(actor, companyId);
        return tree.of(companyId);
    }

    /** A goal by id; a goal of another company is 404 for an agent, so its existence does not leak. */
    public Goal find(Actor actor, UUID goalId) {
        Goal goal = em.find(Goal.class, goalId);
        if (goal == null || (actor.isAgent() && !goal.getCompanyId().equals(actor.companyId()))) {
            throw NotFoundException.of("Goal", goalId);
        }
        return goal;
    }

    public Goal create(Actor actor, UUID companyId, GoalDraft draft) {
        scope.require(actor, companyId);
        Goal goal = new Goal(companyId, draft.title(), draft.description(),
                WireEnum.parse(GoalLevel.class, "level", draft.level()),
                WireEnum.parse(GoalStatus.class, "status", draft.status()));
        if (draft.parentId() != null) {
            goal.moveUnder(parent(companyId, draft.parentId()), id -> tree.inCompany(companyId, id));
        }
        agents.requireMember("ownerAgentId", companyId, draft.ownerAgentId());
        goal.assignOwner(draft.ownerAgentId());
        em.persist(goal);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("title", goal.getTitle());
        details.put("level", WireEnum.of(goal.getLevel()));
        details.put("parentId", goal.getParentId() == null ? null : goal.getParentId().toString());
        activity.record(actor, companyId, "goal.created", "goal", goal.getId(), details);
        return goal;
    }

    public Goal update(Actor actor, UUID goalId, GoalChanges changes) {
        Goal goal = find(actor, goalId);
        UUID companyId = goal.getCompanyId();
        scope.lock(companyId);
        boolean wasRoot = goal.isRoot();
        ChangeSet changed = new ChangeSet();
        changed.text("title", changes.title(), goal.getTitle(), goal::retitle);
        changed.description(changes.description(), goal.getDescription(), goal::describe);
        GoalLevel level = WireEnum.parse(GoalLevel.class, "level", changes.level());
        GoalStatus status = WireEnum.parse(GoalStatus.class, "status", changes.status());
        if (status != null && status != goal.getStatus()) {
            goal.changeStatus(status);
            changed.put("status", WireEnum.of(status));
        }
        if (level != null && level != goal.getLevel()) {
            goal.changeLevel(level);
            changed.put("level", WireEnum.of(level));
        }
        Change<UUID> parent = changes.parentId();
        if (parent != null && !Objects.equals(parent.value(), goal.getParentId())) {
            goal.moveUnder(parent.clears() ? null : parent(companyId, parent.value()), id -> tree.inCompany(companyId, id));
            changed.put("parentId", parent.clears() ? null : parent.value().toString());
        }
        Change<UUID> owner = changes.ownerAgentId();
        if (owner != null && !Objects.equals(owner.value(), goal.getOwnerAgentId())) {
            agents.requireMember("ownerAgentId", companyId, owner.value());
            goal.assignOwner(owner.value());
            changed.put("ownerAgentId", owner.clears() ? null : owner.value().toString());
        }
        if (wasRoot && !goal.isRoot() && tree.otherRoots(goal) == 0) {
            throw new ConflictException(LAST_ROOT + ": this is the last one", Map.of("goalId", goalId.toString()));
        }
        activity.recordChanges(actor, companyId, "goal.updated", "goal", goalId, changed);
        return goal;
    }

    /**
     * Board-only hard delete (§10.2). Refused (409) while child goals, projects, issues or cost
     * events still refer to the goal, and for the company's last root goal.
     */
    public Goal delete(Actor actor, UUID goalId) {
        actor.requireBoard();
        Goal goal = find(actor, goalId);
        scope.lock(goal.getCompanyId());
        Map<String, Long> references = tree.references(goal);
        if (!references.isEmpty()) {
            throw new ConflictException("Goal is still referenced by " + String.join(", ", references.keySet())
                    + "; re-link or delete those first", Map.of("references", references));
        }
        if (goal.isRoot() && tree.otherRoots(goal) == 0) {
            throw new ConflictException(LAST_ROOT + ": this is the last one", Map.of("goalId", goalId.toString()));
        }
        em.remove(goal);
        activity.record(actor, goal.getCompanyId(), "goal.deleted", "goal", goalId,
                Map.of("title", goal.getTitle(), "level", WireEnum.of(goal.getLevel())));
        return goal;
    }

    /** A parent named by id: unknown and foreign ids look the same (422), so nothing leaks. */
    private Goal parent(UUID companyId, UUID parentId) {
        Goal parent = tree.inCompany(companyId, parentId);
        if (parent == null) {
            throw new RuleViolationException("parentId must be a goal of the same company",
                    Map.of("parentId", parentId.toString()));
        }
        return parent;
    }
}
