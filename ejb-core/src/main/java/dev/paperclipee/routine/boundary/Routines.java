package dev.paperclipee.routine.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.activity.control.ChangeSet;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.goal.control.GoalTree;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.control.IssueAccess;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.project.entity.Project;
import dev.paperclipee.routine.control.CronSchedule;
import dev.paperclipee.routine.control.RoutineClaims;
import dev.paperclipee.routine.entity.ConcurrencyPolicy;
import dev.paperclipee.routine.entity.Routine;
import dev.paperclipee.routine.entity.RoutineRun;
import dev.paperclipee.routine.entity.RoutineRunSource;
import dev.paperclipee.routine.entity.RoutineRunStatus;
import dev.paperclipee.routine.entity.RoutineStatus;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Timestamps;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Routines (spec §10.10): recurring task definitions that create issues on a cron schedule.
 * Create, read, update, pause, resume, fire by hand, and the run history; the scheduler fires
 * due occurrences through {@link #fire} — one transaction per occurrence, claimed with
 * {@code SKIP LOCKED} ({@link RoutineClaims}) so each fires once across nodes. A firing while the
 * previous occurrence's issue is still open follows the routine's {@link ConcurrencyPolicy}.
 * Occurrences missed while the server was down fire once and the schedule moves on from now
 * ({@code skip_missed}). The board and the company's agents manage routines; every mutation and
 * every firing writes its activity row in the same transaction.
 */
@Stateless
public class Routines {

    /** Why the issues a routine creates exist ({@code issues.origin_kind}, upstream's name). */
    public static final String ORIGIN_KIND = "routine_execution";
    /** Largest page of the run history. */
    public static final int MAX_RUNS = 200;

    static final Actor SCHEDULER = Actor.system("routine-scheduler");

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    GoalTree goals;

    @Inject
    IssueAccess access;

    @Inject
    RoutineClaims claims;

    @Inject
    Issues issues;

    @Inject
    ActivityLog activity;

    public List<Routine> list(Actor actor, UUID companyId) {
        scope.require(actor, companyId);
        return em.createNamedQuery(Routine.BY_COMPANY, Routine.class).setParameter("companyId", companyId).getResultList();
    }

    /** A routine by id; one of another company is a 404 for an agent, so its existence does not leak. */
    public Routine find(Actor actor, UUID routineId) {
        Routine routine = em.find(Routine.class, routineId);
        if (routine == null || actor.isAgent() && !routine.getCompanyId().equals(actor.companyId())) {
            throw NotFoundException.of("Routine", routineId);
        }
        return routine;
    }

    public Routine create(Actor actor, UUID companyId, RoutineDraft draft) {
        scope.require(actor, companyId);
        IssuePriority priority = WireEnum.parse(IssuePriority.class, "priority", draft.priority());
        ConcurrencyPolicy policy = WireEnum.parse(ConcurrencyPolicy.class, "concurrencyPolicy", draft.concurrencyPolicy());
        RoutineStatus status = WireEnum.parse(RoutineStatus.class, "status", draft.status());
        CronSchedule schedule = draft.cronExpression() == null ? null : CronSchedule.of(draft.cronExpression(), draft.timezone());
        String zone = CronSchedule.zone(draft.timezone()).getId();
        Routine routine = new Routine(companyId, draft.title(), draft.description(), priority, policy,
                actor.agentId(), actor.userId());
        access.requireAssignableAgent(companyId, draft.assigneeAgentId());
        routine.assign(draft.assigneeAgentId());
        routine.placeIn(requireProject(companyId, draft.projectId()));
        routine.serve(requireGoal(companyId, draft.goalId()));
        if (status != null) {
            routine.changeStatus(status, null);
        }
        routine.schedule(schedule == null ? null : schedule.expression(), zone, next(schedule, Instant.now()));
        em.persist(routine);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("title", routine.getTitle());
        details.put("cronExpression", routine.getCronExpression());
        details.put("timezone", routine.getTimezone());
        details.put("assigneeAgentId", text(routine.getAssigneeAgentId()));
        activity.record(actor, companyId, "routine.created", "routine", routine.getId(), details);
        return routine;
    }

    public Routine update(Actor actor, UUID routineId, RoutineChanges changes) {
        Routine routine = find(actor, routineId);
        actor.requireCompany(routine.getCompanyId());
        UUID companyId = routine.getCompanyId();
        IssuePriority priority = WireEnum.parse(IssuePriority.class, "priority", changes.priority());
        ConcurrencyPolicy policy = WireEnum.parse(ConcurrencyPolicy.class, "concurrencyPolicy", changes.concurrencyPolicy());
        RoutineStatus status = WireEnum.parse(RoutineStatus.class, "status", changes.status());
        ChangeSet changed = new ChangeSet();
        changed.text("title", changes.title(), routine.getTitle(), routine::retitle);
        changed.description(changes.description(), routine.getDescription(), routine::describe);
        if (priority != null && priority != routine.getPriority()) {
            routine.prioritize(priority);
            changed.put("priority", WireEnum.of(priority));
        }
        if (policy != null && policy != routine.getConcurrencyPolicy()) {
            routine.governConcurrency(policy);
            changed.put("concurrencyPolicy", WireEnum.of(policy));
        }
        Change<UUID> assignee = changes.assigneeAgentId();
        if (assignee != null && !Objects.equals(assignee.value(), routine.getAssigneeAgentId())) {
            access.requireAssignableAgent(companyId, assignee.value());
            routine.assign(assignee.value());
            changed.put("assigneeAgentId", text(assignee.value()));
        }
        Change<UUID> project = changes.projectId();
        if (project != null && !Objects.equals(project.value(), routine.getProjectId())) {
            routine.placeIn(requireProject(companyId, project.value()));
            changed.put("projectId", text(project.value()));
        }
        Change<UUID> goal = changes.goalId();
        if (goal != null && !Objects.equals(goal.value(), routine.getGoalId())) {
            routine.serve(requireGoal(companyId, goal.value()));
            changed.put("goalId", text(goal.value()));
        }
        if (status != null && status != routine.getStatus()) {
            changed.put("status", WireEnum.of(status));
            changed.put("previousStatus", WireEnum.of(routine.getStatus()));
            routine.changeStatus(status, null);
        }
        String expression = changes.cronExpression() == null ? routine.getCronExpression() : changes.cronExpression().value();
        String zone = changes.timezone() == null ? routine.getTimezone() : changes.timezone();
        CronSchedule schedule = expression == null ? null : CronSchedule.of(expression, zone);
        String zoneId = CronSchedule.zone(zone).getId();
        if (!Objects.equals(schedule == null ? null : schedule.expression(), routine.getCronExpression())) {
            changed.put("cronExpression", schedule == null ? null : schedule.expression());
        }
        if (!zoneId.equals(routine.getTimezone())) {
            changed.put("timezone", zoneId);
        }
        // the next occurrence always follows the routine's present schedule and status, from now
        routine.schedule(schedule == null ? null : schedule.expression(), zoneId, next(schedule, Instant.now()));
        activity.recordChanges(actor, companyId, "routine.updated", "routine", routineId, changed);
        return routine;
    }

    /** Stops the schedule; nothing fires until {@link #resume}. Pausing an archived routine is a 409. */
    public Routine pause(Actor actor, UUID routineId) {
        return setStatus(actor, routineId, RoutineStatus.paused, "routine.paused");
    }

    /** Starts the schedule again from now: occurrences missed while paused are not fired. */
    public Routine resume(Actor actor, UUID routineId) {
        return setStatus(actor, routineId, RoutineStatus.active, "routine.resumed");
    }

    private Routine setStatus(Actor actor, UUID routineId, RoutineStatus status, String action) {
        Routine routine = find(actor, routineId);
        if (routine.getStatus() == RoutineStatus.archived) {
            throw new ConflictException("Routine is archived", Map.of("routineId", routineId.toString(), "status", "archived"));
        }
        if (routine.getStatus() != status) {
            routine.changeStatus(status, next(schedule(routine), Instant.now()));
            activity.record(actor, routine.getCompanyId(), action, "routine", routineId, Map.of("status", WireEnum.of(status)));
        }
        return routine;
    }

    /** Fires the routine now, whatever its schedule (a paused one too; an archived one is a 409). */
    public RoutineRun runNow(Actor actor, UUID routineId) {
        Routine routine = find(actor, routineId);
        if (routine.getStatus() == RoutineStatus.archived) {
            throw new ConflictException("Routine is archived", Map.of("routineId", routineId.toString(), "status", "archived"));
        }
        return fire(actor, routine, RoutineRunSource.manual, null);
    }

    /** The routine's firings, newest first. */
    public List<RoutineRun> runs(Actor actor, UUID routineId, int limit) {
        find(actor, routineId);
        return em.createNamedQuery(RoutineRun.BY_ROUTINE, RoutineRun.class).setParameter("routineId", routineId)
                .setMaxResults(Math.min(Math.max(limit, 1), MAX_RUNS)).getResultList();
    }

    // ---- the scheduler's side ---------------------------------------------------------------------

    /** Due occurrences, oldest first (no locks: {@link #fire(RoutineClaims.Due)} claims each). */
    public List<RoutineClaims.Due> due(int limit) {
        return claims.due(limit);
    }

    /**
     * Fires one due occurrence when this transaction wins its claim; null when another node (or
     * tick) has it or already fired it. An issue that cannot be created rolls the whole firing
     * back; the scheduler then records the failure with {@link #recordFailure}.
     */
    public RoutineRun fire(RoutineClaims.Due due) {
        if (!claims.claim(due)) {
            return null;
        }
        Routine routine = em.find(Routine.class, due.routineId());
        return fire(SCHEDULER, routine, RoutineRunSource.schedule, due.occurrence());
    }

    /**
     * Records that an occurrence failed and moves the schedule on, when that occurrence is still
     * due and unclaimed; false otherwise (someone else recorded or fired it).
     */
    public boolean recordFailure(RoutineClaims.Due due, String reason) {
        if (!claims.claim(due)) {
            return false;
        }
        Routine routine = em.find(Routine.class, due.routineId());
        RoutineRun run = new RoutineRun(routine, RoutineRunSource.schedule, due.occurrence(), RoutineRunStatus.failed,
                null, reason);
        routine.fired(Timestamps.now(), next(schedule(routine), Instant.now()), true);
        em.persist(run);
        triggered(SCHEDULER, routine, run);
        return true;
    }

    private RoutineRun fire(Actor actor, Routine routine, RoutineRunSource source, OffsetDateTime occurrence) {
        UUID open = routine.getConcurrencyPolicy() == ConcurrencyPolicy.always_enqueue ? null : claims.openIssue(routine.getId());
        RoutineRun run;
        if (open != null) {
            boolean coalesce = routine.getConcurrencyPolicy() == ConcurrencyPolicy.coalesce_if_active;
            run = new RoutineRun(routine, source, occurrence,
                    coalesce ? RoutineRunStatus.coalesced : RoutineRunStatus.skipped, open,
                    "the previous occurrence's issue is still open");
        } else {
            Issue issue = issues.create(actor, routine.getCompanyId(),
                    new IssueDraft(routine.getTitle(), routine.getDescription(), null, WireEnum.of(routine.getPriority()),
                            routine.getAssigneeAgentId(), null, routine.getProjectId(), routine.getGoalId(), null, null),
                    ORIGIN_KIND, routine.getId().toString());
            run = new RoutineRun(routine, source, occurrence, RoutineRunStatus.issue_created, issue.getId(), null);
        }
        routine.fired(Timestamps.now(), next(schedule(routine), Instant.now()), source == RoutineRunSource.schedule);
        em.persist(run);
        triggered(actor, routine, run);
        return run;
    }

    private void triggered(Actor actor, Routine routine, RoutineRun run) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runId", run.getId().toString());
        details.put("source", WireEnum.of(run.getSource()));
        details.put("status", WireEnum.of(run.getStatus()));
        details.put("issueId", text(run.getLinkedIssueId()));
        details.put("scheduledFor", run.getScheduledFor() == null ? null : run.getScheduledFor().toString());
        details.put("reason", run.getReason());
        activity.record(actor, routine.getCompanyId(), "routine.triggered", "routine", routine.getId(), details);
    }

    private static CronSchedule schedule(Routine routine) {
        return routine.getCronExpression() == null ? null : CronSchedule.of(routine.getCronExpression(), routine.getTimezone());
    }

    private static OffsetDateTime next(CronSchedule schedule, Instant after) {
        return schedule == null ? null : schedule.nextAfter(after).orElse(null);
    }

    private UUID requireProject(UUID companyId, UUID projectId) {
        if (projectId == null) {
            return null;
        }
        Project project = em.find(Project.class, projectId);
        if (project == null || !project.getCompanyId().equals(companyId)) {
            throw new RuleViolationException("projectId must be a project of the same company", Map.of("projectId", projectId.toString()));
        }
        return projectId;
    }

    private UUID requireGoal(UUID companyId, UUID goalId) {
        if (goalId != null && goals.inCompany(companyId, goalId) == null) {
            throw new RuleViolationException("goalId must be a goal of the same company", Map.of("goalId", goalId.toString()));
        }
        return goalId;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
