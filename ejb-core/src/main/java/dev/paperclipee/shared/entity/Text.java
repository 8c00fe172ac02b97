package dev.paperclipee.shared.entity;

/**
 * Rules every stored text obeys, whoever writes it (REST, board, import): PostgreSQL rejects NUL
 * characters and invalid UTF-16 (lone surrogates) cannot be encoded, so both are refused up
 * front as a 400 rather than failing later as a 500; and every text has a maximum length, so a
 * megabyte "name" is a validation error, not a stored row.
 */
public final class Text {

    public static final int NAME = 200;
    public static final int SHORT = 500;
    public static final int LONG = 100_000;

    private Text() {
    }

    /** A required text: trimmed, non-blank, at most {@code max} characters. */
    public static String required(String field, String value, int max) {
        if (value == null) {
            throw new InvalidInputException(field, "is required", "invalid_type");
        }
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(field, "must not be empty", "too_small");
        }
        return checked(field, trimmed, max);
    }

    /** An optional text: null stays null; otherwise at most {@code max} characters. */
    public static String optional(String field, String value, int max) {
        return value == null ? null : checked(field, value, max);
    }

    private static String checked(String field, String value, int max) {
        if (value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters", "too_big");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw new InvalidInputException(field, "must not contain NUL characters", "invalid_string");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidInputException(field, "contains an invalid (lone surrogate) character", "invalid_string");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException(field, "contains an invalid (lone surrogate) character", "invalid_string");
            }
        }
        return value;
    }

    /** In partial updates an empty or blank text means "clear this field". */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A non-negative amount of cents or a count that fits the int columns. */
    public static int nonNegative(String field, long value) {
        if (value < 0) {
            throw new InvalidInputException(field, "must be zero or more", "too_small");
        }
        if (value > Integer.MAX_VALUE) {
            throw new InvalidInputException(field, "must be at most " + Integer.MAX_VALUE, "too_big");
        }
        return (int) value;
    }
}
