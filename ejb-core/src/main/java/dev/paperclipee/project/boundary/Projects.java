package dev.paperclipee.project.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.activity.control.ChangeSet;
import dev.paperclipee.agent.control.CompanyAgents;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.goal.control.GoalTree;
import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.project.entity.ProjectStatus;
import dev.paperclipee.secret.control.SecretRefs;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.JsonText;
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
 * Projects (spec §10.5, §7.5): list, read, create, update. The goal and the lead agent must be
 * of the project's company (422), and so must every secret its {@code env} refers to (§7.12).
 * Board and agents of the company may create and edit projects.
 * Every mutation writes its activity row in the same transaction.
 */
@Stateless
public class Projects {

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    GoalTree goals;

    @Inject
    CompanyAgents agents;

    @Inject
    ActivityLog activity;

    @Inject
    SecretRefs secretRefs;

    /** The company's projects, oldest first. */
    public List<Project> list(Actor actor, UUID companyId) {
        scope.require(actor, companyId);
        return em.createNamedQuery(Project.BY_COMPANY, Project.class).setParameter("companyId", companyId).getResultList();
    }

    /** A project by id; a project of another company is 404 for an agent, so its existence does not leak. */
    public Project find(Actor actor, UUID projectId) {
        Project project = em.find(Project.class, projectId);
        if (project == null || (actor.isAgent() && !project.getCompanyId().equals(actor.companyId()))) {
            throw NotFoundException.of("Project", projectId);
        }
        return project;
    }

    public Project create(Actor actor, UUID companyId, ProjectDraft draft) {
        scope.require(actor, companyId);
        Project project = new Project(companyId, draft.name(), draft.description(),
                WireEnum.parse(ProjectStatus.class, "status", draft.status()));
        if (draft.goalId() != null) {
            project.serve(goal(companyId, draft.goalId()));
        }
        agents.requireMember("leadAgentId", companyId, draft.leadAgentId());
        project.lead(draft.leadAgentId());
        project.target(draft.targetDate());
        project.configureEnv(draft.env());
        SecretRefs.requireBoardForNewRefs(actor, null, draft.env());
        secretRefs.requireValid(companyId, List.of("env"), draft.env());
        em.persist(project);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", project.getName());
        details.put("goalId", project.getGoalId() == null ? null : project.getGoalId().toString());
        activity.record(actor, companyId, "project.created", "project", project.getId(), details);
        return project;
    }

    public Project update(Actor actor, UUID projectId, ProjectChanges changes) {
        Project project = find(actor, projectId);
        UUID companyId = project.getCompanyId();
        ChangeSet changed = new ChangeSet();
        changed.text("name", changes.name(), project.getName(), project::rename);
        changed.description(changes.description(), project.getDescription(), project::describe);
        ProjectStatus status = WireEnum.parse(ProjectStatus.class, "status", changes.status());
        if (status != null && status != project.getStatus()) {
            project.changeStatus(status);
            changed.put("status", WireEnum.of(status));
        }
        Change<UUID> goal = changes.goalId();
        if (goal != null && !Objects.equals(goal.value(), project.getGoalId())) {
            project.serve(goal.clears() ? null : goal(companyId, goal.value()));
            changed.put("goalId", goal.clears() ? null : goal.value().toString());
        }
        Change<UUID> lead = changes.leadAgentId();
        if (lead != null && !Objects.equals(lead.value(), project.getLeadAgentId())) {
            agents.requireMember("leadAgentId", companyId, lead.value());
            project.lead(lead.value());
            changed.put("leadAgentId", lead.clears() ? null : lead.value().toString());
        }
        if (changes.targetDate() != null && !Objects.equals(changes.targetDate().value(), project.getTargetDate())) {
            project.target(changes.targetDate().value());
            changed.put("targetDate", project.getTargetDate() == null ? null : project.getTargetDate().toString());
        }
        // compared as JSON: PostgreSQL hands jsonb back with its own key order and spacing
        if (changes.env() != null && !Objects.equals(changes.env().value(), JsonText.parse(project.getEnv()))) {
            SecretRefs.requireBoardForNewRefs(actor, JsonText.parse(project.getEnv()), changes.env().value());
            project.configureEnv(changes.env().value());
            secretRefs.requireValid(companyId, List.of("env"), changes.env().value());
            changed.put("env", "(changed)"); // env may hold secret references: never their values
        }
        activity.recordChanges(actor, companyId, "project.updated", "project", projectId, changed);
        return project;
    }

    /** A goal named by id: unknown and foreign ids look the same (422), so nothing leaks. */
    private Goal goal(UUID companyId, UUID goalId) {
        Goal goal = goals.inCompany(companyId, goalId);
        if (goal == null) {
            throw new RuleViolationException("goalId must be a goal of the same company", Map.of("goalId", goalId.toString()));
        }
        return goal;
    }
}
