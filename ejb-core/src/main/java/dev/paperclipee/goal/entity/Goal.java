package dev.paperclipee.goal.entity;

import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A goal in the company's hierarchy (spec §7.4). Every company has at least one root goal — level
 * {@code company}, no parent; issues without another link trace to it. The goal guards its own
 * tree rules: a parent of the same company, never a cycle (422). That a company keeps a root goal
 * needs the other goals of the company, so the boundary checks it with the company row locked.
 */
@Entity
@Table(name = "goals")
@NamedQuery(name = Goal.BY_COMPANY,
        query = "select g from Goal g where g.companyId = :companyId order by g.createdAt, g.id")
@NamedQuery(name = Goal.OTHER_ROOTS, query = "select count(g) from Goal g where g.companyId = :companyId"
        + " and g.level = :level and g.parentId is null and g.id <> :id")
@NamedQuery(name = Goal.ROOTS, query = "select g from Goal g where g.companyId = :companyId"
        + " and g.level = :level and g.parentId is null order by g.createdAt, g.id")
@NamedQuery(name = Goal.CHILDREN, query = "select count(g) from Goal g where g.parentId = :id")
public class Goal extends Versioned {

    public static final String BY_COMPANY = "Goal.byCompany";
    public static final String OTHER_ROOTS = "Goal.otherRoots";
    public static final String CHILDREN = "Goal.children";
    public static final String ROOTS = "Goal.roots";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(nullable = false)
    private String title;

    private String description;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private GoalLevel level;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private GoalStatus status;

    @Column(name = "parent_id")
    @Convert(converter = NullableUuid.class)
    private UUID parentId;

    @Column(name = "owner_agent_id")
    @Convert(converter = NullableUuid.class)
    private UUID ownerAgentId;

    protected Goal() {
        // JPA
    }

    /** A new goal without a parent; {@link #moveUnder} links it. Null level and status take the defaults. */
    public Goal(UUID companyId, String title, String description, GoalLevel level, GoalStatus status) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        retitle(title);
        describe(description);
        this.level = level == null ? GoalLevel.task : level;
        this.status = status == null ? GoalStatus.planned : status;
    }

    /** The root goal a new company starts with: its mission, named after it until the board edits it. */
    public static Goal rootOf(UUID companyId, String companyName, String mission) {
        String title = companyName.length() > Text.SHORT - 9 ? companyName.substring(0, Text.SHORT - 9) : companyName;
        return new Goal(companyId, title + " mission", mission, GoalLevel.company, GoalStatus.active);
    }

    public void retitle(String newTitle) {
        this.title = Text.required("title", newTitle, Text.SHORT);
    }

    public void describe(String newDescription) {
        this.description = Text.optional("description", newDescription, Text.LONG);
    }

    public void changeLevel(GoalLevel newLevel) {
        this.level = newLevel;
    }

    public void changeStatus(GoalStatus newStatus) {
        this.status = newStatus;
    }

    /** The owning agent; that it is an agent of this company is the boundary's check (no Agent entity yet). */
    public void assignOwner(UUID agentId) {
        this.ownerAgentId = agentId;
    }

    /**
     * Re-parents the goal: null makes it a top-level goal. The parent must belong to the same
     * company and must not be this goal or one below it (422).
     *
     * @param goals looks up a goal of the company by id (null when absent) to walk up from the parent
     */
    public void moveUnder(Goal parent, Function<UUID, Goal> goals) {
        if (parent == null) {
            parentId = null;
            return;
        }
        if (!parent.companyId.equals(companyId)) {
            throw new RuleViolationException("parentId must be a goal of the same company",
                    Map.of("parentId", parent.id.toString()));
        }
        Set<UUID> seen = new HashSet<>();
        for (Goal g = parent; g != null && seen.add(g.id); g = g.parentId == null ? null : goals.apply(g.parentId)) {
            if (g.id.equals(id)) {
                throw new RuleViolationException(parent.id.equals(id) ? "A goal cannot be its own parent"
                        : "parentId would make a cycle: the new parent is below this goal",
                        Map.of("parentId", parent.id.toString()));
            }
        }
        parentId = parent.id;
    }

    /** A root goal (§7.4): company level and no parent. */
    public boolean isRoot() {
        return level == GoalLevel.company && parentId == null;
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public String getTitle() { return title; }
    public String getDescription() { return description; }
    public GoalLevel getLevel() { return level; }
    public GoalStatus getStatus() { return status; }
    public UUID getParentId() { return parentId; }
    public UUID getOwnerAgentId() { return ownerAgentId; }
}
