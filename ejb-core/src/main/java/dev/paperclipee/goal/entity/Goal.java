package dev.paperclipee.goal.entity;

import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A goal in the company's hierarchy (spec §7.4). Every company has at least one root goal of
 * level {@code company}; issues without another link trace to it.
 */
@Entity
@Table(name = "goals")
public class Goal extends Versioned {

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
    private UUID parentId;

    @Column(name = "owner_agent_id")
    private UUID ownerAgentId;

    protected Goal() {
        // JPA
    }

    public Goal(UUID companyId, String title, String description, GoalLevel level, GoalStatus status, UUID parentId) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.title = Text.required("title", title, Text.SHORT);
        this.description = Text.optional("description", description, Text.LONG);
        this.level = level;
        this.status = status;
        this.parentId = parentId;
    }

    /** The root goal a new company starts with: its mission, named after it until the board edits it. */
    public static Goal rootOf(UUID companyId, String companyName, String mission) {
        String title = companyName.length() > Text.SHORT - 9 ? companyName.substring(0, Text.SHORT - 9) : companyName;
        return new Goal(companyId, title + " mission", mission, GoalLevel.company, GoalStatus.active, null);
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
