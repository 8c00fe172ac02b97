package dev.paperclipee.heartbeat.entity;

import dev.paperclipee.shared.entity.NullableUuid;
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
 * One heartbeat run of an agent (spec §7.8). Runs are created queued by wakes, the timer and
 * manual invocations, claimed and finished by the scheduler — all with conditional SQL in
 * {@code heartbeat.control.RunQueue}, because several nodes and the agent's own API calls touch
 * them at once. This mapping is for reading; it is never written through JPA.
 */
@Entity
@Table(name = "heartbeat_runs")
@NamedQuery(name = HeartbeatRun.BY_COMPANY,
        query = "select r from HeartbeatRun r where r.companyId = :companyId order by r.createdAt desc, r.id desc")
@NamedQuery(name = HeartbeatRun.BY_AGENT,
        query = "select r from HeartbeatRun r where r.companyId = :companyId and r.agentId = :agentId"
                + " order by r.createdAt desc, r.id desc")
@NamedQuery(name = HeartbeatRun.BY_COMPANY_AND_STATUS,
        query = "select r from HeartbeatRun r where r.companyId = :companyId and r.status in :statuses"
                + " order by r.createdAt desc, r.id desc")
@NamedQuery(name = HeartbeatRun.BY_AGENT_AND_STATUS,
        query = "select r from HeartbeatRun r where r.companyId = :companyId and r.agentId = :agentId"
                + " and r.status in :statuses order by r.createdAt desc, r.id desc")
public class HeartbeatRun extends Versioned {

    public static final String BY_COMPANY = "HeartbeatRun.byCompany";
    public static final String BY_AGENT = "HeartbeatRun.byAgent";
    public static final String BY_COMPANY_AND_STATUS = "HeartbeatRun.byCompanyAndStatus";
    public static final String BY_AGENT_AND_STATUS = "HeartbeatRun.byAgentAndStatus";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private UUID agentId;

    @Column(name = "issue_id")
    @Convert(converter = NullableUuid.class)
    private UUID issueId;

    @Column(name = "invocation_source", nullable = false)
    @Enumerated(EnumType.STRING)
    private InvocationSource invocationSource;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private RunStatus status;

    @Column(name = "wake_reason")
    private String wakeReason;

    @Column(name = "trigger_detail")
    private String triggerDetail;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "exit_code")
    private Integer exitCode;

    private String error;

    @Column(name = "error_code")
    private String errorCode;

    @Column(name = "external_run_id")
    private String externalRunId;

    @Column(name = "context_snapshot", columnDefinition = "jsonb")
    private String contextSnapshot;

    @Column(name = "log_bytes", nullable = false)
    private long logBytes;

    @Column(columnDefinition = "jsonb")
    private String usage;

    @Column(name = "session_id")
    private String sessionId;

    @Column(name = "cancel_requested_at")
    private OffsetDateTime cancelRequestedAt;

    @Column(name = "scheduled_at")
    private OffsetDateTime scheduledAt;

    @Column(name = "process_pid")
    private Integer processPid;

    @Column(name = "process_started_at")
    private OffsetDateTime processStartedAt;

    @Column(name = "last_output_at")
    private OffsetDateTime lastOutputAt;

    @Column(name = "retry_of_run_id")
    @Convert(converter = NullableUuid.class)
    private UUID retryOfRunId;

    @Column(name = "process_loss_retry_count", nullable = false)
    private int processLossRetryCount;

    @Column(name = "issue_comment_status")
    private String issueCommentStatus;

    @Column(name = "runner_node")
    private String runnerNode;

    @Column(name = "watchdog_decision")
    private String watchdogDecision;

    @Column(name = "watchdog_snoozed_until")
    private OffsetDateTime watchdogSnoozedUntil;

    protected HeartbeatRun() {
    }

    public boolean isActive() {
        return !status.terminal();
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getAgentId() { return agentId; }
    public UUID getIssueId() { return issueId; }
    public InvocationSource getInvocationSource() { return invocationSource; }
    public RunStatus getStatus() { return status; }
    public String getWakeReason() { return wakeReason; }
    public String getTriggerDetail() { return triggerDetail; }
    public OffsetDateTime getStartedAt() { return startedAt; }
    public OffsetDateTime getFinishedAt() { return finishedAt; }
    public Integer getExitCode() { return exitCode; }
    public String getError() { return error; }
    public String getErrorCode() { return errorCode; }
    public String getExternalRunId() { return externalRunId; }
    /** The context delivered to the agent, as JSON text. */
    public String getContextSnapshot() { return contextSnapshot; }
    public long getLogBytes() { return logBytes; }
    /** Token usage and cost reported by the adapter, as JSON text, or null. */
    public String getUsage() { return usage; }
    public String getSessionId() { return sessionId; }
    public OffsetDateTime getCancelRequestedAt() { return cancelRequestedAt; }
    public OffsetDateTime getScheduledAt() { return scheduledAt; }
    public Integer getProcessPid() { return processPid; }
    public OffsetDateTime getProcessStartedAt() { return processStartedAt; }
    public OffsetDateTime getLastOutputAt() { return lastOutputAt; }
    public UUID getRetryOfRunId() { return retryOfRunId; }
    public int getProcessLossRetryCount() { return processLossRetryCount; }
    public String getIssueCommentStatus() { return issueCommentStatus; }
    public String getRunnerNode() { return runnerNode; }
    public String getWatchdogDecision() { return watchdogDecision; }
    public OffsetDateTime getWatchdogSnoozedUntil() { return watchdogSnoozedUntil; }
}
