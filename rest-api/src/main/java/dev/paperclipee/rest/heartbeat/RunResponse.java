package dev.paperclipee.rest.heartbeat;

import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.heartbeat.entity.OutputSilence;
import dev.paperclipee.rest.platform.Json;

import jakarta.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A heartbeat run as the API shows it (api-contract: {@code id, companyId, agentId,
 * invocationSource, status, startedAt, finishedAt, exitCode, error, errorCode}), plus what the
 * board needs to follow it: why it was woken, its issue, the delivered context, usage, log size
 * and last output, a pending cancel, and how long a running run has been quiet ({@code outputSilence},
 * informational only).
 */
public record RunResponse(String id, String companyId, String agentId, String issueId, String invocationSource,
                          String status, String wakeReason, String startedAt, String finishedAt, Integer exitCode,
                          String error, String errorCode, String externalRunId, JsonObject usage, long logBytes,
                          String lastOutputAt, String cancelRequestedAt, String scheduledAt, String retryOfRunId,
                          String issueCommentStatus, JsonObject contextSnapshot, OutputSilence outputSilence,
                          String createdAt, String updatedAt) {

    private static final OutputSilence.Thresholds SILENCE = OutputSilence.Thresholds.current();

    public static RunResponse of(HeartbeatRun r) {
        return new RunResponse(r.getId().toString(), r.getCompanyId().toString(), r.getAgentId().toString(),
                text(r.getIssueId()), r.getInvocationSource().name(), r.getStatus().name(), r.getWakeReason(),
                Json.time(r.getStartedAt()), Json.time(r.getFinishedAt()), r.getExitCode(), r.getError(), r.getErrorCode(),
                r.getExternalRunId(), Json.object(r.getUsage()), r.getLogBytes(), Json.time(r.getLastOutputAt()),
                Json.time(r.getCancelRequestedAt()), Json.time(r.getScheduledAt()), text(r.getRetryOfRunId()),
                r.getIssueCommentStatus(), Json.object(r.getContextSnapshot()),
                OutputSilence.of(r, OffsetDateTime.now(ZoneOffset.UTC), SILENCE), Json.time(r.getCreatedAt()),
                Json.time(r.getUpdatedAt()));
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
