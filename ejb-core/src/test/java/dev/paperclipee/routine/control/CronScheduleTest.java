package dev.paperclipee.routine.control;

import dev.paperclipee.shared.entity.InvalidInputException;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CronScheduleTest {

    private static Instant next(String cron, String zone, String after) {
        return CronSchedule.of(cron, zone).nextAfter(Instant.parse(after)).orElseThrow().toInstant();
    }

    @Test
    void nineInTheMorningStaysNineLocalAcrossTheSpringChange() {
        // Berlin goes from +01:00 to +02:00 on 2026-03-29
        assertEquals(Instant.parse("2026-03-28T08:00:00Z"), next("0 9 * * *", "Europe/Berlin", "2026-03-28T07:30:00Z"));
        assertEquals(Instant.parse("2026-03-29T07:00:00Z"), next("0 9 * * *", "Europe/Berlin", "2026-03-28T08:00:00Z"),
                "23 hours later: 09:00 CEST");
    }

    @Test
    void nineInTheMorningStaysNineLocalAcrossTheAutumnChange() {
        // New York goes from -04:00 to -05:00 on 2026-11-01
        assertEquals(Instant.parse("2026-11-01T14:00:00Z"), next("0 9 * * *", "America/New_York", "2026-10-31T13:00:00Z"),
                "25 hours later: 09:00 EST");
    }

    @Test
    void aTimeInTheSpringGapIsSkippedThatDayAndNeverFiredTwice() {
        // 02:30 does not exist in New York on 2026-03-08 (02:00 EST jumps to 03:00 EDT)
        assertEquals(Instant.parse("2026-03-07T07:30:00Z"), next("30 2 * * *", "America/New_York", "2026-03-07T05:00:00Z"));
        assertEquals(Instant.parse("2026-03-09T06:30:00Z"), next("30 2 * * *", "America/New_York", "2026-03-07T07:30:00Z"),
                "the day without 02:30 has no occurrence; the next day's 02:30 EDT");
    }

    @Test
    void aTimeRepeatedInTheAutumnFiresOnce() {
        // 01:30 happens twice in New York on 2026-11-01 (EDT, then EST)
        Instant first = next("30 1 * * *", "America/New_York", "2026-11-01T04:00:00Z");
        Instant second = CronSchedule.of("30 1 * * *", "America/New_York").nextAfter(first).orElseThrow().toInstant();
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), first);
        assertEquals(Instant.parse("2026-11-02T06:30:00Z"), second, "not again an hour later");
    }

    @Test
    void weekdaysAndUtcByDefault() {
        // 2026-11-27 is a Friday
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), next("0 9 * * 1-5", null, "2026-11-27T09:00:00Z"));
        assertEquals(OffsetDateTime.parse("2026-11-27T09:05:00Z"),
                CronSchedule.of("*/5 * * * *", "UTC").nextAfter(Instant.parse("2026-11-27T09:00:00Z")).orElseThrow());
    }

    @Test
    void badExpressionsAndZonesAre400s() {
        for (String bad : new String[] {"", " ", "not cron", "61 * * * *", "* * * *", "0 0 32 * *", "x".repeat(300), "0 9 * * *\u0000"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CronSchedule.of(bad, "UTC"), bad);
            assertEquals(true, e.getMessage().startsWith("cronExpression"), e::getMessage);
        }
        for (String bad : new String[] {"Mars/Olympus", "+99:00", "x".repeat(200)}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> CronSchedule.of("0 9 * * *", bad), bad);
            assertEquals(true, e.getMessage().startsWith("timezone"), e::getMessage);
        }
    }
}
