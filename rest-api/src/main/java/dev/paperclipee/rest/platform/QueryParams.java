package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.WireEnum;

import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Set;

/**
 * Query parameters of list routes, read strictly. Unlike a path id (which names a resource: 404),
 * a malformed query parameter is a bad request (400 naming the parameter), never a 500 or a
 * silent default.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** A whole number within 32 bits; absent gives {@code fallback}; {@code "1.5"}, {@code "x"} or {@code ""} is a 400. */
    public static int integer(String name, String value, int fallback) {
        Integer n = integer(name, value);
        return n == null ? fallback : n;
    }

    /** An optional whole number within 32 bits: absent is null; {@code "1.5"}, {@code "x"} or {@code ""} is a 400. */
    public static Integer integer(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("-?[0-9]+")) {
            throw new InvalidInputException(name, "must be a whole number", "invalid_type");
        }
        long n = value.length() > 11 ? Long.MAX_VALUE : Long.parseLong(value);
        if (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
            throw new InvalidInputException(name, "is out of range", "too_big");
        }
        return (int) n;
    }

    /** A comma-separated list of enum values ({@code todo,in_progress}); absent or empty is the empty set. */
    public static <E extends Enum<E>> Set<E> enums(Class<E> type, String name, String value) {
        Set<E> values = EnumSet.noneOf(type);
        if (value == null || value.isBlank()) {
            return values;
        }
        if (value.length() > 500) {
            throw new InvalidInputException(name, "is too long", "too_big");
        }
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(WireEnum.parse(type, name, part.strip()));
            }
        }
        return values;
    }

    /** A calendar month {@code YYYY-MM} ({@code 2026-02}); absent is null; anything else, {@code ""} too, is a 400. */
    public static YearMonth month(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[0-9]{4}-(0[1-9]|1[0-2])")) {
            throw new InvalidInputException(name, "must be a month as YYYY-MM", "invalid_string");
        }
        return YearMonth.parse(value);
    }

    /** {@code asc} (the default) or {@code desc}; answers whether it is descending. */
    public static boolean descending(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("asc")) {
            return false;
        }
        if (value.equals("desc")) {
            return true;
        }
        throw new InvalidInputException(name, "must be asc or desc", "invalid_enum_value");
    }
}
