package dev.paperclipee.shared.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.Map;

/**
 * A JSON object kept as the text of a {@code jsonb} column (a project's env, an agent's adapter
 * and runtime configuration). Checked before it is stored, so that PostgreSQL never has to refuse
 * it: every key and string obeys the {@link Text} rules (no NUL, no lone surrogates) and the
 * whole text is bounded.
 */
public final class JsonText {

    /**
     * The JSON-P provider, looked up once. {@code jakarta.json.Json.createReader} and friends look
     * the provider up through the ServiceLoader on every call, which scans the class path; on a
     * hot path (every activity row read, every request body) that dominated the request time.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private static final JsonReaderFactory READERS = JSON.createReaderFactory(Map.of());

    private JsonText() {
    }

    /** The object as JSON text, or null for null; a 400 naming {@code field} if it cannot be stored. */
    public static String of(String field, JsonObject value) {
        if (value == null) {
            return null;
        }
        check(field, value);
        String text = value.toString();
        if (text.length() > Text.LONG) {
            throw new InvalidInputException(field, "must be at most " + Text.LONG + " characters as JSON", "too_big");
        }
        return text;
    }

    /** The stored text read back as an object (null for null), e.g. to compare two values regardless of key order. */
    public static JsonObject parse(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static void check(String field, JsonValue value) {
        if (value instanceof JsonObject object) {
            object.forEach((key, member) -> {
                Text.optional(field, key, Text.LONG);
                check(field, member);
            });
        } else if (value instanceof JsonArray array) {
            array.forEach(element -> check(field, element));
        } else if (value instanceof JsonString string) {
            Text.optional(field, string.getString(), Text.LONG);
        }
    }
}
