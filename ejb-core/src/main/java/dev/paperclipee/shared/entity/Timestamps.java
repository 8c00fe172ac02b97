package dev.paperclipee.shared.entity;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Time as the database keeps it: UTC, microsecond precision (PostgreSQL's timestamptz). */
public final class Timestamps {

    private Timestamps() {
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
