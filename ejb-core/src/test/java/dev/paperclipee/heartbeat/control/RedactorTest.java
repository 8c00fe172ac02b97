package dev.paperclipee.heartbeat.control;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.paperclipee.heartbeat.control.Fixtures.TOKEN;
import static dev.paperclipee.heartbeat.control.Fixtures.invocation;
import static dev.paperclipee.heartbeat.control.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which secrets a redactor knows and how it masks them. */
class RedactorTest {

    private static final String AGENT_KEY = "pcp_" + "0123456789abcdef".repeat(3);

    @Test
    void masksKnownValuesAndTheirJsonEscapedForm() {
        Redactor redactor = Redactor.of(List.of("s3cr\"et-value", "short", "abc"));

        assertEquals("a ***REDACTED*** b", redactor.redact("a s3cr\"et-value b"));
        assertEquals("{\"x\":\"***REDACTED***\"}", redactor.redact("{\"x\":\"s3cr\\\"et-value\"}"));
        assertEquals("short abc", redactor.redact("short abc"), "values under 6 characters are not masked");
    }

    @Test
    void masksAgentKeysAndBearerTokensByShape() {
        Redactor redactor = Redactor.none();

        assertEquals("key=***REDACTED***.", redactor.redact("key=" + AGENT_KEY + "."));
        assertEquals("Authorization: Bearer ***REDACTED***", redactor.redact("Authorization: Bearer eyJhbGciOi.J9x-_y"));
        assertEquals("authorization: bearer ***REDACTED***", redactor.redact("authorization: bearer abcdefgh12"));
        assertEquals("use a Bearer token", redactor.redact("use a Bearer token"), "a short word after Bearer stays");
        assertEquals("pcp_123", redactor.redact("pcp_123"));
    }

    @Test
    void aLongerSecretContainingAShorterOneIsMaskedWhole() {
        Redactor redactor = Redactor.of(List.of("abcdef", "abcdefghijkl"));

        assertEquals("[***REDACTED***]", redactor.redact("[abcdefghijkl]"));
    }

    @Test
    void theInvocationsSecretsAreTheTokenSecretLookingEnvAndHeaderValues() {
        Invocation invocation = invocation(json("{'env':{'OPENAI_API_KEY':'sk-config-1234','REGION':'eu-west-1'},"
                        + "'headers':{'Authorization':'Basic dXNlcjpwYXNz','X-Tenant':'tenant-secret-42','Content-Type':'application/json'}}"),
                Path.of("/tmp"), Map.of("GITHUB_TOKEN", "ghp_abcdef123", "PROJECT_NAME", "apollo-project"), null, null);

        Redactor redactor = Redactor.forInvocation(invocation);

        String text = String.join(" ", TOKEN, "sk-config-1234", "ghp_abcdef123", "dXNlcjpwYXNz", "tenant-secret-42",
                "Basic dXNlcjpwYXNz");
        assertFalse(redactor.redact(text).matches(".*[a-z0-9].*"), redactor.redact(text));
        assertEquals("eu-west-1 apollo-project application/json",
                redactor.redact("eu-west-1 apollo-project application/json"), "harmless values stay readable");
    }

    @Test
    void secretLookingNames() {
        for (String name : List.of("API_KEY", "github_token", "DB_PASSWORD", "passwd", "AWS_SECRET_ACCESS_KEY",
                "GOOGLE_APPLICATION_CREDENTIALS", "AUTH_HEADER", "COOKIE_JAR", "SESSION_ID")) {
            assertTrue(Redactor.looksSecret(name), name);
        }
        for (String name : List.of("PATH", "HOME", "REGION", "LANG")) {
            assertFalse(Redactor.looksSecret(name), name);
        }
    }

    @Test
    void heldBackCoversTheStartOfASecretAtTheEnd() {
        Redactor redactor = Redactor.of(List.of("abcdefghij"));

        assertEquals(4, redactor.heldBack("text abcd"));
        assertEquals(0, redactor.heldBack("text xyz."));
        assertEquals("Bearer abc".length(), redactor.heldBack("see Bearer abc"));
        assertEquals("pcp_0123".length(), redactor.heldBack("key pcp_0123"));
        Redactor overlapping = Redactor.of(List.of("abcdefghij", "ghijklmnop"));
        assertEquals("abcdefghijklm".length(), overlapping.heldBack("x abcdefghijklm"),
                "a complete secret is not cut by the start of another one inside it");
    }
}
