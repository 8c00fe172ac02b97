package dev.paperclipee.heartbeat.control;

import dev.paperclipee.secret.control.EnvBindings;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an agent's {@code adapterConfig} and collects what is wrong with it instead of failing at
 * the first problem, so that one 400 names every bad field. The same reading serves the check at
 * create/PATCH time ({@link #problems()}) and the invocation ({@link #requireValid()}), so the two
 * can never disagree. Keys this reader is not asked about are left alone: upstream clients store
 * many more settings in the same object. A JSON {@code null} counts as absent.
 */
final class AdapterConfig {

    private static final String ROOT = "adapterConfig";

    private final JsonObject config;
    private final List<ConfigProblem> problems = new ArrayList<>();

    AdapterConfig(JsonObject config) {
        this.config = config == null ? JsonValue.EMPTY_JSON_OBJECT : config;
    }

    JsonObject json() {
        return config;
    }

    /** The value of {@code key}, or null when absent or JSON null. */
    JsonValue value(String key) {
        JsonValue value = config.get(key);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    /** A non-blank string, or null (a problem if {@code required}). */
    String text(String key, boolean required) {
        JsonValue value = value(key);
        if (value == null) {
            if (required) {
                problem(List.of(key), "is required", "required");
            }
            return null;
        }
        if (!(value instanceof JsonString string)) {
            problem(List.of(key), "must be a string", "invalid_type");
            return null;
        }
        if (string.getString().isBlank()) {
            problem(List.of(key), "must not be empty", required ? "required" : "invalid_value");
            return null;
        }
        return string.getString();
    }

    /** An array of strings (empty when absent). */
    List<String> texts(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            problem(List.of(key), "must be an array of strings", "invalid_type");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        List<JsonValue> items = value.asJsonArray();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof JsonString string) {
                texts.add(string.getString());
            } else {
                problem(List.of(key, String.valueOf(i)), "must be a string", "invalid_type");
            }
        }
        return texts;
    }

    /**
     * An environment-like object: {@code {"NAME": "value"}}. A value may also be upstream's plain
     * binding {@code {"type": "plain", "value": "..."}}; in {@code env} also a secret reference
     * ({@code {"type": "secret_ref", ...}}), which the runtime resolves when a run starts and
     * which is left out here (spec §7.12). Elsewhere (http {@code headers}) a reference is refused.
     */
    Map<String, String> textMap(String key) {
        JsonValue value = value(key);
        if (value == null) {
            return Map.of();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            problem(List.of(key), "must be an object of strings", "invalid_type");
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        value.asJsonObject().forEach((name, member) -> {
            if (name.isBlank() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                problem(List.of(key), "has an invalid name", "invalid_value");
            } else if (member instanceof JsonString string) {
                map.put(name, string.getString());
            } else if (member instanceof JsonObject binding && "plain".equals(binding.getString("type", null))
                    && binding.get("value") instanceof JsonString plain) {
                map.put(name, plain.getString());
            } else if ("env".equals(key) && EnvBindings.isSecretRef(member)) {
                // resolved into the config's copy when a run starts; never stored resolved
            } else {
                problem(List.of(key, name), "must be a string", "invalid_type");
            }
        });
        return map;
    }

    /** A whole number in {@code min..max}, or null when absent. */
    Long wholeNumber(String key, long min, long max) {
        JsonValue value = value(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            problem(List.of(key), "must be a whole number", "invalid_type");
            return null;
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            problem(List.of(key), "must be a whole number", "invalid_type");
            return null;
        }
        if (decimal.compareTo(BigDecimal.valueOf(min)) < 0 || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
            problem(List.of(key), "must be between " + min + " and " + max, "out_of_range");
            return null;
        }
        return decimal.longValueExact();
    }

    /** A boolean, or {@code otherwise} when absent. */
    boolean flag(String key, boolean otherwise) {
        JsonValue value = value(key);
        if (value == null) {
            return otherwise;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        problem(List.of(key), "must be true or false", "invalid_type");
        return otherwise;
    }

    /** One of {@code allowed} (compared exactly), or {@code otherwise} when absent. */
    String choice(String key, String otherwise, Set<String> allowed) {
        String text = text(key, false);
        if (text == null) {
            return otherwise;
        }
        if (!allowed.contains(text)) {
            problem(List.of(key), "must be one of " + allowed.stream().sorted().collect(Collectors.joining(", ")),
                    "invalid_value");
            return otherwise;
        }
        return text;
    }

    /** Records a problem at {@code adapterConfig.<path>}. */
    void problem(List<String> path, String message, String code) {
        List<String> full = new ArrayList<>(path.size() + 1);
        full.add(ROOT);
        full.addAll(path);
        problems.add(new ConfigProblem(full, message, code));
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** Nothing wrong, or an {@code adapter_config_invalid} naming every problem. */
    void requireValid() throws AdapterException {
        if (!problems.isEmpty()) {
            throw new AdapterException("adapter_config_invalid", "Invalid adapter configuration: "
                    + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        }
    }
}
