package dev.paperclipee.secret.control;

import dev.paperclipee.secret.entity.EnvBinding;
import dev.paperclipee.shared.entity.InvalidInputException;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads env objects in the secret-aware binding format ({@link EnvBinding}). The same reading
 * serves the check when an agent or project is written and the resolution when a run starts, so
 * the two cannot disagree. A JSON {@code null} entry is skipped (no variable), as before.
 */
public final class EnvBindings {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EnvBindings() {
    }

    /**
     * The bindings of {@code env} (empty for null), or a 400 at {@code path + [name]} for an entry
     * that is none of the three shapes. Numbers and booleans are taken as their text, as upstream
     * coerces them.
     */
    public static List<EnvBinding> read(List<String> path, JsonValue env) {
        if (env == null || env.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (!(env instanceof JsonObject object)) {
            throw new InvalidInputException(path, "must be an object of env bindings", "invalid_type");
        }
        List<EnvBinding> bindings = new ArrayList<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String name = entry.getKey();
            JsonValue value = entry.getValue();
            if (name.isBlank() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new InvalidInputException(path, "has an invalid variable name", "invalid_value");
            }
            EnvBinding binding = binding(at(path, name), name, value);
            if (binding != null) {
                bindings.add(binding);
            }
        }
        return List.copyOf(bindings);
    }

    /** The bindings by name, in their order. */
    public static Map<String, EnvBinding> byName(List<String> path, JsonValue env) {
        Map<String, EnvBinding> map = new LinkedHashMap<>();
        read(path, env).forEach(binding -> map.put(binding.name(), binding));
        return map;
    }

    /** Whether {@code value} is a well-formed {@code secret_ref} binding. */
    public static boolean isSecretRef(JsonValue value) {
        return value instanceof JsonObject object && EnvBinding.SECRET_REF.equals(type(object))
                && object.get("secretId") instanceof JsonString id && UUID_TEXT.matcher(id.getString()).matches();
    }

    /** Whether {@code value} is a {@code plain} binding object. */
    public static boolean isPlainBinding(JsonValue value) {
        return value instanceof JsonObject object && EnvBinding.PLAIN.equals(type(object)) && object.containsKey("value");
    }

    private static EnvBinding binding(List<String> path, String name, JsonValue value) {
        switch (value.getValueType()) {
            case NULL:
                return null;
            case STRING:
                return EnvBinding.plain(name, ((JsonString) value).getString());
            case NUMBER:
            case TRUE:
            case FALSE:
                return EnvBinding.plain(name, value.toString());
            case OBJECT:
                break;
            default:
                throw new InvalidInputException(path, "must be a string or an env binding object", "invalid_type");
        }
        JsonObject object = value.asJsonObject();
        String type = type(object);
        if (EnvBinding.PLAIN.equals(type)) {
            JsonValue plain = object.get("value");
            if (plain instanceof JsonString text) {
                return EnvBinding.plain(name, text.getString());
            }
            if (plain != null && (plain instanceof JsonNumber || plain == JsonValue.TRUE || plain == JsonValue.FALSE)) {
                return EnvBinding.plain(name, plain.toString());
            }
            throw new InvalidInputException(at(path, "value"), "must be a string", "invalid_type");
        }
        if (EnvBinding.SECRET_REF.equals(type)) {
            JsonValue id = object.get("secretId");
            if (!(id instanceof JsonString text) || !UUID_TEXT.matcher(text.getString()).matches()) {
                throw new InvalidInputException(at(path, "secretId"), "must be a UUID", "invalid_string");
            }
            return EnvBinding.secretRef(name, UUID.fromString(text.getString()), version(at(path, "version"), object.get("version")));
        }
        throw new InvalidInputException(at(path, "type"), "must be \"plain\" or \"secret_ref\"", "invalid_value");
    }

    /** {@code "latest"}, absent or null: latest (null); a whole number from 1: that version. */
    private static Integer version(List<String> path, JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL
                || (value instanceof JsonString text && EnvBinding.LATEST.equals(text.getString()))) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            BigDecimal decimal = number.bigDecimalValue();
            if ((decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0)
                    && decimal.compareTo(BigDecimal.ONE) >= 0 && decimal.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return decimal.intValueExact();
            }
        }
        throw new InvalidInputException(path, "must be \"latest\" or a version number from 1", "invalid_value");
    }

    private static String type(JsonObject object) {
        return object.get("type") instanceof JsonString type ? type.getString() : null;
    }

    private static List<String> at(List<String> path, String name) {
        List<String> full = new ArrayList<>(path);
        full.add(name);
        return full;
    }
}
