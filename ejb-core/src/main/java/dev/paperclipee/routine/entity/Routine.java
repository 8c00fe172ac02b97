package dev.paperclipee.routine.entity;

import dev.paperclipee.issue.entity.IssuePriority;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A routine (spec §10.10): a recurring task definition — an issue template (title, description,
 * priority, assignee, project, goal) and a cron schedule in a time zone. Only an active routine
 * with a schedule has a next occurrence; pausing or archiving clears it, resuming computes it
 * again from now, so occurrences missed while paused are never fired late. That the links name
 * records of the same company is the boundary's check (and the composite foreign keys').
 */
@Entity
@Table(name = "routines")
@NamedQuery(name = Routine.BY_COMPANY,
        query = "select r from Routine r where r.companyId = :companyId order by r.createdAt, r.id")
public class Routine extends Versioned {

    public static final String BY_COMPANY = "Routine.byCompany";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(nullable = false)
    private String title;

    private String description;

    @Column(name = "assignee_agent_id")
    @Convert(converter = NullableUuid.class)
    private UUID assigneeAgentId;

    @Column(name = "project_id")
    @Convert(converter = NullableUuid.class)
    private UUID projectId;

    @Column(name = "goal_id")
    @Convert(converter = NullableUuid.class)
    private UUID goalId;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private IssuePriority priority;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private RoutineStatus status;

    @Column(name = "concurrency_policy", nullable = false)
    @Enumerated(EnumType.STRING)
    private ConcurrencyPolicy concurrencyPolicy;

    @Column(name = "catch_up_policy", nullable = false)
    private String catchUpPolicy;

    @Column(name = "cron_expression")
    private String cronExpression;

    @Column(nullable = false)
    private String timezone;

    @Column(name = "next_run_at")
    private OffsetDateTime nextRunAt;

    @Column(name = "last_triggered_at")
    private OffsetDateTime lastTriggeredAt;

    @Column(name = "created_by_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByAgentId;

    @Column(name = "created_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByUserId;

    protected Routine() {
        // JPA
    }

    public Routine(UUID companyId, String title, String description, IssuePriority priority, ConcurrencyPolicy policy,
                   UUID createdByAgentId, UUID createdByUserId) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        retitle(title);
        describe(description);
        this.priority = priority == null ? IssuePriority.medium : priority;
        this.concurrencyPolicy = policy == null ? ConcurrencyPolicy.coalesce_if_active : policy;
        this.catchUpPolicy = "skip_missed";
        this.status = RoutineStatus.active;
        this.timezone = "UTC";
        this.createdByAgentId = createdByAgentId;
        this.createdByUserId = createdByUserId;
    }

    public void retitle(String newTitle) {
        this.title = Text.required("title", newTitle, Text.SHORT);
    }

    public void describe(String newDescription) {
        this.description = Text.optional("description", newDescription, Text.LONG);
    }

    public void prioritize(IssuePriority newPriority) {
        this.priority = newPriority;
    }

    public void governConcurrency(ConcurrencyPolicy policy) {
        this.concurrencyPolicy = policy;
    }

    public void assign(UUID agentId) {
        this.assigneeAgentId = agentId;
    }

    public void placeIn(UUID newProjectId) {
        this.projectId = newProjectId;
    }

    public void serve(UUID newGoalId) {
        this.goalId = newGoalId;
    }

    /**
     * A new schedule (an already validated expression and zone id; null expression = fired only
     * by hand) and its next occurrence, which the caller computed from it.
     */
    public void schedule(String expression, String zoneId, OffsetDateTime next) {
        this.cronExpression = expression;
        this.timezone = zoneId;
        this.nextRunAt = status == RoutineStatus.active ? next : null;
    }

    /** A new status; the caller passes the next occurrence computed from now (used only when active). */
    public void changeStatus(RoutineStatus newStatus, OffsetDateTime next) {
        this.status = newStatus;
        this.nextRunAt = newStatus == RoutineStatus.active ? next : null;
    }

    /** A firing happened at {@code when}; the next occurrence is {@code next} (null when the schedule ends). */
    public void fired(OffsetDateTime when, OffsetDateTime next, boolean scheduled) {
        this.lastTriggeredAt = when;
        if (scheduled) {
            this.nextRunAt = status == RoutineStatus.active ? next : null;
        }
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public UUID getAssigneeAgentId() { return assigneeAgentId; }
    public UUID getProjectId() { return projectId; }
    public UUID getGoalId() { return goalId; }
    public IssuePriority getPriority() { return priority; }
    public RoutineStatus getStatus() { return status; }
    public ConcurrencyPolicy getConcurrencyPolicy() { return concurrencyPolicy; }
    public String getCatchUpPolicy() { return catchUpPolicy; }
    public String getCronExpression() { return cronExpression; }
    public String getTimezone() { return timezone; }
    public OffsetDateTime getNextRunAt() { return nextRunAt; }
    public OffsetDateTime getLastTriggeredAt() { return lastTriggeredAt; }
    public UUID getCreatedByAgentId() { return createdByAgentId; }
    public UUID getCreatedByUserId() { return createdByUserId; }
}
