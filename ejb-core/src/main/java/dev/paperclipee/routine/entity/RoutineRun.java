package dev.paperclipee.routine.entity;

import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One firing of a routine, written once in the transaction that fired it: when, why (schedule or
 * by hand), and what came of it — the issue it created or coalesced into, or why it was skipped
 * or failed. A scheduled firing names the occurrence it stands for; the table keeps one record per
 * occurrence.
 */
@Entity
@Table(name = "routine_runs")
@NamedQuery(name = RoutineRun.BY_ROUTINE,
        query = "select r from RoutineRun r where r.routineId = :routineId order by r.triggeredAt desc, r.id")
public class RoutineRun {

    public static final String BY_ROUTINE = "RoutineRun.byRoutine";
    static final int MAX_REASON = 500;

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "routine_id", nullable = false, updatable = false)
    private UUID routineId;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private RoutineRunSource source;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private RoutineRunStatus status;

    @Column(name = "scheduled_for")
    private OffsetDateTime scheduledFor;

    @Column(name = "triggered_at", nullable = false)
    private OffsetDateTime triggeredAt;

    @Column(name = "linked_issue_id")
    @Convert(converter = NullableUuid.class)
    private UUID linkedIssueId;

    private String reason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected RoutineRun() {
        // JPA
    }

    public RoutineRun(Routine routine, RoutineRunSource source, OffsetDateTime scheduledFor, RoutineRunStatus status,
                      UUID linkedIssueId, String reason) {
        this.id = UUID.randomUUID();
        this.companyId = routine.getCompanyId();
        this.routineId = routine.getId();
        this.source = source;
        this.scheduledFor = scheduledFor;
        this.status = status;
        this.linkedIssueId = linkedIssueId;
        this.reason = clip(reason);
    }

    /** A reason is system text (often an exception's message): kept short and storable, never refused. */
    static String clip(String reason) {
        if (reason == null) {
            return null;
        }
        String clean = reason.replace('\u0000', ' ');
        if (clean.length() > MAX_REASON) {
            int end = Character.isHighSurrogate(clean.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
            clean = clean.substring(0, end);
        }
        return clean;
    }

    @PrePersist
    void stamp() {
        createdAt = Timestamps.now();
        triggeredAt = createdAt;
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getRoutineId() { return routineId; }
    public RoutineRunSource getSource() { return source; }
    public RoutineRunStatus getStatus() { return status; }
    public OffsetDateTime getScheduledFor() { return scheduledFor; }
    public OffsetDateTime getTriggeredAt() { return triggeredAt; }
    public UUID getLinkedIssueId() { return linkedIssueId; }
    public String getReason() { return reason; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
