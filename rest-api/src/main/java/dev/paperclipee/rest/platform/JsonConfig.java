package dev.paperclipee.rest.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * JSON as upstream clients expect it: null fields present ({@code "description": null}), and
 * strict types on input — a number where text is expected is a 400, not silently "5".
 */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withNullValues(true)
            .withDeserializers(new StrictString(), new StrictLong(), new StrictInteger(), new StrictBoolean(),
                    new StrictDecimal()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** Accepts only JSON strings (or null) for Java {@code String} fields. */
    public static class StrictString implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            // Yasson's parser wrapper does not implement currentEvent(); getValue() reads the current value
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case STRING -> ((JsonString) value).getString();
                case NULL -> null;
                case NUMBER -> throw new JsonbException("expected a string but found a number");
                case TRUE, FALSE -> throw new JsonbException("expected a string but found a boolean");
                case OBJECT -> throw new JsonbException("expected a string but found an object");
                case ARRAY -> throw new JsonbException("expected a string but found an array");
            };
        }
    }

    /** Whole numbers only, and only within 64 bits: never silently truncated or rounded. */
    public static class StrictLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            return integral(parser.getValue(), Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** Whole numbers within 32 bits. */
    public static class StrictInteger implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            Long value = integral(parser.getValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            return value == null ? null : value.intValue();
        }
    }

    /** {@code true} or {@code false}, not "true" or 1. */
    public static class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case NULL -> null;
                default -> throw new JsonbException("expected true or false");
            };
        }
    }

    /** A JSON number, not the text "0.25": amounts such as {@code costUsd} are numbers on the wire. */
    public static class StrictDecimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext ctx, Type rtType) {
            JsonValue value = parser.getValue();
            return switch (value.getValueType()) {
                case NUMBER -> ((JsonNumber) value).bigDecimalValue();
                case NULL -> null;
                default -> throw new JsonbException("expected a number");
            };
        }
    }

    static Long integral(JsonValue value, long min, long max) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new JsonbException("expected a whole number");
        }
        JsonNumber number = (JsonNumber) value;
        try {
            long exact = number.bigDecimalValue().longValueExact();
            if (exact < min || exact > max) {
                throw new ArithmeticException();
            }
            return exact;
        } catch (ArithmeticException e) {
            throw new JsonbException("expected a whole number from " + min + " to " + max + " but found " + number);
        }
    }
}
