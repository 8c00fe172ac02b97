package dev.paperclipee.shared.entity;

import jakarta.ejb.ApplicationException;

import java.util.List;
import java.util.Map;

/**
 * 400: a value that can never be valid (empty name, text too long, NUL characters). Details are
 * a list of {@code {path: [...], message, code}}, the shape upstream clients parse.
 */
@ApplicationException(rollback = true)
public class InvalidInputException extends DomainException {

    private static final long serialVersionUID = 1L;

    public InvalidInputException(String field, String message, String code) {
        super(field + ": " + message,
                List.of(Map.of("path", List.of(field), "message", message, "code", code)));
    }

    /** A value inside a JSON field, e.g. {@code [runtimeConfig, heartbeat, intervalSec]}. */
    public InvalidInputException(List<String> path, String message, String code) {
        super(String.join(".", path) + ": " + message,
                List.of(Map.of("path", List.copyOf(path), "message", message, "code", code)));
    }
}
