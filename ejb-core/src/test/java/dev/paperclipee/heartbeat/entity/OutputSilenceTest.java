package dev.paperclipee.heartbeat.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputSilenceTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final OutputSilence.Thresholds DEFAULT = OutputSilence.Thresholds.resolve(name -> null, Map.of());

    @Test
    void theDefaultThresholdsAreAnHourAndFourHours() {
        assertEquals(new OutputSilence.Thresholds(Duration.ofMinutes(60), Duration.ofMinutes(240)), DEFAULT);
    }

    @Test
    void thresholdsComeFromPropertyThenEnvironmentAndNonsenseFallsBack() {
        assertEquals(Duration.ofMinutes(5), OutputSilence.Thresholds.resolve(
                name -> name.endsWith("suspicious.min") ? "5" : null, Map.of("PAPERCLIP_RUN_SILENCE_SUSPICIOUS_MIN", "9")).suspicious());
        assertEquals(Duration.ofMinutes(9), OutputSilence.Thresholds.resolve(
                name -> null, Map.of("PAPERCLIP_RUN_SILENCE_SUSPICIOUS_MIN", "9")).suspicious());
        assertEquals(Duration.ofMinutes(60), OutputSilence.Thresholds.resolve(
                name -> null, Map.of("PAPERCLIP_RUN_SILENCE_SUSPICIOUS_MIN", "-3")).suspicious());
        assertEquals(Duration.ofMinutes(100), OutputSilence.Thresholds.resolve(
                name -> null, Map.of("PAPERCLIP_RUN_SILENCE_SUSPICIOUS_MIN", "100", "PAPERCLIP_RUN_SILENCE_CRITICAL_MIN", "50"))
                .critical(), "critical is never below suspicious");
    }

    @Test
    void aRunningRunIsGradedByItsLatestSignOfLife() {
        assertEquals(new OutputSilence("ok", 59 * 60), grade(NOW.minusMinutes(59), NOW.minusHours(9)));
        assertEquals(new OutputSilence("suspicious", 3600), grade(NOW.minusMinutes(60), NOW.minusHours(9)));
        assertEquals(new OutputSilence("critical", 4 * 3600), grade(NOW.minusHours(4), NOW.minusHours(9)));
        assertEquals(new OutputSilence("suspicious", 2 * 3600), grade(null, NOW.minusHours(2)),
                "without output, the start counts");
    }

    @Test
    void snoozedDismissedAndFinishedRunsAreNotAlarming() {
        assertEquals("snoozed", OutputSilence.grade(RunStatus.running, "snooze", NOW.plusMinutes(1), NOW, DEFAULT,
                NOW.minusHours(5)).level());
        assertEquals("critical", OutputSilence.grade(RunStatus.running, "snooze", NOW.minusMinutes(1), NOW, DEFAULT,
                NOW.minusHours(5)).level(), "an expired snooze no longer hides it");
        assertEquals(new OutputSilence("not_applicable", 0), OutputSilence.grade(RunStatus.running, "dismissed_false_positive",
                null, NOW, DEFAULT, NOW.minusHours(5)));
        for (RunStatus status : RunStatus.values()) {
            if (status != RunStatus.running) {
                assertEquals("not_applicable", OutputSilence.grade(status, null, null, NOW, DEFAULT, NOW.minusHours(5)).level());
            }
        }
    }

    private static OutputSilence grade(OffsetDateTime lastOutput, OffsetDateTime started) {
        return OutputSilence.grade(RunStatus.running, null, null, NOW, DEFAULT, lastOutput, null, started, null);
    }
}
