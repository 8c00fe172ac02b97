package dev.paperclipee.heartbeat.control;

import dev.paperclipee.heartbeat.entity.RunStatus;

/**
 * How a run ended, as the adapter saw it.
 *
 * @param status        one of the final statuses (succeeded, failed, cancelled, timed_out)
 * @param exitCode      the process exit code, or null (no process, or killed by a signal we sent)
 * @param error         a human-readable reason for a run that did not succeed (never a secret), or null
 * @param errorCode     a machine-readable reason, e.g. {@code exit_code}, {@code timeout},
 *                      {@code http_status}, {@code spawn_failed}; null on success
 * @param sessionId     the agent CLI's session to resume next time (claude/codex), or null
 * @param externalRunId the remote side's id of the run, or null
 * @param usage         token usage and cost reported by the agent, or null
 * @param summary       the agent's final message (e.g. claude's {@code result}), or null
 */
public record RunResult(
        RunStatus status,
        Integer exitCode,
        String error,
        String errorCode,
        String sessionId,
        String externalRunId,
        Usage usage,
        String summary) {

    public RunResult {
        if (status == null || !status.terminal()) {
            throw new IllegalArgumentException("a run result needs a final status, not " + status);
        }
    }

    public static RunResult succeeded(Integer exitCode) {
        return new RunResult(RunStatus.succeeded, exitCode, null, null, null, null, null, null);
    }

    public static RunResult failed(Integer exitCode, String errorCode, String error) {
        return new RunResult(RunStatus.failed, exitCode, error, errorCode, null, null, null, null);
    }

    public static RunResult cancelled(String error) {
        return new RunResult(RunStatus.cancelled, null, error, "cancelled", null, null, null, null);
    }

    public static RunResult timedOut(String error) {
        return new RunResult(RunStatus.timed_out, null, error, "timeout", null, null, null, null);
    }

    public RunResult withSession(String session, Usage used, String finalMessage) {
        return new RunResult(status, exitCode, error, errorCode, session, externalRunId, used, finalMessage);
    }

    public RunResult withExternalRunId(String id) {
        return new RunResult(status, exitCode, error, errorCode, sessionId, id, usage, summary);
    }
}
