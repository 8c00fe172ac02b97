package dev.paperclipee.rest.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class StrictJsonBodiesTest {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"a\":1}", " {\"a\":{\"b\":[1,{\"c\":null}]}} \n", "{\"s\":\"}{][\"}"})
    void acceptsExactlyOneObject(String body) {
        assertNull(StrictJsonBodies.problemWith(bytes(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "{\"name\":\"x\"", "{", "[{\"name\":\"x\"}]", "[]", "\"x\"", "42", "null",
            "{\"a\":1}garbage", "{\"a\":1}{\"b\":2}", "{\"a\":[1,2}", "{name: 'x'}"})
    @Timeout(5)
    void refusesEverythingElseQuickly(String body) {
        assertNotNull(StrictJsonBodies.problemWith(bytes(body)));
    }

    @Test
    @Timeout(5)
    void nestingIsBounded() {
        assertNull(StrictJsonBodies.problemWith(bytes("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")));
        assertNotNull(StrictJsonBodies.problemWith(bytes("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
