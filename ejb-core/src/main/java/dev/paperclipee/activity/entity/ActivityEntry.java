package dev.paperclipee.activity.entity;

import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the audit trail (spec §7.11): written in the same transaction as the mutation it
 * records, never updated or deleted. {@code details} is JSON and never holds secret values.
 */
@Entity
@Table(name = "activity_log")
public class ActivityEntry {

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "actor_type", nullable = false, updatable = false)
    @Enumerated(EnumType.STRING)
    private ActorType actorType;

    @Column(name = "actor_id", nullable = false, updatable = false)
    private String actorId;

    @Column(nullable = false, updatable = false)
    private String action;

    @Column(name = "entity_type", nullable = false, updatable = false)
    private String entityType;

    @Column(name = "entity_id", nullable = false, updatable = false)
    private String entityId;

    @Column(name = "agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID agentId;

    @Column(name = "run_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID runId;

    @Column(updatable = false, columnDefinition = "jsonb")
    private String details;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected ActivityEntry() {
        // JPA
    }

    public ActivityEntry(UUID companyId, ActorType actorType, String actorId, String action,
                         String entityType, String entityId, UUID agentId, UUID runId, String detailsJson) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.actorType = actorType;
        this.actorId = actorId;
        this.action = action;
        this.entityType = entityType;
        this.entityId = entityId;
        this.agentId = agentId;
        this.runId = runId;
        this.details = detailsJson;
        this.createdAt = Timestamps.now();
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public ActorType getActorType() { return actorType; }
    public String getActorId() { return actorId; }
    public String getAction() { return action; }
    public String getEntityType() { return entityType; }
    public String getEntityId() { return entityId; }
    public UUID getAgentId() { return agentId; }
    public UUID getRunId() { return runId; }
    public String getDetails() { return details; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
