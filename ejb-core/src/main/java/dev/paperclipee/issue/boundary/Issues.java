package dev.paperclipee.issue.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.activity.control.ChangeSet;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.company.entity.CompanyStatus;
import dev.paperclipee.goal.control.GoalTree;
import dev.paperclipee.goal.entity.Goal;
import dev.paperclipee.issue.control.IssueAccess;
import dev.paperclipee.issue.control.IssueFilter;
import dev.paperclipee.issue.control.IssueLocks;
import dev.paperclipee.issue.control.IssueNumbers;
import dev.paperclipee.issue.control.IssueSearch;
import dev.paperclipee.issue.control.IssueThread;
import dev.paperclipee.issue.control.StrategyGate;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueComment;
import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Issues (spec §10.4, §7.6, §8.2): create with a {@code PREFIX-N} identifier, list with filters,
 * read by id or identifier, update under the status machine, and the atomic checkout, release and
 * board-only force-release of §10.4.1. Every link stays inside the issue's company (422), every
 * mutation writes its activity row in the same transaction, and an agent is held to the rules of
 * {@link IssueAccess}. Work the CEO delegated stays a draft until the company's strategy is
 * approved ({@link StrategyGate}, §12.2).
 */
@Stateless
public class Issues {

    /** Checkout may claim from these statuses; a terminal issue is never reopened by a claim. */
    static final Set<IssueStatus> CLAIMABLE = EnumSet.of(IssueStatus.backlog, IssueStatus.todo, IssueStatus.blocked,
            IssueStatus.in_review, IssueStatus.in_progress);


    @PersistenceContext
    EntityManager em;

    @Inject
    Event<IssueAssigned> assigned;

    @Inject
    CompanyScope scope;

    @Inject
    GoalTree goals;

    @Inject
    IssueNumbers numbers;

    @Inject
    IssueSearch search;

    @Inject
    IssueAccess access;

    @Inject
    IssueLocks locks;

    @Inject
    IssueThread thread;

    @Inject
    StrategyGate strategy;

    @Inject
    ActivityLog activity;

    public List<Issue> list(Actor actor, UUID companyId, IssueFilter filter) {
        scope.require(actor, companyId);
        return search.find(companyId, filter);
    }

    /** How many issues of the company match the filter (its paging ignored): the board's pager. */
    public long count(Actor actor, UUID companyId, IssueFilter filter) {
        scope.require(actor, companyId);
        return search.count(companyId, filter);
    }

    /** How many issues of the company match the filter in each status: the board's kanban column heads. */
    public Map<IssueStatus, Long> countByStatus(Actor actor, UUID companyId, IssueFilter filter) {
        scope.require(actor, companyId);
        return search.countByStatus(companyId, filter);
    }

    /**
     * An issue by UUID or by identifier ({@code ACM-12}). An issue of another company is a 404
     * for an agent, so its existence does not leak.
     */
    public Issue find(Actor actor, String ref) {
        Issue issue = null;
        UUID id = uuidOrNull(ref);
        if (id != null) {
            issue = em.find(Issue.class, id);
        } else if (Issue.looksLikeIdentifier(ref)) {
            issue = em.createNamedQuery(Issue.BY_IDENTIFIER, Issue.class).setParameter("identifier", ref)
                    .getResultStream().findFirst().orElse(null);
        }
        if (issue == null || actor.isAgent() && !issue.getCompanyId().equals(actor.companyId())) {
            throw NotFoundException.of("Issue", ref);
        }
        return issue;
    }

    public Issue find(Actor actor, UUID issueId) {
        return find(actor, issueId.toString());
    }

    /** The parent chain from the direct parent up to the top-level issue. */
    public List<Issue> ancestors(Issue issue) {
        List<Issue> chain = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (UUID p = issue.getParentId(); p != null && seen.add(p); ) {
            Issue parent = em.find(Issue.class, p);
            if (parent == null) {
                break;
            }
            chain.add(parent);
            p = parent.getParentId();
        }
        return chain;
    }

    public Issue create(Actor actor, UUID companyId, IssueDraft draft) {
        return create(actor, companyId, draft, null, null);
    }

