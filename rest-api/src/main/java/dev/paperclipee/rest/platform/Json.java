package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.NotFoundException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Wire formats shared by all resources. */
public final class Json {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private Json() {
    }

    /** {@code 2026-02-17T20:25:00.000Z}, as upstream answers. */
    public static String time(OffsetDateTime t) {
        return t == null ? null : ISO_MILLIS.format(t.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** A path id that is not a UUID names nothing: 404, like any unknown id. */
    public static UUID id(String kind, String value) {
        try {
            if (value != null && value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw NotFoundException.of(kind, value);
    }
}
