package dev.paperclipee.cost.entity;

import dev.paperclipee.shared.entity.NullableUuid;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One reported spend of an agent (spec §7.9): provider, model, tokens and cents, linked to the
 * issue, project, goal and heartbeat run it was spent on. Events are facts: booked once by
 * {@code cost.control.CostLedger} in SQL, together with the agent's and company's month spend,
 * and never edited. This mapping is for reading; it is never written through JPA.
 */
@Entity
@Table(name = "cost_events")
public class CostEvent {

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false, insertable = false)
    private UUID companyId;

    @Column(name = "agent_id", nullable = false, updatable = false, insertable = false)
    private UUID agentId;

    @Column(name = "issue_id", updatable = false, insertable = false)
    @Convert(converter = NullableUuid.class)
    private UUID issueId;

    @Column(name = "project_id", updatable = false, insertable = false)
    @Convert(converter = NullableUuid.class)
    private UUID projectId;

    @Column(name = "goal_id", updatable = false, insertable = false)
    @Convert(converter = NullableUuid.class)
    private UUID goalId;

    @Column(name = "heartbeat_run_id", updatable = false, insertable = false)
    @Convert(converter = NullableUuid.class)
    private UUID heartbeatRunId;

    @Column(name = "billing_code", updatable = false, insertable = false)
    private String billingCode;

    @Column(nullable = false, updatable = false, insertable = false)
    private String provider;

    @Column(nullable = false, updatable = false, insertable = false)
    private String model;

    @Column(name = "input_tokens", nullable = false, updatable = false, insertable = false)
    private int inputTokens;

    @Column(name = "cached_input_tokens", nullable = false, updatable = false, insertable = false)
    private int cachedInputTokens;

    @Column(name = "output_tokens", nullable = false, updatable = false, insertable = false)
    private int outputTokens;

    @Column(name = "cost_cents", nullable = false, updatable = false, insertable = false)
    private int costCents;

    @Column(name = "occurred_at", nullable = false, updatable = false, insertable = false)
    private OffsetDateTime occurredAt;

    @Column(name = "created_at", nullable = false, updatable = false, insertable = false)
    private OffsetDateTime createdAt;

    protected CostEvent() {
        // JPA
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getAgentId() { return agentId; }
    public UUID getIssueId() { return issueId; }
    public UUID getProjectId() { return projectId; }
    public UUID getGoalId() { return goalId; }
    public UUID getHeartbeatRunId() { return heartbeatRunId; }
    public String getBillingCode() { return billingCode; }
    public String getProvider() { return provider; }
    public String getModel() { return model; }
    public int getInputTokens() { return inputTokens; }
    public int getCachedInputTokens() { return cachedInputTokens; }
    public int getOutputTokens() { return outputTokens; }
    public int getCostCents() { return costCents; }
    public OffsetDateTime getOccurredAt() { return occurredAt; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
