package dev.paperclipee.rest.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Bean Validation failures on request records: 400 with one {@code {path, message, code}} per
 * field, paths relative to the request body (not the Java method).
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        List<Map<String, Object>> details = new ArrayList<>();
        e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> details.add(Map.of("path", bodyPath(v), "message", v.getMessage(), "code", code(v))));
        String first = details.isEmpty() ? "Validation failed"
                : "Validation failed: " + String.join(".", castPath(details.get(0).get("path"))) + " " + details.get(0).get("message");
        return ApiError.response(400, first, details);
    }

    /** Drops the method and parameter nodes: {@code create.body.name} → {@code [name]}. */
    private static List<String> bodyPath(ConstraintViolation<?> v) {
        List<String> path = new ArrayList<>();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY
                    || node.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                path.add(node.getName());
            }
        }
        if (path.isEmpty()) {
            path.add("body");
        }
        return path;
    }

    private static String code(ConstraintViolation<?> v) {
        String annotation = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull" -> "invalid_type";
            case "NotBlank", "NotEmpty", "Min", "PositiveOrZero", "Positive" -> "too_small";
            case "Size" -> belowMinimum(v) ? "too_small" : "too_big";
            case "Max" -> "too_big";
            default -> "custom";
        };
    }

    /** Whether a {@code @Size} failed on its lower bound (the value is shorter than {@code min}). */
    private static boolean belowMinimum(ConstraintViolation<?> v) {
        Object min = v.getConstraintDescriptor().getAttributes().get("min");
        Object value = v.getInvalidValue();
        int length = value instanceof CharSequence s ? s.length()
                : value instanceof java.util.Collection<?> c ? c.size()
                : value instanceof java.util.Map<?, ?> m ? m.size() : -1;
        return min instanceof Integer m && length >= 0 && length < m;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castPath(Object o) {
        return (List<String>) o;
    }
}
