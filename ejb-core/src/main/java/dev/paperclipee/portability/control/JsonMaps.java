package dev.paperclipee.portability.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between stored JSON (jakarta.json) and the plain maps and lists of a package model. */
public final class JsonMaps {

    private JsonMaps() {
    }

    public static Map<String, Object> map(String json) {
        return json == null || json.isBlank() ? new LinkedHashMap<>() : map(JsonText.parse(json));
    }

    public static Map<String, Object> map(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (object != null) {
            object.forEach((k, v) -> map.put(k, plain(v)));
        }
        return map;
    }

    public static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> map(value.asJsonObject());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(v -> list.add(plain(v)));
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                yield n.isIntegral() ? (Object) n.longValueExact() : n.doubleValue();
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /** A map as a JSON object; null for null. */
    public static JsonObject object(Map<String, ?> map) {
        return map == null ? null : json(map).asJsonObject();
    }

    public static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Map<?, ?> m) {
            JsonObjectBuilder b = JsonText.JSON.createObjectBuilder();
            m.forEach((k, v) -> b.add(String.valueOf(k), json(v)));
            return b.build();
        }
        if (value instanceof List<?> l) {
            JsonArrayBuilder b = JsonText.JSON.createArrayBuilder();
            l.forEach(v -> b.add(json(v)));
            return b.build();
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Long || value instanceof Integer) {
            return JsonText.JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return JsonText.JSON.createValue(n.doubleValue());
        }
        return JsonText.JSON.createValue(value.toString());
    }
}
