package dev.paperclipee.agent.entity;

import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The heartbeat policy in {@code runtimeConfig.heartbeat} (spec §11.5, api-contract agents row),
 * normalised whenever a runtime config is written so that the scheduler reads one complete shape:
 * {@code {enabled, intervalSec, maxConcurrentRuns, wakeOnDemand}} plus any other keys the client
 * sent (kept as given, as are the other keys of the runtime config such as {@code modelProfiles}).
 *
 * <ul>
 *   <li>{@code intervalSec}: a whole number of seconds, at least 30 (400 otherwise); default 300.</li>
 *   <li>{@code maxConcurrentRuns}: a whole number, default 20, clamped to 1..50.</li>
 *   <li>{@code wakeOnDemand}: a boolean, default true (assignments and invocations wake the agent).</li>
 *   <li>{@code enabled} (the timer): a boolean; when absent it is true exactly if an
 *       {@code intervalSec} was given. Upstream Paperclip runs a timer only for a positive interval,
 *       so an agent created without one gets no timer runs here either, while a client that sets
 *       an interval gets its timer.</li>
 * </ul>
 */
public final class HeartbeatPolicy {

    public static final String KEY = "heartbeat";
    public static final int MIN_INTERVAL_SEC = 30;
    public static final int DEFAULT_INTERVAL_SEC = 300;
    public static final int DEFAULT_MAX_CONCURRENT_RUNS = 20;
    public static final int MAX_CONCURRENT_RUNS_LIMIT = 50;

    private HeartbeatPolicy() {
    }

    /** The runtime config with its heartbeat policy complete and checked; null counts as {@code {}}. */
    public static JsonObject normalise(JsonObject runtimeConfig) {
        JsonObject config = runtimeConfig == null ? JsonValue.EMPTY_JSON_OBJECT : runtimeConfig;
        JsonValue given = config.get(KEY);
        JsonObject heartbeat;
        if (given == null || given.getValueType() == JsonValue.ValueType.NULL) {
            heartbeat = JsonValue.EMPTY_JSON_OBJECT;
        } else if (given.getValueType() == JsonValue.ValueType.OBJECT) {
            heartbeat = given.asJsonObject();
        } else {
            throw new InvalidInputException(path(), "must be an object", "invalid_type");
        }
        JsonObjectBuilder result = JsonText.JSON.createObjectBuilder();
        config.forEach((key, value) -> result.add(key, key.equals(KEY) ? normalisedHeartbeat(heartbeat) : value));
        if (!config.containsKey(KEY)) {
            result.add(KEY, normalisedHeartbeat(heartbeat));
        }
        return result.build();
    }

    private static JsonObject normalisedHeartbeat(JsonObject heartbeat) {
        JsonValue interval = present(heartbeat, "intervalSec");
        JsonObjectBuilder policy = JsonText.JSON.createObjectBuilder()
                .add("enabled", bool(heartbeat, "enabled", interval != null))
                .add("intervalSec", interval == null ? DEFAULT_INTERVAL_SEC : intervalSec(interval))
                .add("maxConcurrentRuns", maxConcurrentRuns(present(heartbeat, "maxConcurrentRuns")))
                .add("wakeOnDemand", bool(heartbeat, "wakeOnDemand", true));
        heartbeat.forEach((key, value) -> {
            if (!List.of("enabled", "intervalSec", "maxConcurrentRuns", "wakeOnDemand").contains(key)) {
                policy.add(key, value);
            }
        });
        return policy.build();
    }

    private static int intervalSec(JsonValue value) {
        BigDecimal seconds = whole("intervalSec", value);
        if (seconds.compareTo(BigDecimal.valueOf(MIN_INTERVAL_SEC)) < 0) {
            throw new InvalidInputException(path("intervalSec"), "must be at least " + MIN_INTERVAL_SEC + " seconds", "too_small");
        }
        if (seconds.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new InvalidInputException(path("intervalSec"), "must be at most " + Integer.MAX_VALUE + " seconds", "too_big");
        }
        return seconds.intValueExact();
    }

    private static int maxConcurrentRuns(JsonValue value) {
        if (value == null) {
            return DEFAULT_MAX_CONCURRENT_RUNS;
        }
        BigDecimal runs = whole("maxConcurrentRuns", value);
        if (runs.compareTo(BigDecimal.ONE) < 0) {
            return 1;
        }
        if (runs.compareTo(BigDecimal.valueOf(MAX_CONCURRENT_RUNS_LIMIT)) > 0) {
            return MAX_CONCURRENT_RUNS_LIMIT;
        }
        return runs.intValueExact();
    }

    /**
     * A whole JSON number (60 and 60.0 alike). Only comparisons and the scale are used: turning
     * {@code 1e999999999} into an integer would allocate a billion digits.
     */
    private static BigDecimal whole(String field, JsonValue value) {
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidInputException(path(field), "must be a whole number", "invalid_type");
        }
        BigDecimal decimal;
        try {
            decimal = number.bigDecimalValue();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidInputException(path(field), "must be a whole number", "invalid_type");
        }
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            throw new InvalidInputException(path(field), "must be a whole number", "invalid_type");
        }
        return decimal;
    }

    private static boolean bool(JsonObject heartbeat, String field, boolean otherwise) {
        JsonValue value = present(heartbeat, field);
        if (value == null) {
            return otherwise;
        }
        return switch (value.getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw new InvalidInputException(path(field), "must be true or false", "invalid_type");
        };
    }

    /** The member, or null when absent or JSON null (null means "use the default"). */
    private static JsonValue present(JsonObject heartbeat, String field) {
        JsonValue value = heartbeat.get(field);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : value;
    }

    private static List<String> path(String... rest) {
        List<String> path = new ArrayList<>(List.of("runtimeConfig", KEY));
        path.addAll(List.of(rest));
        return path;
    }
}
