package dev.paperclipee.shared.entity;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Enums travel as lower-case snake_case text in the JSON API and in the CHECK-constrained
 * columns; domain enums use those very names as constants ({@code in_progress}).
 */
public final class WireEnum {

    private WireEnum() {
    }

    public static String of(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** Parses an API value; an unknown one is a 400 listing the allowed values. */
    public static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new InvalidInputException(field, "must be one of " + allowed(type), "invalid_enum_value");
    }

    public static String allowed(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::of).collect(Collectors.joining(", "));
    }
}