    /**
     * An issue the system creates for a reason it records ({@code origin_kind}, {@code origin_id}),
     * e.g. a routine's firing ({@code routine_execution}, the routine's id).
     */
    public Issue create(Actor actor, UUID companyId, IssueDraft draft, String originKind, String originId) {
        Company company = scope.require(actor, companyId);
        if (company.getStatus() == CompanyStatus.archived) {
            throw new ConflictException("Company is archived; it takes no new issues",
                    Map.of("companyId", companyId.toString()));
        }
        IssueStatus status = WireEnum.parse(IssueStatus.class, "status", draft.status());
        IssuePriority priority = WireEnum.parse(IssuePriority.class, "priority", draft.priority());
        Text.required("title", draft.title(), Text.SHORT);
        Text.optional("description", draft.description(), Text.LONG);
        Issue.requireSingleAssignee(draft.assigneeAgentId(), draft.assigneeUserId());
        access.requireAssignableAgent(companyId, draft.assigneeAgentId());
        String user = access.requireAssignableUser(draft.assigneeUserId());
        Issue parent = draft.parentId() == null ? null : issueOf(companyId, "parentId", draft.parentId());
        Project project = draft.projectId() == null ? null : projectOf(companyId, draft.projectId());
        Goal goal = draft.goalId() == null ? null : goalOf(companyId, draft.goalId());
        if (actor.isAgent() && status == IssueStatus.in_progress) {
            throw new RuleViolationException("An agent starts work with POST /issues/:id/checkout, not by creating an"
                    + " issue in_progress", Map.of("status", status.name()));
        }

        UUID goalId = goal != null ? goal.getId()
                : parent != null && parent.getGoalId() != null ? parent.getGoalId()
                : project != null && project.getGoalId() != null ? project.getGoalId()
                : goals.root(companyId).getId();

        // the number last: from here to commit the company row is locked for other creators
        IssueNumbers.Next next = numbers.next(companyId);
        Issue issue = new Issue(companyId, next.prefix(), next.number(), draft.title(), draft.description(), priority);
        issue.createdBy(actor.agentId(), actor.userId());
        issue.originate(originKind, originId);
        issue.bill(draft.billingCode());
        if (draft.assigneeAgentId() != null) {
            issue.assignAgent(draft.assigneeAgentId());
        } else if (user != null) {
            issue.assignUser(user);
        }
        if (parent != null) {
            issue.moveUnder(parent, id -> null); // a new issue is nobody's ancestor: no chain to walk
            issue.delegatedFrom(parent);
        }
        issue.placeIn(project == null ? null : project.getId());
        issue.serve(goalId);
        issue.start(status);
        em.persist(issue);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("identifier", issue.getIdentifier());
        details.put("title", issue.getTitle());
        details.put("status", WireEnum.of(issue.getStatus()));
        details.put("assigneeAgentId", text(issue.getAssigneeAgentId()));
        details.put("parentId", text(issue.getParentId()));
        activity.record(actor, companyId, "issue.created", "issue", issue.getId(), details);
        if (issue.getAssigneeAgentId() != null && IssueStatus.ACTIONABLE.contains(issue.getStatus()) && !strategy.holds(issue)) {
            assigned.fire(new IssueAssigned(companyId, issue.getId(), issue.getAssigneeAgentId(), actor));
        }
        return issue;
    }

    /** @param ref the issue's UUID or identifier */
    public Issue update(Actor actor, String ref, IssueChanges changes) {
        Issue issue = find(actor, ref);
        UUID issueId = issue.getId();
        UUID companyId = issue.getCompanyId();
        access.requireWrite(actor, issue);
        IssueStatus status = WireEnum.parse(IssueStatus.class, "status", changes.status());
        IssuePriority priority = WireEnum.parse(IssuePriority.class, "priority", changes.priority());
        if (changes.comment() != null) {
            Text.required("comment", changes.comment(), IssueComment.MAX_BODY);
        }
        UUID assigneeBefore = issue.getAssigneeAgentId();
        boolean wakingBefore = IssueStatus.ACTIONABLE.contains(issue.getStatus());
        ChangeSet changed = new ChangeSet();
        changed.text("title", changes.title(), issue.getTitle(), issue::retitle);
        changed.description(changes.description(), issue.getDescription(), issue::describe);
        if (priority != null && priority != issue.getPriority()) {
            issue.prioritize(priority);
            changed.put("priority", WireEnum.of(priority));
        }
        Change<String> billing = changes.billingCode();
        if (billing != null && !Objects.equals(Text.blankToNull(billing.value()), issue.getBillingCode())) {
            issue.bill(Text.blankToNull(billing.value()));
            changed.put("billingCode", issue.getBillingCode());
        }
        assign(actor, issue, changes, changed);
        relink(issue, changes, changed);
        if (status != null && status != issue.getStatus()) {
            IssueStatus from = issue.getStatus();
            if (actor.isAgent() && status == IssueStatus.in_progress && !actor.agentId().equals(issue.getAssigneeAgentId())) {
                throw new ConflictException("An agent takes an issue into in_progress only for itself, by checkout",
                        conflict(issue));
            }
            strategy.requireExecutable(issue, status);
            issue.moveTo(status);
            changed.put("status", WireEnum.of(status));
            changed.put("previousStatus", WireEnum.of(from));
        }
        if (changes.comment() != null) {
            thread.add(actor, issue, changes.comment());
        }
        activity.recordChanges(actor, companyId, "issue.updated", "issue", issueId, changed);
        UUID assignee = issue.getAssigneeAgentId();
        if (assignee != null && IssueStatus.ACTIONABLE.contains(issue.getStatus()) && (!assignee.equals(assigneeBefore) || !wakingBefore)
                && !strategy.holds(issue)) {
            assigned.fire(new IssueAssigned(companyId, issueId, assignee, actor));
        }
        return issue;
    }

