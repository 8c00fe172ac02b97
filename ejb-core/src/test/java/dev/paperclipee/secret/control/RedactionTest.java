package dev.paperclipee.secret.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What API reads show of stored configs, env, activity details and approval payloads. */
class RedactionTest {

    private static final String REF = "{'type':'secret_ref','secretId':'8b6f3c2e-1d4a-4e5f-9a7b-0c1d2e3f4a5b','version':'latest'}";

    private static JsonObject json(String text) {
        return JsonText.parse(text.replace('\'', '"'));
    }

    @Test
    void sensitiveLookingNames() {
        for (String name : List.of("API_KEY", "OPENAI_API_KEY", "apiKey", "GITHUB_TOKEN", "githubToken", "token", "Authorization",
                "DB_PASSWORD", "passwd", "client_secret", "SECRET", "AWS_SECRET_ACCESS_KEY", "accessKey", "privateKey", "cookie",
                "X-Auth-Token", "JWT", "credentials")) {
            assertTrue(Redaction.sensitive(name), name);
        }
        for (String name : List.of("PATH", "HOME", "key", "keyId", "secretId", "tokenName", "inputTokens", "outputTokens",
                "authorAgentId", "sessionId", "command", "url", "issueKey2", "name", "latestVersion", "monkey")) {
            assertFalse(Redaction.sensitive(name), name);
        }
    }

    @Test
    void masksPlainSensitiveValuesKeepsRefsAndShapes() {
        JsonObject shown = Redaction.object(json("{'command':'node','env':{'API_KEY':'sk-123456','GITHUB_TOKEN':{'type':'plain','value':'ghp_x'},"
                + "'OPENAI_API_KEY':" + REF + ",'MODE':'fast','MODE2':{'type':'plain','value':'slow'},'EMPTY_TOKEN':''},"
                + "'headers':{'Authorization':'Bearer abcdefghijk','Content-Type':'application/json'},'timeoutSec':30}"));

        JsonObject env = shown.getJsonObject("env");
        assertEquals(Redaction.MASK, env.getString("API_KEY"));
        assertEquals(json("{'type':'plain','value':'***REDACTED***'}"), env.getJsonObject("GITHUB_TOKEN"));
        assertEquals(json(REF), env.getJsonObject("OPENAI_API_KEY"), "a reference holds no value: shown as it is");
        assertEquals("fast", env.getString("MODE"));
        assertEquals(json("{'type':'plain','value':'slow'}"), env.getJsonObject("MODE2"));
        assertEquals("", env.getString("EMPTY_TOKEN"));
        assertEquals(Redaction.MASK, shown.getJsonObject("headers").getString("Authorization"));
        assertEquals("application/json", shown.getJsonObject("headers").getString("Content-Type"));
        assertEquals("node", shown.getString("command"));
        assertEquals(30, shown.getInt("timeoutSec"));
    }

    @Test
    void masksWholeObjectsUnderSensitiveKeysAndTokenShapesAnywhere() {
        String agentKey = "pcp_" + "0123456789abcdef".repeat(3);
        JsonObject shown = Redaction.object(json("{'auth':{'user':'u','pass':'p'},'args':['--x','Bearer abcdefghijk','" + agentKey + "'],"
                + "'note':'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop','list':[{'password':'hunter22'}]}"));

        assertEquals(Redaction.MASK, shown.getString("auth"));
        assertEquals("Bearer " + Redaction.MASK, shown.getJsonArray("args").getString(1));
        assertEquals(Redaction.MASK, shown.getJsonArray("args").getString(2));
        assertEquals(Redaction.MASK, shown.getString("note"));
        assertEquals(Redaction.MASK, shown.getJsonArray("list").getJsonObject(0).getString("password"));
        assertFalse(shown.toString().contains("hunter22"));
    }

    @Test
    void nullStaysNullAndOrdinaryDetailsStay() {
        assertNull(Redaction.of(null));
        JsonObject details = json("{'changes':{'adapterConfig':'(changed)','name':'Ada'},'key':'plan','inputTokens':12,'createApiKey':true}");
        assertEquals(details, Redaction.object(details));
    }
}
