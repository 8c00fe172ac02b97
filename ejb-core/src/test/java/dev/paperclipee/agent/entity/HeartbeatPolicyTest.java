package dev.paperclipee.agent.entity;

import dev.paperclipee.shared.entity.InvalidInputException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Spec §11.5 and the api-contract agents row: the heartbeat policy as it is stored. */
class HeartbeatPolicyTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static JsonObject heartbeat(String given) {
        return HeartbeatPolicy.normalise(json("{\"heartbeat\":" + given + "}")).getJsonObject("heartbeat");
    }

    @Test
    void nothingGivenIsTheDefaultPolicyWithoutATimer() {
        JsonObject expected = json("{\"heartbeat\":{\"enabled\":false,\"intervalSec\":300,\"maxConcurrentRuns\":20,"
                + "\"wakeOnDemand\":true}}");
        assertEquals(expected, HeartbeatPolicy.normalise(null));
        assertEquals(expected, HeartbeatPolicy.normalise(json("{}")));
        assertEquals(expected, HeartbeatPolicy.normalise(json("{\"heartbeat\":null}")));
        assertEquals(expected, HeartbeatPolicy.normalise(json("{\"heartbeat\":{}}")));
        assertEquals(expected.getJsonObject("heartbeat"), heartbeat("{\"enabled\":null,\"intervalSec\":null}"), "null is absent");
    }

    @Test
    void anIntervalTurnsTheTimerOnUnlessDisabledExplicitly() {
        assertEquals(json("{\"enabled\":true,\"intervalSec\":60,\"maxConcurrentRuns\":20,\"wakeOnDemand\":true}"),
                heartbeat("{\"intervalSec\":60}"));
        assertEquals(json("{\"enabled\":false,\"intervalSec\":60,\"maxConcurrentRuns\":20,\"wakeOnDemand\":false}"),
                heartbeat("{\"enabled\":false,\"intervalSec\":60,\"wakeOnDemand\":false}"));
        assertEquals(true, heartbeat("{\"enabled\":true}").getBoolean("enabled"));
    }

    @ParameterizedTest(name = "intervalSec {0} is kept")
    @ValueSource(strings = {"30", "31", "3600", "60.0", "6e1", "2147483647"})
    void wholeIntervalsOfThirtySecondsOrMoreAreKept(String given) {
        int expected = new java.math.BigDecimal(given).intValueExact();
        assertEquals(expected, heartbeat("{\"intervalSec\":" + given + "}").getInt("intervalSec"));
    }

    @ParameterizedTest(name = "intervalSec {0} is refused")
    @ValueSource(strings = {"29", "0", "-30", "30.5", "1e-3", "2147483648", "18446744073709551616", "1e999999999",
            "\"60\"", "true", "[60]", "{}"})
    void otherIntervalsAre400WithTheirPath(String given) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> heartbeat("{\"intervalSec\":" + given + "}"));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = ((List<Map<String, Object>>) e.details()).get(0);
        assertEquals(List.of("runtimeConfig", "heartbeat", "intervalSec"), detail.get("path"));
        assertEquals(e.getMessage(), "runtimeConfig.heartbeat.intervalSec: " + detail.get("message"));
    }

    @Test
    void twentyNineSecondsIsTooSmall() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> heartbeat("{\"intervalSec\":29}"));
        assertEquals("runtimeConfig.heartbeat.intervalSec: must be at least 30 seconds", e.getMessage());
    }

    @ParameterizedTest(name = "maxConcurrentRuns {0} -> {1}")
    @CsvSource({"1,1", "20,20", "50,50", "51,50", "0,1", "-7,1", "1000,50", "5.0,5", "18446744073709551616,50",
            "-18446744073709551616,1", "1e999999999,50"})
    void maxConcurrentRunsIsClampedToOneToFifty(String given, int expected) {
        assertEquals(expected, heartbeat("{\"maxConcurrentRuns\":" + given + "}").getInt("maxConcurrentRuns"));
    }

    @ParameterizedTest(name = "maxConcurrentRuns {0} is refused")
    @ValueSource(strings = {"2.5", "\"20\"", "false"})
    void maxConcurrentRunsMustBeAWholeNumber(String given) {
        assertThrows(InvalidInputException.class, () -> heartbeat("{\"maxConcurrentRuns\":" + given + "}"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"{\"enabled\":\"yes\"}", "{\"enabled\":1}", "{\"wakeOnDemand\":\"false\"}", "{\"wakeOnDemand\":{}}"})
    void flagsMustBeBooleans(String given) {
        assertThrows(InvalidInputException.class, () -> heartbeat(given));
    }

    @ParameterizedTest(name = "heartbeat {0} is refused")
    @ValueSource(strings = {"true", "30", "\"on\"", "[]"})
    void theHeartbeatMustBeAnObject(String given) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> heartbeat(given));
        assertEquals("runtimeConfig.heartbeat: must be an object", e.getMessage());
    }

    @Test
    void otherKeysAreKeptAsGiven() {
        JsonObject config = HeartbeatPolicy.normalise(json("{\"modelProfiles\":{\"cheap\":{\"adapterConfig\":{\"model\":\"x\"}}},"
                + "\"heartbeat\":{\"cooldownSec\":10,\"intervalSec\":45},\"other\":[1,2]}"));
        assertEquals(json("{\"cheap\":{\"adapterConfig\":{\"model\":\"x\"}}}"), config.getJsonObject("modelProfiles"));
        assertEquals(json("{\"a\":[1,2]}").getJsonArray("a"), config.getJsonArray("other"));
        assertEquals(10, config.getJsonObject("heartbeat").getInt("cooldownSec"));
        assertEquals(45, config.getJsonObject("heartbeat").getInt("intervalSec"));
    }

    @Test
    void normalisingTwiceChangesNothing() {
        JsonObject once = HeartbeatPolicy.normalise(json("{\"heartbeat\":{\"intervalSec\":90,\"maxConcurrentRuns\":0}}"));
        assertEquals(once, HeartbeatPolicy.normalise(once));
    }
}