    /**
     * §10.4.1: claims the issue for {@code agentId} with one conditional UPDATE. An agent checks
     * out only for itself (403). A losing claim changes nothing and answers 409 with the current
     * owner and status.
     */
    public Issue checkout(Actor actor, String ref, UUID agentId, Set<IssueStatus> expectedStatuses) {
        Issue issue = find(actor, ref);
        UUID issueId = issue.getId();
        UUID companyId = issue.getCompanyId();
        if (actor.isAgent() && !actor.agentId().equals(agentId)) {
            throw new ForbiddenException("An agent can only check out issues for itself");
        }
        if (expectedStatuses == null || expectedStatuses.isEmpty()) {
            throw new InvalidInputException("expectedStatuses", "must list at least one status", "too_small");
        }
        for (IssueStatus s : expectedStatuses) {
            if (!CLAIMABLE.contains(s)) {
                throw new InvalidInputException("expectedStatuses", "may contain only "
                        + CLAIMABLE.stream().map(WireEnum::of).toList() + "; a terminal issue is not reopened by a checkout",
                        "invalid_enum_value");
            }
        }
        strategy.requireExecutable(issue, IssueStatus.in_progress);
        if (!locks.checkout(companyId, issueId, agentId, actor.runId(), expectedStatuses)) {
            refuseCheckout(companyId, issueId, agentId);
        }
        em.refresh(issue);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("agentId", agentId.toString());
        details.put("runId", text(actor.runId()));
        details.put("identifier", issue.getIdentifier());
        activity.record(actor, companyId, "issue.checked_out", "issue", issueId, details);
        return issue;
    }

    /** Why a checkout lost: the agent cannot work (422/409), or the issue is not claimable now (409). */
    private void refuseCheckout(UUID companyId, UUID issueId, UUID agentId) {
        AgentStatus agentStatus = access.agentStatus(companyId, agentId);
        if (agentStatus == null) {
            throw new RuleViolationException("agentId must be an agent of the same company",
                    Map.of("agentId", agentId.toString()));
        }
        Issue current = em.find(Issue.class, issueId);
        em.refresh(current);
        if (EnumSet.of(AgentStatus.paused, AgentStatus.terminated, AgentStatus.pending_approval).contains(agentStatus)) {
            Map<String, Object> details = conflict(current);
            details.put("agentStatus", WireEnum.of(agentStatus));
            throw new ConflictException("Agent is " + WireEnum.of(agentStatus) + " and cannot check out work", details);
        }
        locks.workStop(companyId, issueId, agentId).ifPresent(stop -> {
            Map<String, Object> details = conflict(current);
            details.putAll(stop.details());
            throw new ConflictException(stop.message(), details);
        });
        throw new ConflictException("Issue checkout conflict", conflict(current));
    }

    /**
     * Gives the issue back: assignee and run locks cleared, in_progress → todo. An agent releases
     * only an issue it holds (409 with the current owner otherwise); the board any issue.
     */
    public Issue release(Actor actor, String ref) {
        Issue issue = lockedForUpdate(actor, ref);
        UUID issueId = issue.getId();
        if (actor.isAgent() && !actor.agentId().equals(issue.getAssigneeAgentId())) {
            throw new ConflictException("Issue is not held by this agent", conflict(issue));
        }
        Map<String, Object> details = lockDetails(issue);
        issue.release();
        activity.record(actor, issue.getCompanyId(), "issue.released", "issue", issueId, details);
        return issue;
    }

    /**
     * Board-only lock recovery (§10.4.1): clears the checkout and execution locks, and the agent
     * assignee too when {@code clearAssignee}; the activity row keeps the previous run ids.
     */
    public Issue forceRelease(Actor actor, String ref, boolean clearAssignee) {
        actor.requireBoard();
        Issue issue = lockedForUpdate(actor, ref);
        UUID issueId = issue.getId();
        Map<String, Object> details = lockDetails(issue);
        details.put("clearAssignee", clearAssignee);
        if (clearAssignee) {
            issue.release();
        } else {
            issue.releaseLocks();
        }
        activity.record(actor, issue.getCompanyId(), "issue.admin_force_release", "issue", issueId, details);
        return issue;
    }

