package dev.paperclipee.shared.entity;

/**
 * One field of a partial update that can also be cleared. A {@code null} {@code Change} leaves the
 * field as it is; {@link #clear()} sets it to null; {@link #to(Object)} sets a value. Needed where
 * clients send {@code "parentId": null} to unlink (upstream's PATCH semantics), which a plain
 * nullable parameter cannot tell apart from "not sent".
 *
 * @param value the new value, null to clear
 */
public record Change<T>(T value) {

    public static <T> Change<T> to(T value) {
        return new Change<>(value);
    }

    public static <T> Change<T> clear() {
        return new Change<>(null);
    }

    public boolean clears() {
        return value == null;
    }
}
