package dev.paperclipee.rest.heartbeat;

import dev.paperclipee.heartbeat.control.RunResult;
import dev.paperclipee.heartbeat.control.Usage;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.Text;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

/** Request bodies of the heartbeat routes. */
public final class RunRequests {

    private RunRequests() {
    }

    /**
     * A remote agent's report of its run's end (spec §11.3 "optional callback endpoint allows
     * asynchronous completion updates"): {@code status} is {@code succeeded} or {@code failed}.
     */
    @Schema(name = "RunCallbackRequest")
    public record Callback(@NotNull @Size(max = 20) String status,
                           @Size(max = 2_000) String error,
                           Integer exitCode,
                           @Size(max = 200) String externalRunId,
                           @Size(max = 500) String sessionId,
                           @Valid UsageReport usage) {

        RunResult toResult() {
            RunStatus end = switch (status) {
                case "succeeded" -> RunStatus.succeeded;
                case "failed" -> RunStatus.failed;
                default -> throw new InvalidInputException("status", "must be succeeded or failed", "invalid_enum_value");
            };
            // stored texts: a NUL or a lone surrogate is a 400 here, not a 500 from PostgreSQL
            String reason = Text.optional("error", error, 2_000);
            return new RunResult(end, exitCode, end == RunStatus.failed ? (reason == null ? "The agent reported a failure" : reason) : null,
                    end == RunStatus.failed ? "agent_reported" : null, Text.optional("sessionId", sessionId, 500),
                    Text.optional("externalRunId", externalRunId, 200), usage == null ? null : usage.toUsage(), null);
        }
    }

    /** Token usage and cost of the run; {@code costUsd} becomes {@code round(usd × 100)} cents. */
    @Schema(name = "RunUsageReport")
    public record UsageReport(@Size(min = 1, max = 100) String provider,
                              @Size(min = 1, max = 200) String model,
                              @PositiveOrZero @Max(Integer.MAX_VALUE) Long inputTokens,
                              @PositiveOrZero @Max(Integer.MAX_VALUE) Long cachedInputTokens,
                              @PositiveOrZero @Max(Integer.MAX_VALUE) Long outputTokens,
                              @PositiveOrZero @Max(21_474_836) BigDecimal costUsd) {
        Usage toUsage() {
            return new Usage(Text.optional("usage.provider", provider, 100), Text.optional("usage.model", model, 200),
                    value(inputTokens), value(cachedInputTokens), value(outputTokens), costUsd);
        }

        private static long value(Long n) {
            return n == null ? 0 : n;
        }
    }
}