    private Issue lockedForUpdate(Actor actor, String ref) {
        Issue issue = find(actor, ref);
        em.lock(issue, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(issue);
        return issue;
    }

    private static Map<String, Object> lockDetails(Issue issue) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("previousAssigneeAgentId", text(issue.getAssigneeAgentId()));
        details.put("previousCheckoutRunId", text(issue.getCheckoutRunId()));
        details.put("previousExecutionRunId", text(issue.getExecutionRunId()));
        details.put("previousStatus", WireEnum.of(issue.getStatus()));
        return details;
    }

    /** The 409 details clients parse (api-contract.md, "Errors"). */
    static Map<String, Object> conflict(Issue issue) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("issueId", issue.getId().toString());
        details.put("status", WireEnum.of(issue.getStatus()));
        details.put("assigneeAgentId", text(issue.getAssigneeAgentId()));
        details.put("checkoutRunId", text(issue.getCheckoutRunId()));
        details.put("executionRunId", text(issue.getExecutionRunId()));
        return details;
    }

    private void assign(Actor actor, Issue issue, IssueChanges changes, ChangeSet changed) {
        Change<UUID> agent = changes.assigneeAgentId();
        Change<String> user = changes.assigneeUserId();
        if (agent != null && user != null && !agent.clears() && !user.clears()) {
            Issue.requireSingleAssignee(agent.value(), user.value());
        }
        if (agent != null && !agent.clears()) {
            access.requireAssignableAgent(issue.getCompanyId(), agent.value());
            if (actor.isAgent() && !agent.value().equals(actor.agentId()) && !agent.value().equals(issue.getAssigneeAgentId())
                    && !access.manages(actor.agentId(), agent.value())) {
                throw new ForbiddenException("Agent may assign issues only to itself or to its reports");
            }
            if (issue.assignAgent(agent.value())) {
                changed.put("assigneeAgentId", agent.value().toString());
            }
        } else if (user != null && !user.clears()) {
            String id = access.requireAssignableUser(user.value());
            if (issue.assignUser(id)) {
                changed.put("assigneeUserId", id);
            }
        } else if (agent != null && issue.getAssigneeAgentId() != null || user != null && issue.getAssigneeUserId() != null) {
            issue.assignAgent(null);
            changed.put(agent != null ? "assigneeAgentId" : "assigneeUserId", null);
        }
    }

    private void relink(Issue issue, IssueChanges changes, ChangeSet changed) {
        UUID companyId = issue.getCompanyId();
        Change<UUID> parent = changes.parentId();
        if (parent != null && !Objects.equals(parent.value(), issue.getParentId())) {
            if (!parent.clears()) {
                scope.lock(companyId);
            }
            issue.moveUnder(parent.clears() ? null : issueOf(companyId, "parentId", parent.value()),
                    id -> issueOf(companyId, id));
            changed.put("parentId", text(issue.getParentId()));
        }
        Change<UUID> project = changes.projectId();
        if (project != null && !Objects.equals(project.value(), issue.getProjectId())) {
            issue.placeIn(project.clears() ? null : projectOf(companyId, project.value()).getId());
            changed.put("projectId", text(issue.getProjectId()));
        }
        Change<UUID> goal = changes.goalId();
        if (goal != null && !Objects.equals(goal.value(), issue.getGoalId())) {
            issue.serve(goal.clears() ? goals.root(companyId).getId() : goalOf(companyId, goal.value()).getId());
            changed.put("goalId", text(issue.getGoalId()));
        }
    }

    private Issue issueOf(UUID companyId, UUID id) {
        Issue issue = em.find(Issue.class, id);
        return issue != null && issue.getCompanyId().equals(companyId) ? issue : null;
    }

    /** A linked issue: unknown and foreign ids look the same (422), so nothing leaks. */
    private Issue issueOf(UUID companyId, String field, UUID id) {
        Issue issue = issueOf(companyId, id);
        if (issue == null) {
            throw new RuleViolationException(field + " must be an issue of the same company", Map.of(field, id.toString()));
        }
        return issue;
    }

    private Project projectOf(UUID companyId, UUID id) {
        Project project = em.find(Project.class, id);
        if (project == null || !project.getCompanyId().equals(companyId)) {
            throw new RuleViolationException("projectId must be a project of the same company",
                    Map.of("projectId", id.toString()));
        }
        return project;
    }

    private Goal goalOf(UUID companyId, UUID id) {
        Goal goal = goals.inCompany(companyId, id);
        if (goal == null) {
            throw new RuleViolationException("goalId must be a goal of the same company", Map.of("goalId", id.toString()));
        }
        return goal;
    }

    private static UUID uuidOrNull(String text) {
        try {
            return text != null && text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
