package dev.paperclipee.rest.platform;

import dev.paperclipee.shared.entity.InvalidInputException;

/**
 * Query parameters of list routes. Unlike a path id (which names a resource: 404), a malformed
 * query parameter is a bad request (400 naming the parameter).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** An optional whole number within 32 bits: absent is null; {@code "1.5"}, {@code "x"} or {@code ""} is a 400. */
    public static Integer integer(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number", "invalid_type");
        }
    }
}
