package dev.paperclipee.heartbeat.entity;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How long a running run has been quiet (execution-semantics §9, the silent active-run watchdog
 * in its current, informational form): the age of its last output (else of its process start,
 * its start, its creation) graded {@code ok}, {@code suspicious} or {@code critical};
 * {@code snoozed} while the board's snooze lasts; {@code not_applicable} for runs that are not
 * running or were dismissed as false positives. Never cancels, blocks or wakes anything: a run
 * is never killed for being long or quiet.
 *
 * @param level        ok | suspicious | critical | snoozed | not_applicable
 * @param silentForSec seconds since the last sign of life (0 when not applicable)
 */
public record OutputSilence(String level, long silentForSec) {

    /** The thresholds: {@code PAPERCLIP_RUN_SILENCE_SUSPICIOUS_MIN} (60) and {@code …_CRITICAL_MIN} (240). */
    public record Thresholds(Duration suspicious, Duration critical) {

        public static Thresholds current() {
            return resolve(System::getProperty, System.getenv());
        }

        static Thresholds resolve(UnaryOperator<String> properties, Map<String, String> env) {
            long suspicious = minutes(properties.apply("paperclip.run.silence.suspicious.min"),
                    env.get("PAPERCLIP_RUN_SILENCE_SUSPICIOUS_MIN"), 60);
            long critical = minutes(properties.apply("paperclip.run.silence.critical.min"),
                    env.get("PAPERCLIP_RUN_SILENCE_CRITICAL_MIN"), 240);
            return new Thresholds(Duration.ofMinutes(suspicious), Duration.ofMinutes(Math.max(critical, suspicious)));
        }

        private static long minutes(String property, String variable, long fallback) {
            for (String value : new String[] {property, variable}) {
                if (value != null) {
                    try {
                        long n = Long.parseLong(value.strip());
                        if (n > 0) {
                            return n;
                        }
                    } catch (NumberFormatException e) {
                        // not a number: the next source, or the default
                    }
                }
            }
            return fallback;
        }
    }

    public static OutputSilence of(HeartbeatRun run, OffsetDateTime now, Thresholds thresholds) {
        return grade(run.getStatus(), run.getWatchdogDecision(), run.getWatchdogSnoozedUntil(), now, thresholds,
                run.getLastOutputAt(), run.getProcessStartedAt(), run.getStartedAt(), run.getCreatedAt());
    }

    /** @param signsOfLife last output, process start, run start, creation: the first that is known counts */
    static OutputSilence grade(RunStatus status, String decision, OffsetDateTime snoozedUntil, OffsetDateTime now,
                               Thresholds thresholds, OffsetDateTime... signsOfLife) {
        if (status != RunStatus.running || "dismissed_false_positive".equals(decision)) {
            return new OutputSilence("not_applicable", 0);
        }
        OffsetDateTime since = first(signsOfLife);
        long silent = since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
        if (snoozedUntil != null && snoozedUntil.isAfter(now)) {
            return new OutputSilence("snoozed", silent);
        }
        String level = silent >= thresholds.critical().toSeconds() ? "critical"
                : silent >= thresholds.suspicious().toSeconds() ? "suspicious" : "ok";
        return new OutputSilence(level, silent);
    }

    private static OffsetDateTime first(OffsetDateTime... candidates) {
        for (OffsetDateTime candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
