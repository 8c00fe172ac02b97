package dev.paperclipee.shared.entity;

import jakarta.ejb.ApplicationException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    private InvalidInputException(String message, Object details) {
        super(message, details);
    }

    /**
     * The same refusal for a value nested in the field {@code parent} (an approval's payload is an
     * agent-create body): every path gets {@code parent} in front, {@code [name]} → {@code [payload, name]}.
     */
    public InvalidInputException under(String parent) {
        List<Map<String, Object>> nested = new ArrayList<>();
        if (details() instanceof List<?> problems) {
            for (Object problem : problems) {
                if (problem instanceof Map<?, ?> p) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    p.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    List<Object> path = new ArrayList<>();
                    path.add(parent);
                    if (p.get("path") instanceof List<?> inner) {
                        path.addAll(inner);
                    }
                    copy.put("path", List.copyOf(path));
                    nested.add(copy);
                }
            }
        }
        return new InvalidInputException(parent + "." + getMessage(), nested);
    }
}
