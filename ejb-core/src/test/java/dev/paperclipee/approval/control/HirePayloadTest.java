package dev.paperclipee.approval.control;

import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.shared.entity.InvalidInputException;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.paperclipee.shared.entity.JsonText.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hire_agent payload is an agent-create body (spec §12.1): read field by field, errors under {@code payload}. */
class HirePayloadTest {

    private static JsonObject json(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }

    @Test
    void readsEveryFieldOfTheAgentCreateBody() {
        UUID manager = UUID.randomUUID();
        HirePayload hire = HirePayload.read(json("""
                {"name":"Ada","role":"engineer","title":"Builder","icon":"wrench","reportsTo":"%s",
                 "capabilities":"Java","adapterType":"process","adapterConfig":{"command":"true"},
                 "runtimeConfig":{"heartbeat":{"enabled":false}},"budgetMonthlyCents":1500,
                 "permissions":{"canX":true},"metadata":{"source":"plan"},"createApiKey":true,"sourceIssue":"ACM-1"}
                """.formatted(manager)));
        AgentDraft d = hire.draft();
        assertEquals(new AgentDraft("Ada", "engineer", "Builder", "wrench", manager, "Java", "process",
                json("{\"command\":\"true\"}"), json("{\"heartbeat\":{\"enabled\":false}}"), 1500L,
                json("{\"canX\":true}"), json("{\"source\":\"plan\"}")), d);
        assertTrue(hire.createApiKey());
    }

    @Test
    void onlyTheNameIsRequiredAndNullMeansAbsent() {
        HirePayload hire = HirePayload.read(json("{\"name\":\"Ada\",\"role\":null,\"reportsTo\":null,\"createApiKey\":null,"
                + "\"budgetMonthlyCents\":null,\"adapterConfig\":null}"));
        assertEquals("Ada", hire.draft().name());
        assertNull(hire.draft().role());
        assertNull(hire.draft().reportsTo());
        assertNull(hire.draft().budgetMonthlyCents());
        assertNull(hire.draft().adapterConfig());
        assertFalse(hire.createApiKey());
        assertEquals(List.of("payload", "name"), path(assertThrows(InvalidInputException.class, () -> HirePayload.read(json("{}")))));
        assertEquals(List.of("payload", "name"),
                path(assertThrows(InvalidInputException.class, () -> HirePayload.read(json("{\"name\":null}")))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "name|5", "name|{}", "name|[]", "name|true",
            "role|1", "title|[\"t\"]", "icon|false", "capabilities|{}", "adapterType|2",
            "reportsTo|\"not-a-uuid\"", "reportsTo|7",
            "adapterConfig|\"x\"", "adapterConfig|[]", "runtimeConfig|5", "permissions|true", "metadata|\"m\"",
            "budgetMonthlyCents|-1", "budgetMonthlyCents|1.5", "budgetMonthlyCents|2147483648",
            "budgetMonthlyCents|1e999", "budgetMonthlyCents|\"5\"", "budgetMonthlyCents|true",
            "createApiKey|\"yes\"", "createApiKey|1", "createApiKey|{}"})
    void aFieldOfTheWrongTypeIsA400UnderPayload(String field, String value) {
        String body = field.equals("name") ? "{\"name\":" + value + "}" : "{\"name\":\"Ada\",\"" + field + "\":" + value + "}";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HirePayload.read(json(body)), body);
        assertEquals(List.of("payload", field), path(e));
        assertTrue(e.getMessage().startsWith("payload." + field + ":"), e.getMessage());
    }

    @Test
    void wholeCentsWrittenAsADecimalAreAccepted() {
        assertEquals(100L, HirePayload.read(json("{\"name\":\"Ada\",\"budgetMonthlyCents\":1e2}")).draft().budgetMonthlyCents());
        assertEquals(2147483647L, HirePayload.read(json("{\"name\":\"Ada\",\"budgetMonthlyCents\":2147483647}")).draft()
                .budgetMonthlyCents());
    }

    @Test
    void aClientSentAgentIdIsNotStored() {
        JsonObject stored = HirePayload.stored(json("{\"name\":\"Ada\",\"agentId\":\"" + UUID.randomUUID() + "\"}"));
        assertEquals(json("{\"name\":\"Ada\"}"), stored);
        JsonObject plain = json("{\"name\":\"Ada\",\"extra\":1}");
        assertEquals(plain, HirePayload.stored(plain));
    }

    @Test
    void anEntityRefusalMovesUnderPayload() {
        InvalidInputException nested = new InvalidInputException(List.of("adapterConfig", "timeoutSec"), "must be positive",
                "too_small").under("payload");
        assertEquals(List.of("payload", "adapterConfig", "timeoutSec"), path(nested));
        assertEquals("payload.adapterConfig.timeoutSec: must be positive", nested.getMessage());
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = ((List<Map<String, Object>>) nested.details()).get(0);
        assertEquals("too_small", problem.get("code"));
        assertEquals("must be positive", problem.get("message"));
    }

    @SuppressWarnings("unchecked")
    static List<Object> path(InvalidInputException e) {
        return (List<Object>) ((List<Map<String, Object>>) e.details()).get(0).get("path");
    }
}
