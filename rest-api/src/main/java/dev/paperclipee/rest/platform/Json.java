package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Wire formats shared by all resources. */
public final class Json {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Strict: 2026-02-30 is refused rather than resolved to March. */
    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Json() {
    }

    /**
     * {@code 2026-02-17T20:25:00.000Z}, as upstream answers. Written by hand rather than with a
     * {@code DateTimeFormatter}: a page of issues carries hundreds of timestamps, and the
     * formatter's generic machinery was a tenth of the list's CPU time.
     */
    public static String time(OffsetDateTime t) {
        if (t == null) {
            return null;
        }
        LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return ISO_MILLIS.format(utc); // outside what the database stores; kept correct, not fast
        }
        char[] out = new char[24];
        digits(out, 0, utc.getYear(), 4);
        out[4] = '-';
        digits(out, 5, utc.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, utc.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, utc.getHour(), 2);
        out[13] = ':';
        digits(out, 14, utc.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, utc.getSecond(), 2);
        out[19] = '.';
        digits(out, 20, utc.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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

    /** A calendar date {@code YYYY-MM-DD}, as upstream answers {@code targetDate}. */
    public static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    /** A JSON object kept as text (a {@code jsonb} column), or null. */
    public static JsonObject object(String text) {
        return JsonText.parse(text);
    }

    /** An id in a request body: null stays null; anything but a UUID is a 400 naming the field. */
    public static UUID uuid(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(value).matches()) {
            throw new InvalidInputException(field, "must be a UUID", "invalid_string");
        }
        return UUID.fromString(value);
    }

    /** A {@code YYYY-MM-DD} date in a request body: null stays null; anything else is a 400. */
    public static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            if (DATE_TEXT.matcher(value).matches()) {
                return LocalDate.parse(value); // ISO_LOCAL_DATE resolves strictly: 2026-02-30 is refused
            }
        } catch (DateTimeException e) {
            // falls through
        }
        throw new InvalidInputException(field, "must be a date YYYY-MM-DD", "invalid_date");
    }

    /**
     * An instant in a request body, ISO-8601 with an offset ({@code 2026-02-17T20:25:00Z},
     * {@code 2026-02-17T21:25:00.5+01:00}): null stays null; a time without offset, an impossible
     * date or a year outside 1–9999 (what PostgreSQL and every client can represent) is a 400.
     */
    public static OffsetDateTime timestamp(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(value, ISO_OFFSET);
            if (parsed.getYear() >= 1 && parsed.getYear() <= 9999) {
                return parsed;
            }
        } catch (DateTimeException e) {
            // falls through
        }
        throw new InvalidInputException(field, "must be an ISO-8601 date-time with offset, e.g. 2026-02-17T20:25:00Z",
                "invalid_date");
    }

    /** A JSON object field of a request body: absent or null is null; another JSON type is a 400. */
    public static JsonObject object(String field, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidInputException(field, "must be a JSON object or null", "invalid_type");
        }
        return value.asJsonObject();
    }

    /** A text field of a request body read as a raw JSON value: a string, null, or a 400. */
    public static String text(String field, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidInputException(field, "must be a string or null", "invalid_type");
    }

    /**
     * A clearable field of a PATCH body: absent → null (leave as it is), JSON {@code null} → clear,
     * otherwise the value read by {@code read} (which throws a 400 for a bad one).
     */
    public static <T> Change<T> change(String field, JsonValue value, BiFunction<String, JsonValue, T> read) {
        if (value == null) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return Change.clear();
        }
        return Change.to(read.apply(field, value));
    }

    /** {@link #change} for an id. */
    public static Change<UUID> idChange(String field, JsonValue value) {
        return change(field, value, (f, v) -> uuid(f, text(f, v)));
    }
}
