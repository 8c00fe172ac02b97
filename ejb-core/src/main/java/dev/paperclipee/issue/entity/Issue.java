package dev.paperclipee.issue.entity;

import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Timestamps;
import dev.paperclipee.shared.entity.Versioned;
import dev.paperclipee.shared.entity.WireEnum;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * An issue, the unit of work (spec §7.6). The issue guards its own rules: the §8.2 status machine
 * with its side effects ({@code startedAt} only when first started, {@code completedAt},
 * {@code cancelledAt}), "in_progress requires an assignee", a single assignee (an agent xor a
 * user), and a parent chain without cycles. Checkout and release change the lock columns with one
 * conditional UPDATE each ({@code IssueLocks}), never through this entity, so that concurrent
 * claims are decided by the database; the version column makes a stale edit lose with 409.
 */
@Entity
@Table(name = "issues")
@NamedQuery(name = Issue.BY_IDENTIFIER, query = "select i from Issue i where i.identifier = :identifier")
public class Issue extends Versioned {

    public static final String BY_IDENTIFIER = "Issue.byIdentifier";

    /** How deep a chain of delegated sub-issues may grow; deeper means an agent loop. */
    public static final int MAX_REQUEST_DEPTH = 50;

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "project_id")
    @Convert(converter = NullableUuid.class)
    private UUID projectId;

    @Column(name = "goal_id")
    @Convert(converter = NullableUuid.class)
    private UUID goalId;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuid.class)
    private UUID parentId;

    @Column(nullable = false)
    private String title;

    private String description;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private IssueStatus status;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private IssuePriority priority;

    @Column(name = "assignee_agent_id")
    @Convert(converter = NullableUuid.class)
    private UUID assigneeAgentId;

    @Column(name = "assignee_user_id")
    private String assigneeUserId;

    @Column(name = "checkout_run_id")
    @Convert(converter = NullableUuid.class)
    private UUID checkoutRunId;

    @Column(name = "execution_run_id")
    @Convert(converter = NullableUuid.class)
    private UUID executionRunId;

    @Column(name = "execution_locked_at")
    private OffsetDateTime executionLockedAt;

    @Column(name = "created_by_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByAgentId;

    @Column(name = "created_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByUserId;

    @Column(name = "issue_number", nullable = false, updatable = false)
    private int issueNumber;

    @Column(nullable = false, updatable = false)
    private String identifier;

    @Column(name = "request_depth", nullable = false, updatable = false)
    private int requestDepth;

    @Column(name = "billing_code")
    private String billingCode;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Column(name = "cancelled_at")
    private OffsetDateTime cancelledAt;

    @Column(name = "hidden_at")
    private OffsetDateTime hiddenAt;

    /** Why the system (not a person) created the issue, e.g. {@code routine_execution} and the routine's id. */
    @Column(name = "origin_kind", updatable = false)
    private String originKind;

    @Column(name = "origin_id", updatable = false)
    private String originId;

    protected Issue() {
        // JPA
    }

    /**
     * A new issue numbered {@code number} in its company ({@code PREFIX-N}). Status and links are
     * set by the creator afterwards ({@link #start}, {@link #assignAgent}, …).
     */
    public Issue(UUID companyId, String prefix, int number, String title, String description, IssuePriority priority) {
        if (number < 1) {
            throw new IllegalArgumentException("issue numbers start at 1");
        }
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.issueNumber = number;
        this.identifier = prefix + "-" + number;
        retitle(title);
        describe(description);
        this.priority = priority == null ? IssuePriority.medium : priority;
        this.status = IssueStatus.backlog;
    }

    /** What created it, when the system did (a routine's firing); set before it is persisted. */
    public void originate(String kind, String id) {
        this.originKind = kind;
        this.originId = id;
    }

    /** Who created it: a board user or an agent (system-created issues have neither). */
    public void createdBy(UUID agentId, UUID userId) {
        this.createdByAgentId = agentId;
        this.createdByUserId = userId;
    }

    /**
     * The status the issue is created in: the given one, else {@code todo} when it has an assignee
     * (execution-semantics §2) and {@code backlog} otherwise. A new issue cannot start terminal, and
     * {@code in_progress} needs an assignee (422).
     */
    public void start(IssueStatus initial) {
        IssueStatus first = initial != null ? initial : hasAssignee() ? IssueStatus.todo : IssueStatus.backlog;
        if (first.isTerminal()) {
            throw new RuleViolationException("A new issue cannot be " + first.name(), Map.of("status", first.name()));
        }
        requireAssigneeFor(first);
        this.status = first;
        if (first == IssueStatus.in_progress) {
            this.startedAt = Timestamps.now();
        }
    }

    public void retitle(String newTitle) {
        this.title = Text.required("title", newTitle, Text.SHORT);
    }

    public void describe(String newDescription) {
        this.description = Text.optional("description", newDescription, Text.LONG);
    }

    public void prioritize(IssuePriority newPriority) {
        this.priority = Objects.requireNonNull(newPriority);
    }

    public void bill(String code) {
        this.billingCode = Text.optional("billingCode", code, Text.NAME);
    }

    /**
     * §8.2: moves to {@code target} if the machine allows it (409 otherwise, with the allowed
     * targets), applying the side effects. Moving to the current status changes nothing.
     */
    public void moveTo(IssueStatus target) {
        Objects.requireNonNull(target);
        if (target == status) {
            return;
        }
        if (!status.canMoveTo(target)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("issueId", id.toString());
            details.put("from", status.name());
            details.put("to", target.name());
            details.put("allowed", status.next().stream().map(WireEnum::of).toList());
            throw new ConflictException("Invalid status transition: " + status.name() + " -> " + target.name()
                    + (status.isTerminal() ? " (" + status.name() + " is final)" : ""), details);
        }
        requireAssigneeFor(target);
        OffsetDateTime now = Timestamps.now();
        switch (target) {
            case in_progress -> {
                if (startedAt == null) {
                    startedAt = now;
                }
            }
            case done -> completedAt = now;
            case cancelled -> cancelledAt = now;
            default -> {
                // no side effect
            }
        }
        this.status = target;
    }

    /**
     * Gives the issue to an agent (null unassigns). A change of owner drops the previous owner's
     * execution locks, and an issue that was {@code in_progress} goes back to {@code todo}: for an
     * agent, in_progress is only ever entered by a checkout (execution-semantics §4).
     *
     * @return whether the owner changed
     */
    public boolean assignAgent(UUID agentId) {
        if (Objects.equals(agentId, assigneeAgentId) && (agentId != null || assigneeUserId == null)) {
            return false;
        }
        handOver();
        this.assigneeAgentId = agentId;
        this.assigneeUserId = null;
        return true;
    }

    /** Gives the issue to a board user (null unassigns); like {@link #assignAgent} otherwise. */
    public boolean assignUser(String userId) {
        if (Objects.equals(userId, assigneeUserId) && (userId != null || assigneeAgentId == null)) {
            return false;
        }
        handOver();
        this.assigneeUserId = userId;
        this.assigneeAgentId = null;
        return true;
    }

    private void handOver() {
        releaseLocks();
        if (status == IssueStatus.in_progress) {
            status = IssueStatus.todo;
        }
    }

    /**
     * {@code POST /issues/:id/release}: the assignee gives the issue back. Assignee and run locks
     * are cleared and an issue in progress returns to {@code todo} (nobody holds it any more).
     */
    public void release() {
        handOver();
        assigneeAgentId = null;
        assigneeUserId = null;
    }

    /** Clears the checkout and execution locks (admin force-release, owner change); the assignee stays. */
    public void releaseLocks() {
        checkoutRunId = null;
        executionRunId = null;
        executionLockedAt = null;
    }

    /** Links the project (null unlinks); that it belongs to this company is the boundary's check. */
    public void placeIn(UUID project) {
        this.projectId = project;
    }

    /** Links the goal (null unlinks); that it belongs to this company is the boundary's check. */
    public void serve(UUID goal) {
        this.goalId = goal;
    }

    /**
     * Makes this a sub-issue of {@code parent} (null makes it top-level). The parent must be of the
     * same company and must not be this issue or below it (422).
     *
     * @param issues looks up an issue of the company by id (null when absent) to walk up from the parent
     */
    public void moveUnder(Issue parent, Function<UUID, Issue> issues) {
        if (parent == null) {
            parentId = null;
            return;
        }
        if (!parent.companyId.equals(companyId)) {
            throw new RuleViolationException("parentId must be an issue of the same company",
                    Map.of("parentId", parent.id.toString()));
        }
        Set<UUID> seen = new HashSet<>();
        for (Issue i = parent; i != null && seen.add(i.id); i = i.parentId == null ? null : issues.apply(i.parentId)) {
            if (i.id.equals(id)) {
                throw new RuleViolationException(parent.id.equals(id) ? "An issue cannot be its own parent"
                        : "parentId would make a cycle: the new parent is below this issue",
                        Map.of("parentId", parent.id.toString()));
            }
        }
        parentId = parent.id;
    }

    /**
     * A sub-issue created under {@code parent} is one delegation deeper (§7.6 request_depth), so a
     * runaway chain of agents delegating to each other is stopped (422) instead of growing forever.
     */
    public void delegatedFrom(Issue parent) {
        int depth = parent.requestDepth + 1;
        if (depth > MAX_REQUEST_DEPTH) {
            throw new RuleViolationException("Delegation is too deep: at most " + MAX_REQUEST_DEPTH
                    + " levels of sub-issues", Map.of("parentId", parent.id.toString(), "requestDepth", depth));
        }
        this.requestDepth = depth;
    }

    private void requireAssigneeFor(IssueStatus target) {
        if (target == IssueStatus.in_progress && !hasAssignee()) {
            throw new RuleViolationException("An issue in_progress needs an assignee (agent or user)",
                    Map.of("status", target.name()));
        }
    }

    public boolean hasAssignee() {
        return assigneeAgentId != null || assigneeUserId != null;
    }

    /** Both kinds of assignee at once are a 422 (execution-semantics §2: an agent xor a user). */
    public static void requireSingleAssignee(UUID agentId, String userId) {
        if (agentId != null && userId != null) {
            throw new RuleViolationException("An issue has one assignee: set assigneeAgentId or assigneeUserId, not both");
        }
    }

    /** An identifier such as {@code ACM-12}: upper-case prefix, dash, a positive number. */
    public static boolean looksLikeIdentifier(String text) {
        return text != null && text.length() <= 40 && text.matches("[A-Z][A-Z0-9]*-[1-9][0-9]{0,9}");
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getProjectId() { return projectId; }
    public UUID getGoalId() { return goalId; }
    public UUID getParentId() { return parentId; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public IssueStatus getStatus() { return status; }
    public IssuePriority getPriority() { return priority; }
    public UUID getAssigneeAgentId() { return assigneeAgentId; }
    public String getAssigneeUserId() { return assigneeUserId; }
    public UUID getCheckoutRunId() { return checkoutRunId; }
    public UUID getExecutionRunId() { return executionRunId; }
    public OffsetDateTime getExecutionLockedAt() { return executionLockedAt; }
    public UUID getCreatedByAgentId() { return createdByAgentId; }
    public UUID getCreatedByUserId() { return createdByUserId; }
    public int getIssueNumber() { return issueNumber; }
    public String getIdentifier() { return identifier; }
    public int getRequestDepth() { return requestDepth; }
    public String getBillingCode() { return billingCode; }
    public OffsetDateTime getStartedAt() { return startedAt; }
    public OffsetDateTime getCompletedAt() { return completedAt; }
    public OffsetDateTime getCancelledAt() { return cancelledAt; }
    public OffsetDateTime getHiddenAt() { return hiddenAt; }
    public String getOriginKind() { return originKind; }
    public String getOriginId() { return originId; }
}
