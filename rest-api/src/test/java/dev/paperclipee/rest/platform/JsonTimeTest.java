package dev.paperclipee.rest.platform;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-written timestamp format agrees with the formatter it replaces, everywhere. */
class JsonTimeTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    @Test
    void writesUtcWithMillisecondsLikeUpstream() {
        assertEquals("2026-02-17T20:25:00.000Z", Json.time(OffsetDateTime.of(2026, 2, 17, 21, 25, 0, 0, ZoneOffset.ofHours(1))));
        assertEquals("0001-01-01T00:00:00.999Z", Json.time(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 999_999_999, ZoneOffset.UTC)));
        assertEquals("9999-12-31T23:59:59.001Z", Json.time(OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 1_000_000, ZoneOffset.UTC)));
        assertNull(Json.time(null));
    }

    @Test
    void agreesWithTheReferenceFormatterOnRandomInstants() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long second = random.nextLong(-62_000_000_000L, 253_000_000_000L);
            OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(second, random.nextInt(1_000_000_000)),
                    ZoneOffset.ofHours(random.nextInt(-12, 13)));
            assertEquals(REFERENCE.format(t.withOffsetSameInstant(ZoneOffset.UTC)), Json.time(t), t::toString);
        }
    }
}
