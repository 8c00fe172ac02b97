package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.actions;
import static dev.paperclipee.system.CompaniesApiIT.activity;
import static dev.paperclipee.system.CompaniesApiIT.assertBadRequest;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/companies/:id/agents}, {@code /api/companies/:id/org}, {@code /api/agents/...} and
 * agent API keys against the running jar (spec §7.2, §7.3, §8.1, §9.2, §9.3, §10.3; api-contract.md:
 * the agents and keys rows, "Who is calling"). The auth boundary is tested with real keys: no key is
 * the board, a bad key is 401, an agent stays in its company and off board-only routes.
 */
class AgentsApiIT {

    static final Set<String> AGENT_FIELDS = Set.of("id", "companyId", "name", "role", "title", "icon", "status",
            "reportsTo", "capabilities", "adapterType", "adapterConfig", "runtimeConfig", "budgetMonthlyCents",
            "spentMonthlyCents", "budgetAlert", "pauseReason", "pausedAt", "permissions", "lastHeartbeatAt", "metadata",
            "createdAt", "updatedAt");
    static final Set<String> KEY_FIELDS = Set.of("id", "name", "createdAt", "revokedAt", "lastUsedAt");
    static final Set<String> ROLES = Set.of("ceo", "cto", "cmo", "cfo", "security", "engineer", "designer", "pm", "qa",
            "devops", "researcher", "general");
    static final Set<String> STATUSES = Set.of("active", "paused", "idle", "running", "error", "pending_approval",
            "terminated");
    static final String BOARD_ONLY = "Board access required";

    static Api api;
    /** A company whose agent the refused requests aim at. */
    static String company;
    static JsonObject target;
    /** Another company: its agents must stay out of reach of the first one's keys. */
    static String other;
    static String otherAgent;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        company = createCompany("Agents " + token());
        target = createAgent(company, "{\"name\":\"Refusal target\",\"title\":\"Stays\"}");
        other = createCompany("Other Agents " + token());
        otherAgent = createAgent(other, "{\"name\":\"Foreign\"}").getString("id");
    }

    // ---- create, read, list ------------------------------------------------------------------------

    @Test
    void createAnswers201WithDefaultsAndGetAnswersTheSame() {
        Api.Reply reply = api.post("/api/companies/" + company + "/agents", "{\"name\":\"Ada\",\"workMode\":\"ignored\"}");
        assertEquals(201, reply.status(), reply::toString);
        JsonObject a = reply.object();
        assertAgentShape(a);
        assertAll(
                () -> assertTrue(UUID_V4.matcher(a.getString("id")).matches(), a::toString),
                () -> assertEquals(company, a.getString("companyId")),
                () -> assertEquals("Ada", a.getString("name")),
                () -> assertEquals("general", a.getString("role"), "default role"),
                () -> assertEquals("idle", a.getString("status"), "idle when new"),
                () -> assertEquals("process", a.getString("adapterType"), "default adapter"),
                () -> assertEquals(JsonValue.EMPTY_JSON_OBJECT, a.getJsonObject("adapterConfig")),
                () -> assertEquals(json("{\"heartbeat\":{\"enabled\":false,\"intervalSec\":300,\"maxConcurrentRuns\":20,"
                        + "\"wakeOnDemand\":true}}"), a.getJsonObject("runtimeConfig"), "the default heartbeat policy"),
                () -> assertEquals(JsonValue.EMPTY_JSON_OBJECT, a.getJsonObject("permissions")),
                () -> assertEquals(0, a.getInt("budgetMonthlyCents")),
                () -> assertEquals(0, a.getInt("spentMonthlyCents")),
                () -> {
                    for (String nullField : List.of("title", "icon", "reportsTo", "capabilities", "pauseReason", "pausedAt",
                            "lastHeartbeatAt", "metadata")) {
                        assertEquals(JsonValue.NULL, a.get(nullField), nullField);
                    }
                },
                () -> assertEquals(a.getString("createdAt"), a.getString("updatedAt")));
        assertEquals(a, api.get("/api/agents/" + a.getString("id")).object(), "GET answers what POST answered");
    }

    @Test
    void createWithEveryFieldKeepsThemAndNormalisesTheHeartbeat() {
        String c = createCompany("Full Agents " + token());
        String ceo = createAgent(c, "{\"name\":\"Boss\",\"role\":\"ceo\"}").getString("id");
        JsonObject a = createAgent(c, "{\"name\":\"Builder\",\"role\":\"engineer\",\"title\":\"Staff engineer\","
                + "\"icon\":\"wrench\",\"reportsTo\":\"" + ceo + "\",\"capabilities\":\"Java, SQL\","
                + "\"adapterType\":\"claude_local\",\"adapterConfig\":{\"model\":\"m\",\"env\":{\"K\":\"v\"}},"
                + "\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":60,\"maxConcurrentRuns\":99,\"cooldownSec\":10},"
                + "\"modelProfiles\":{\"cheap\":{\"adapterConfig\":{\"model\":\"small\"}}}},"
                + "\"budgetMonthlyCents\":5000,\"permissions\":{\"canCreateAgents\":false},\"metadata\":{\"team\":\"core\"}}");
        assertAll(
                () -> assertEquals("engineer", a.getString("role")),
                () -> assertEquals("Staff engineer", a.getString("title")),
                () -> assertEquals("wrench", a.getString("icon")),
                () -> assertEquals(ceo, a.getString("reportsTo")),
                () -> assertEquals("Java, SQL", a.getString("capabilities")),
                () -> assertEquals("claude_local", a.getString("adapterType")),
                () -> assertEquals(json("{\"model\":\"m\",\"env\":{\"K\":\"v\"}}"), a.getJsonObject("adapterConfig")),
                () -> assertEquals(json("{\"enabled\":true,\"intervalSec\":60,\"maxConcurrentRuns\":50,\"wakeOnDemand\":true,"
                        + "\"cooldownSec\":10}"), a.getJsonObject("runtimeConfig").getJsonObject("heartbeat"),
                        "an interval turns the timer on; runs clamped to 50; other keys kept"),
                () -> assertEquals(json("{\"cheap\":{\"adapterConfig\":{\"model\":\"small\"}}}"),
                        a.getJsonObject("runtimeConfig").getJsonObject("modelProfiles")),
                () -> assertEquals(5000, a.getInt("budgetMonthlyCents")),
                () -> assertEquals(json("{\"canCreateAgents\":false}"), a.getJsonObject("permissions")),
                () -> assertEquals(json("{\"team\":\"core\"}"), a.getJsonObject("metadata")));
        assertEquals(a, api.get("/api/agents/" + a.getString("id")).object());
    }

    @Test
    void listIsOldestFirstAndFiltersByStatus() {
        String c = createCompany("Listed " + token());
        String first = createAgent(c, "{\"name\":\"First\"}").getString("id");
        String second = createAgent(c, "{\"name\":\"Second\"}").getString("id");
        assertEquals(200, post("/api/agents/" + second + "/pause", null).status());

        JsonArray all = api.get("/api/companies/" + c + "/agents").array();
        assertEquals(List.of(first, second), ids(all));
        all.forEach(v -> assertAgentShape(v.asJsonObject()));
        assertEquals(List.of(second), ids(api.get("/api/companies/" + c + "/agents?status=paused").array()));
        assertEquals(List.of(first), ids(api.get("/api/companies/" + c + "/agents?status=idle").array()));
        assertEquals(List.of(), ids(api.get("/api/companies/" + c + "/agents?status=running").array()));
        assertBadRequest(api.get("/api/companies/" + c + "/agents?status=sleeping"), "status");
    }

    // ---- update ------------------------------------------------------------------------------------

    @Test
    void theBoardPatchesEveryFieldClearsWithNullAndLeavesAbsentOnes() {
        String c = createCompany("Patched " + token());
        String boss = createAgent(c, "{\"name\":\"Boss\"}").getString("id");
        JsonObject a = createAgent(c, "{\"name\":\"Patch me\",\"title\":\"Old\",\"icon\":\"x\",\"capabilities\":\"c\","
                + "\"metadata\":{\"m\":1},\"adapterConfig\":{\"a\":1}}");
        String id = a.getString("id");

        JsonObject changed = patch(id, "{\"name\":\"Patched\",\"role\":\"cto\",\"title\":\"New\",\"reportsTo\":\"" + boss
                + "\",\"adapterType\":\"http\",\"adapterConfig\":{\"url\":\"https://x.test\"},"
                + "\"runtimeConfig\":{\"heartbeat\":{\"enabled\":false,\"intervalSec\":3600,\"wakeOnDemand\":false}},"
                + "\"budgetMonthlyCents\":700,\"permissions\":{\"canCreateAgents\":true},\"somethingNew\":[1]}");
        assertAll(
                () -> assertEquals("Patched", changed.getString("name")),
                () -> assertEquals("cto", changed.getString("role")),
                () -> assertEquals("New", changed.getString("title")),
                () -> assertEquals(boss, changed.getString("reportsTo")),
                () -> assertEquals("http", changed.getString("adapterType")),
                () -> assertEquals(json("{\"url\":\"https://x.test\"}"), changed.getJsonObject("adapterConfig")),
                () -> assertEquals(json("{\"enabled\":false,\"intervalSec\":3600,\"maxConcurrentRuns\":20,\"wakeOnDemand\":false}"),
                        changed.getJsonObject("runtimeConfig").getJsonObject("heartbeat")),
                () -> assertEquals(700, changed.getInt("budgetMonthlyCents")),
                () -> assertEquals(json("{\"canCreateAgents\":true}"), changed.getJsonObject("permissions")),
                () -> assertEquals("x", changed.getString("icon"), "absent: unchanged"),
                () -> assertEquals("c", changed.getString("capabilities"), "absent: unchanged"),
                () -> assertEquals(json("{\"m\":1}"), changed.getJsonObject("metadata"), "absent: unchanged"),
                () -> assertEquals(a.getString("createdAt"), changed.getString("createdAt")));
        assertEquals(changed, api.get("/api/agents/" + id).object(), "the change is stored");

        JsonObject cleared = patch(id, "{\"title\":null,\"icon\":\"\",\"capabilities\":null,\"reportsTo\":null,"
                + "\"metadata\":null,\"adapterConfig\":null,\"runtimeConfig\":null,\"permissions\":null}");
        assertAll(
                () -> assertEquals(JsonValue.NULL, cleared.get("title")),
                () -> assertEquals(JsonValue.NULL, cleared.get("icon")),
                () -> assertEquals(JsonValue.NULL, cleared.get("capabilities")),
                () -> assertEquals(JsonValue.NULL, cleared.get("reportsTo")),
                () -> assertEquals(JsonValue.NULL, cleared.get("metadata")),
                () -> assertEquals(JsonValue.EMPTY_JSON_OBJECT, cleared.getJsonObject("adapterConfig")),
                () -> assertEquals(JsonValue.EMPTY_JSON_OBJECT, cleared.getJsonObject("permissions")),
                () -> assertEquals(300, cleared.getJsonObject("runtimeConfig").getJsonObject("heartbeat").getInt("intervalSec"),
                        "a cleared runtime config has the default policy"));
        assertEquals(cleared, patch(id, "{}"), "an empty PATCH changes nothing");
    }

    @Test
    void statusChangesByPatchFollowTheStateMachine() {
        String id = createAgent(company, "{\"name\":\"Machine\"}").getString("id");
        assertEquals("running", patch(id, "{\"status\":\"running\"}").getString("status"));
        assertEquals("error", patch(id, "{\"status\":\"error\"}").getString("status"));
        Api.Reply refused = api.patch("/api/agents/" + id, "{\"status\":\"paused\"}");
        assertError(refused, 409);
        assertEquals("error", refused.object().getJsonObject("details").getString("status"), refused::toString);
        assertEquals("idle", patch(id, "{\"status\":\"idle\"}").getString("status"));
        JsonObject paused = patch(id, "{\"status\":\"paused\"}");
        assertEquals("manual", paused.getString("pauseReason"));
        assertEquals("idle", patch(id, "{\"status\":\"idle\"}").getString("status"));
        assertError(api.patch("/api/agents/" + id, "{\"status\":\"pending_approval\"}"), 409);
    }

    // ---- reporting line and org chart --------------------------------------------------------------

    @Test
    void aManagerOfAnotherCompanyUnknownTerminatedOrBelowIs422() {
        String c = createCompany("Tree " + token());
        String a = createAgent(c, "{\"name\":\"A\"}").getString("id");
        String b = createAgent(c, "{\"name\":\"B\",\"reportsTo\":\"" + a + "\"}").getString("id");
        String d = createAgent(c, "{\"name\":\"D\",\"reportsTo\":\"" + b + "\"}").getString("id");
        String gone = createAgent(c, "{\"name\":\"Gone\"}").getString("id");
        assertEquals(200, post("/api/agents/" + gone + "/terminate", "{}").status());

        for (String manager : List.of(otherAgent, UUID.randomUUID().toString(), gone)) {
            assertError(api.post("/api/companies/" + c + "/agents", "{\"name\":\"X\",\"reportsTo\":\"" + manager + "\"}"), 422);
            assertError(api.patch("/api/agents/" + d, "{\"reportsTo\":\"" + manager + "\"}"), 422);
        }
        assertError(api.patch("/api/agents/" + a, "{\"reportsTo\":\"" + a + "\"}"), 422);
        Api.Reply loop = api.patch("/api/agents/" + a, "{\"reportsTo\":\"" + d + "\"}");
        assertError(loop, 422);
        assertTrue(loop.object().getString("error").contains("cycle"), loop::toString);
        assertEquals(JsonValue.NULL, api.get("/api/agents/" + a).object().get("reportsTo"), "unchanged");

        assertEquals(a, patch(d, "{\"reportsTo\":\"" + a + "\"}").getString("reportsTo"), "moving up is fine");
    }

    @Test
    void theOrgChartIsATreeOfRootsWithoutTerminatedAgents() {
        String c = createCompany("Org " + token());
        String ceo = createAgent(c, "{\"name\":\"CEO\",\"role\":\"ceo\"}").getString("id");
        String cto = createAgent(c, "{\"name\":\"CTO\",\"role\":\"cto\",\"reportsTo\":\"" + ceo + "\"}").getString("id");
        String eng = createAgent(c, "{\"name\":\"Eng\",\"role\":\"engineer\",\"reportsTo\":\"" + cto + "\"}").getString("id");
        String cmo = createAgent(c, "{\"name\":\"CMO\",\"role\":\"cmo\",\"reportsTo\":\"" + ceo + "\"}").getString("id");
        String loner = createAgent(c, "{\"name\":\"Loner\"}").getString("id");
        String fired = createAgent(c, "{\"name\":\"Fired\",\"reportsTo\":\"" + ceo + "\"}").getString("id");
        String orphan = createAgent(c, "{\"name\":\"Orphan\",\"reportsTo\":\"" + fired + "\"}").getString("id");
        assertEquals(200, post("/api/agents/" + fired + "/terminate", null).status());
        assertEquals(200, post("/api/agents/" + loner + "/pause", null).status());

        Api.Reply reply = api.get("/api/companies/" + c + "/org");
        assertEquals(200, reply.status(), reply::toString);
        JsonArray roots = reply.array();
        assertEquals(List.of(ceo, loner, orphan), ids(roots), "roots oldest first; a terminated manager's report is a root");
        JsonObject top = roots.getJsonObject(0);
        assertOrgShape(top);
        assertEquals("CEO", top.getString("name"));
        assertEquals("ceo", top.getString("role"));
        assertEquals("idle", top.getString("status"));
        assertEquals(List.of(cto, cmo), ids(top.getJsonArray("reports")), "the terminated agent is left out");
        JsonObject ctoNode = top.getJsonArray("reports").getJsonObject(0);
        assertEquals(List.of(eng), ids(ctoNode.getJsonArray("reports")));
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, ctoNode.getJsonArray("reports").getJsonObject(0).getJsonArray("reports"));
        assertEquals("paused", roots.getJsonObject(1).getString("status"));

        assertEquals(List.of(), api.get("/api/companies/" + createCompany("Empty " + token()) + "/org").array());
    }

    // ---- pause, resume, terminate --------------------------------------------------------------

    @Test
    void pauseResumeAndTerminateAnswerTheAgent() {
        String id = createAgent(company, "{\"name\":\"Lifecycle\"}").getString("id");

        JsonObject paused = okAgent(post("/api/agents/" + id + "/pause", "{}"));
        assertEquals("paused", paused.getString("status"));
        assertEquals("manual", paused.getString("pauseReason"));
        assertTrue(ISO_UTC_MILLIS.matcher(paused.getString("pausedAt")).matches(), paused::toString);
        Api.Reply twice = post("/api/agents/" + id + "/pause", null);
        assertError(twice, 409);
        assertEquals("Agent is already paused", twice.object().getString("error"));

        JsonObject resumed = okAgent(post("/api/agents/" + id + "/resume", null));
        assertEquals("idle", resumed.getString("status"));
        assertEquals(JsonValue.NULL, resumed.get("pauseReason"));
        assertEquals(JsonValue.NULL, resumed.get("pausedAt"));
        assertError(post("/api/agents/" + id + "/resume", "{}"), 409);

        assertEquals("paused", okAgent(post("/api/agents/" + id + "/pause", null)).getString("status"));
        JsonObject terminated = okAgent(post("/api/agents/" + id + "/terminate", "{}"));
        assertEquals("terminated", terminated.getString("status"));
        assertEquals(JsonValue.NULL, terminated.get("pauseReason"));
        for (String action : List.of("pause", "resume", "terminate")) {
            assertError(post("/api/agents/" + id + "/" + action, "{}"), 409);
        }
        assertError(api.post("/api/agents/" + id + "/keys", "{\"name\":\"late\"}"), 409);
        assertEquals("terminated", api.get("/api/agents/" + id).object().getString("status"), "final");

        // the board's actions on the agent are found by ?agentId= like the agent's own
        Api.Reply trail = api.get("/api/companies/" + company + "/activity?agentId=" + id + "&limit=500");
        assertEquals(200, trail.status(), trail::toString);
        List<String> actions = trail.array().stream().map(v -> v.asJsonObject().getString("action")).toList();
        assertEquals(List.of("agent.terminated", "agent.paused", "agent.resumed", "agent.paused", "agent.created"), actions);
        trail.array().forEach(v -> assertEquals(id, v.asJsonObject().getString("agentId")));
    }

    // ---- keys ----------------------------------------------------------------------------------

    @Test
    void keysAreShownOnceListedWithoutSecretsAndRevoked() throws SQLException {
        String id = createAgent(company, "{\"name\":\"Keyed\"}").getString("id");
        Api.Reply created = api.post("/api/agents/" + id + "/keys", "{\"name\":\"ci\"}");
        assertEquals(201, created.status(), created::toString);
        JsonObject key = created.object();
        assertEquals(union(KEY_FIELDS, Set.of("token")), key.keySet(), key::toString);
        String token = key.getString("token");
        assertTrue(token.matches("pcp_[0-9a-f]{48}"), token);
        assertEquals("ci", key.getString("name"));
        assertEquals(JsonValue.NULL, key.get("revokedAt"));
        assertEquals(JsonValue.NULL, key.get("lastUsedAt"));
        assertTrue(ISO_UTC_MILLIS.matcher(key.getString("createdAt")).matches(), key::toString);

        try (Connection db = PaperclipApp.get().openDatabase()) {
            assertEquals(sha256(token), one(db, "select key_hash from agent_api_keys where id = ?::uuid", key.getString("id")),
                    "only the SHA-256 of the token is stored");
            assertEquals(0L, count(db, "select count(*) from agent_api_keys where key_hash like ?", "%" + token.substring(4) + "%"));
        }

        Api.Reply listed = api.get("/api/agents/" + id + "/keys");
        assertEquals(200, listed.status(), listed::toString);
        JsonObject listedKey = listed.array().getJsonObject(0);
        assertEquals(KEY_FIELDS, listedKey.keySet(), "no token, no hash: " + listedKey);
        assertFalse(listed.body().contains(token.substring(4)), listed::toString);

        assertEquals(200, api.get("/api/agents/me", bearer(token)).status(), "the key works");
        JsonObject used = api.get("/api/agents/" + id + "/keys").array().getJsonObject(0);
        assertTrue(ISO_UTC_MILLIS.matcher(used.getString("lastUsedAt")).matches(), "last use recorded: " + used);

        Api.Reply revoked = api.send("DELETE", "/api/agents/" + id + "/keys/" + key.getString("id"), null, null, Map.of());
        assertEquals(200, revoked.status(), revoked::toString);
        assertEquals(KEY_FIELDS, revoked.object().keySet());
        String revokedAt = revoked.object().getString("revokedAt");
        assertTrue(ISO_UTC_MILLIS.matcher(revokedAt).matches(), revoked::toString);
        Api.Reply again = api.send("DELETE", "/api/agents/" + id + "/keys/" + key.getString("id"), null, null, Map.of());
        assertEquals(200, again.status(), again::toString);
        assertEquals(revokedAt, again.object().getString("revokedAt"), "revoking twice answers the key unchanged");

        Api.Reply refused = api.get("/api/agents/me", bearer(token));
        assertError(refused, 401);
        assertFalse(refused.body().contains(token.substring(4)), "the token is never echoed: " + refused);
    }

    @Test
    void keyRoutesRefuseUnknownAndForeignIds() {
        String id = createAgent(company, "{\"name\":\"Key ids\"}").getString("id");
        String foreignKey = api.post("/api/agents/" + otherAgent + "/keys", "{\"name\":\"theirs\"}").object().getString("id");
        for (Api.Reply reply : List.of(
                api.send("DELETE", "/api/agents/" + id + "/keys/" + foreignKey, null, null, Map.of()),
                api.send("DELETE", "/api/agents/" + id + "/keys/" + UUID.randomUUID(), null, null, Map.of()),
                api.send("DELETE", "/api/agents/" + id + "/keys/not-a-uuid", null, null, Map.of()))) {
            assertError(reply, 404);
            assertEquals("API key not found", reply.object().getString("error"), reply::toString);
        }
        assertEquals(JsonValue.NULL, api.get("/api/agents/" + otherAgent + "/keys").array().getJsonObject(0).get("revokedAt"),
                "a key of another agent is not revoked through this one");
        for (String body : List.of("{}", "{\"name\":\"\"}", "{\"name\":5}", "null", "{\"name\":\"a\\u0000\"}",
                "{\"name\":\"" + "k".repeat(201) + "\"}")) {
            assertBadRequest(api.post("/api/agents/" + id + "/keys", body), null);
        }
        assertError(api.post("/api/agents/" + UUID.randomUUID() + "/keys", "{\"name\":\"x\"}"), 404);
        assertError(api.get("/api/agents/" + UUID.randomUUID() + "/keys"), 404);
    }

    // ---- the auth boundary -------------------------------------------------------------------

    @Test
    void anAgentKeyActsAsThatAgentInItsOwnCompany() {
        String c = createCompany("Keyed Co " + token());
        String ceo = createAgent(c, "{\"name\":\"Chief\",\"role\":\"ceo\",\"title\":\"CEO\"}").getString("id");
        String cto = createAgent(c, "{\"name\":\"Tech\",\"role\":\"cto\",\"reportsTo\":\"" + ceo + "\"}").getString("id");
        JsonObject eng = createAgent(c, "{\"name\":\"Coder\",\"role\":\"engineer\",\"reportsTo\":\"" + cto + "\"}");
        Map<String, String> key = bearer(newKey(eng.getString("id")));

        Api.Reply me = api.get("/api/agents/me", key);
        assertEquals(200, me.status(), me::toString);
        JsonObject profile = me.object();
        assertEquals(union(AGENT_FIELDS, Set.of("chainOfCommand")), profile.keySet(), profile::toString);
        assertEquals(eng.getString("id"), profile.getString("id"));
        JsonArray chain = profile.getJsonArray("chainOfCommand");
        assertEquals(List.of(cto, ceo), ids(chain), "direct manager first, up to the root");
        assertEquals(Set.of("id", "name", "role", "title"), chain.getJsonObject(0).keySet());
        assertEquals("CEO", chain.getJsonObject(1).getString("title"));
        assertEquals("ceo", chain.getJsonObject(1).getString("role"));
        assertEquals(JsonValue.NULL, chain.getJsonObject(0).get("title"));

        assertEquals(List.of(c), ids(api.get("/api/companies", key).array()), "an agent sees its own company only");
        assertEquals(200, api.get("/api/companies/" + c, key).status());
        assertEquals(3, api.get("/api/companies/" + c + "/agents", key).array().size());
        assertEquals(200, api.get("/api/companies/" + c + "/org", key).status());
        assertEquals(200, api.get("/api/agents/" + ceo, key).status(), "a colleague may be read");
        assertEquals(200, api.get("/api/companies/" + c + "/goals", key).status());
        Api.Reply project = api.send("POST", "/api/companies/" + c + "/projects", Api.JSON, "{\"name\":\"Agent work\"}", key);
        assertEquals(201, project.status(), project::toString);
    }

    @Test
    void anAgentKeyCannotReachAnotherCompany() {
        String c = createCompany("Walled " + token());
        Map<String, String> key = bearer(newKey(createAgent(c, "{\"name\":\"Inside\"}").getString("id")));
        String otherGoal = api.get("/api/companies/" + other + "/goals").array().getJsonObject(0).getString("id");
        String otherProject = api.post("/api/companies/" + other + "/projects", "{\"name\":\"Theirs\"}").object().getString("id");

        for (Api.Reply reply : List.of(
                api.get("/api/companies/" + other, key),
                api.get("/api/companies/" + other + "/agents", key),
                api.get("/api/companies/" + other + "/org", key),
                api.get("/api/companies/" + other + "/goals", key),
                api.get("/api/companies/" + other + "/projects", key),
                api.send("POST", "/api/companies/" + other + "/goals", Api.JSON, "{\"title\":\"Intrude\"}", key),
                api.send("POST", "/api/companies/" + other + "/projects", Api.JSON, "{\"name\":\"Intrude\"}", key))) {
            assertError(reply, 403);
        }
        for (Api.Reply reply : List.of(
                api.get("/api/agents/" + otherAgent, key),
                api.send("PATCH", "/api/agents/" + otherAgent, Api.JSON, "{\"title\":\"Hijacked\"}", key),
                api.get("/api/goals/" + otherGoal, key),
                api.get("/api/projects/" + otherProject, key))) {
            assertError(reply, 404);
        }
        assertNotEquals("Hijacked", api.get("/api/agents/" + otherAgent).object().get("title").toString());
    }

    @Test
    void anAgentKeyIsRefusedOnBoardOnlyRoutes() {
        String c = createCompany("Board Only " + token());
        String self = createAgent(c, "{\"name\":\"Self\"}").getString("id");
        String colleague = createAgent(c, "{\"name\":\"Colleague\"}").getString("id");
        String keyId = api.post("/api/agents/" + self + "/keys", "{\"name\":\"spare\"}").object().getString("id");
        Map<String, String> key = bearer(newKey(self));

        List<Api.Reply> replies = List.of(
                api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Agent Corp\"}", key),
                api.send("PATCH", "/api/companies/" + c, Api.JSON, "{\"name\":\"Renamed\"}", key),
                api.send("PATCH", "/api/companies/" + c + "/branding", Api.JSON, "{\"brandColor\":\"#000000\"}", key),
                api.send("POST", "/api/companies/" + c + "/archive", null, null, key),
                api.send("POST", "/api/companies/" + c + "/agents", Api.JSON, "{\"name\":\"Hired by an agent\"}", key),
                api.send("POST", "/api/agents/" + colleague + "/pause", null, null, key),
                api.send("POST", "/api/agents/" + self + "/pause", Api.JSON, "{}", key),
                api.send("POST", "/api/agents/" + self + "/resume", null, null, key),
                api.send("POST", "/api/agents/" + colleague + "/terminate", null, null, key),
                api.send("POST", "/api/agents/" + self + "/keys", Api.JSON, "{\"name\":\"mine\"}", key),
                api.send("GET", "/api/agents/" + self + "/keys", null, null, key),
                api.send("DELETE", "/api/agents/" + self + "/keys/" + keyId, null, null, key),
                api.send("PATCH", "/api/agents/" + self, Api.JSON, "{\"budgetMonthlyCents\":1}", key),
                api.send("PATCH", "/api/agents/" + self, Api.JSON, "{\"title\":\"ok\",\"role\":\"ceo\"}", key),
                api.send("PATCH", "/api/agents/" + self, Api.JSON, "{\"reportsTo\":null}", key),
                api.send("PATCH", "/api/agents/" + self, Api.JSON, "{\"status\":\"running\"}", key),
                api.send("PATCH", "/api/agents/" + self, Api.JSON, "{\"permissions\":{}}", key),
                api.send("PATCH", "/api/agents/" + self, Api.JSON, "{\"adapterConfig\":{\"command\":\"sh\"}}", key),
                api.send("PATCH", "/api/agents/" + self, Api.JSON, "{\"adapterType\":\"http\"}", key),
                api.send("DELETE", "/api/goals/" + api.get("/api/companies/" + c + "/goals").array().getJsonObject(0)
                        .getString("id"), null, null, key));
        for (Api.Reply reply : replies) {
            assertError(reply, 403);
            assertTrue(reply.object().getString("error").startsWith(BOARD_ONLY), reply::toString);
        }
        Api.Reply colleagueEdit = api.send("PATCH", "/api/agents/" + colleague, Api.JSON, "{\"title\":\"Renamed\"}", key);
        assertError(colleagueEdit, 403);
        assertEquals("An agent may update only itself", colleagueEdit.object().getString("error"));

        JsonObject after = api.get("/api/agents/" + self).object();
        assertEquals("idle", after.getString("status"));
        assertEquals("general", after.getString("role"));
        assertEquals(JsonValue.NULL, after.get("title"), "no partial update from a refused PATCH");
        assertEquals(1, api.get("/api/agents/" + self + "/keys").array().stream()
                .filter(k -> k.asJsonObject().getString("name").equals("spare") && k.asJsonObject().isNull("revokedAt")).count());

        JsonObject own = okAgent(api.send("PATCH", "/api/agents/" + self, Api.JSON,
                "{\"title\":\"Builder\",\"icon\":\"hammer\",\"capabilities\":\"Builds things\"}", key));
        assertEquals("Builder", own.getString("title"));
        assertEquals("hammer", own.getString("icon"));
        assertEquals("Builds things", own.getString("capabilities"));
    }

    @Test
    void theBoardHasNoMe() {
        Api.Reply reply = api.get("/api/agents/me");
        assertError(reply, 404);
        assertTrue(reply.object().getString("error").contains("board is not an agent"), reply::toString);
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"Bearer pcp_0123456789abcdef0123456789abcdef0123456789abcdef", "Bearer pcp_short",
            "Bearer PCP_0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF", "Bearer ", "Basic dXNlcjpwYXNz", "pcp_nothing",
            "Bearer pcp_0123456789abcdef0123456789abcdef0123456789abcdef extra"})
    void aBadKeyIs401WithoutEchoingIt(String header) {
        for (Api.Reply reply : List.of(api.get("/api/companies", Map.of("Authorization", header)),
                api.get("/api/agents/me", Map.of("Authorization", header)),
                api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Not with a bad key\"}", Map.of("Authorization", header)))) {
            assertError(reply, 401);
            String shown = header.length() > 12 ? header.substring(12) : "no-such-text";
            assertFalse(reply.body().contains(shown), "the token is never echoed: " + reply);
        }
        assertEquals(200, api.get("/api/health", Map.of("Authorization", header)).status(), "health stays public");
    }

    @Test
    void aTerminatedAgentsKeyIs401() {
        String id = createAgent(company, "{\"name\":\"Leaving\"}").getString("id");
        Map<String, String> key = bearer(newKey(id));
        assertEquals(200, api.get("/api/agents/me", key).status());
        assertEquals(200, post("/api/agents/" + id + "/pause", null).status());
        assertEquals(200, api.get("/api/agents/me", key).status(), "a paused agent may still read");
        assertEquals(200, post("/api/agents/" + id + "/terminate", null).status());
        assertError(api.get("/api/agents/me", key), 401);
    }

    // ---- refused input: 4xx JSON, never 500 ------------------------------------------------------

    static Stream<Arguments> badCreateBodies() {
        return Stream.of(
                Arguments.of("null body", "null", null),
                Arguments.of("array", "[]", null),
                Arguments.of("truncated", "{\"name\":", null),
                Arguments.of("missing name", "{}", "name"),
                Arguments.of("empty name", "{\"name\":\"\"}", "name"),
                Arguments.of("blank name", "{\"name\":\"  \"}", "name"),
                Arguments.of("number as name", "{\"name\":5}", null),
                Arguments.of("NUL in name", "{\"name\":\"a\\u0000b\"}", "name"),
                Arguments.of("lone surrogate in name", "{\"name\":\"a\\ud800\"}", "name"),
                Arguments.of("1 MB name", "{\"name\":\"" + "n".repeat(1024 * 1024) + "\"}", "name"),
                Arguments.of("1 MB capabilities", "{\"name\":\"x\",\"capabilities\":\"" + "c".repeat(1024 * 1024) + "\"}",
                        "capabilities"),
                Arguments.of("unknown role", "{\"name\":\"x\",\"role\":\"king\"}", "role"),
                Arguments.of("upper-case role", "{\"name\":\"x\",\"role\":\"CEO\"}", "role"),
                Arguments.of("number as role", "{\"name\":\"x\",\"role\":1}", null),
                Arguments.of("lone surrogate in title", "{\"name\":\"x\",\"title\":\"\\udc00\"}", "title"),
                Arguments.of("malformed reportsTo", "{\"name\":\"x\",\"reportsTo\":\"not-a-uuid\"}", "reportsTo"),
                Arguments.of("number as reportsTo", "{\"name\":\"x\",\"reportsTo\":7}", null),
                Arguments.of("empty adapterType", "{\"name\":\"x\",\"adapterType\":\"\"}", "adapterType"),
                Arguments.of("adapterType of 101 characters", "{\"name\":\"x\",\"adapterType\":\"" + "a".repeat(101) + "\"}",
                        "adapterType"),
                Arguments.of("string as adapterConfig", "{\"name\":\"x\",\"adapterConfig\":\"cmd\"}", "adapterConfig"),
                Arguments.of("NUL in adapterConfig", "{\"name\":\"x\",\"adapterConfig\":{\"k\":\"\\u0000\"}}", "adapterConfig"),
                Arguments.of("huge adapterConfig", "{\"name\":\"x\",\"adapterConfig\":{\"k\":\"" + "v".repeat(100_001) + "\"}}",
                        "adapterConfig"),
                Arguments.of("array as runtimeConfig", "{\"name\":\"x\",\"runtimeConfig\":[]}", "runtimeConfig"),
                Arguments.of("intervalSec 29", "{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":29}}}",
                        "runtimeConfig"),
                Arguments.of("fractional intervalSec", "{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":30.5}}}",
                        "runtimeConfig"),
                Arguments.of("intervalSec past 64 bits",
                        "{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":18446744073709551616}}}", "runtimeConfig"),
                Arguments.of("string as intervalSec", "{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":\"60\"}}}",
                        "runtimeConfig"),
                Arguments.of("string as enabled", "{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":{\"enabled\":\"yes\"}}}",
                        "runtimeConfig"),
                Arguments.of("heartbeat not an object", "{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":true}}", "runtimeConfig"),
                Arguments.of("lone surrogate key in permissions", "{\"name\":\"x\",\"permissions\":{\"\\ud800\":true}}",
                        "permissions"),
                Arguments.of("number as metadata", "{\"name\":\"x\",\"metadata\":1}", "metadata"),
                Arguments.of("negative budget", "{\"name\":\"x\",\"budgetMonthlyCents\":-1}", "budgetMonthlyCents"),
                Arguments.of("budget past 32 bits", "{\"name\":\"x\",\"budgetMonthlyCents\":3000000000}", "budgetMonthlyCents"),
                Arguments.of("budget past 64 bits", "{\"name\":\"x\",\"budgetMonthlyCents\":18446744073709551616}", null),
                Arguments.of("fractional budget", "{\"name\":\"x\",\"budgetMonthlyCents\":1.5}", null),
                Arguments.of("string budget", "{\"name\":\"x\",\"budgetMonthlyCents\":\"5\"}", null));
    }

    @ParameterizedTest(name = "POST /companies/:id/agents, {0}")
    @MethodSource("badCreateBodies")
    void createRefusesBadInputWith400(String label, String body, String field) {
        assertBadRequest(api.post("/api/companies/" + company + "/agents", body), field);
    }

    @Test
    void twentyNineSecondsNamesTheFullPath() {
        Api.Reply reply = api.post("/api/companies/" + company + "/agents",
                "{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":29}}}");
        assertBadRequest(reply, "runtimeConfig");
        JsonObject detail = reply.object().getJsonArray("details").getJsonObject(0);
        assertEquals(List.of("runtimeConfig", "heartbeat", "intervalSec"),
                detail.getJsonArray("path").getValuesAs(JsonString::getString));
        assertEquals("too_small", detail.getString("code"));
    }

    static Stream<Arguments> badPatches() {
        return Stream.of(
                Arguments.of("null body", "null", null),
                Arguments.of("truncated", "{\"title\":", null),
                Arguments.of("empty name", "{\"name\":\"\"}", "name"),
                Arguments.of("NUL in title", "{\"title\":\"\\u0000\"}", "title"),
                Arguments.of("number as title", "{\"title\":5}", "title"),
                Arguments.of("lone surrogate in icon", "{\"icon\":\"\\ud800\"}", "icon"),
                Arguments.of("1 MB capabilities", "{\"capabilities\":\"" + "c".repeat(1024 * 1024) + "\"}", "capabilities"),
                Arguments.of("unknown role", "{\"role\":\"boss\"}", "role"),
                Arguments.of("unknown status", "{\"status\":\"sleeping\"}", "status"),
                Arguments.of("malformed reportsTo", "{\"reportsTo\":\"12345\"}", "reportsTo"),
                Arguments.of("array as reportsTo", "{\"reportsTo\":[]}", "reportsTo"),
                Arguments.of("empty adapterType", "{\"adapterType\":\" \"}", "adapterType"),
                Arguments.of("array as adapterConfig", "{\"adapterConfig\":[1]}", "adapterConfig"),
                Arguments.of("intervalSec 29", "{\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":29}}}", "runtimeConfig"),
                Arguments.of("string as maxConcurrentRuns", "{\"runtimeConfig\":{\"heartbeat\":{\"maxConcurrentRuns\":\"5\"}}}",
                        "runtimeConfig"),
                Arguments.of("budget past 64 bits", "{\"budgetMonthlyCents\":99999999999999999999}", null),
                Arguments.of("valid title with a bad role", "{\"title\":\"Half\",\"role\":\"nope\"}", "role"),
                Arguments.of("valid title with a bad config", "{\"title\":\"Half\",\"permissions\":\"all\"}", "permissions"));
    }

    @ParameterizedTest(name = "PATCH /agents/:id, {0}")
    @MethodSource("badPatches")
    void patchRefusesBadInputWith400(String label, String body, String field) {
        JsonObject before = api.get("/api/agents/" + target.getString("id")).object();
        assertBadRequest(api.patch("/api/agents/" + target.getString("id"), body), field);
        assertEquals(before, api.get("/api/agents/" + target.getString("id")).object(), "nothing changed");
    }

    @ParameterizedTest(name = "agent id {0}")
    @ValueSource(strings = {"not-a-uuid", "12345", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "random"})
    void unknownOrMalformedIdsAre404(String given) {
        String id = given.equals("random") ? UUID.randomUUID().toString() : given;
        for (Api.Reply reply : List.of(api.get("/api/agents/" + id), api.patch("/api/agents/" + id, "{\"title\":\"x\"}"),
                post("/api/agents/" + id + "/pause", null), post("/api/agents/" + id + "/resume", null),
                post("/api/agents/" + id + "/terminate", "{}"), api.get("/api/agents/" + id + "/keys"),
                api.post("/api/agents/" + id + "/keys", "{\"name\":\"k\"}"))) {
            assertError(reply, 404);
            assertEquals("Agent not found", reply.object().getString("error"), reply::toString);
        }
        for (Api.Reply reply : List.of(api.get("/api/companies/" + id + "/agents"),
                api.post("/api/companies/" + id + "/agents", "{\"name\":\"x\"}"), api.get("/api/companies/" + id + "/org"))) {
            assertError(reply, 404);
            assertEquals("Company not found", reply.object().getString("error"), reply::toString);
        }
    }

    // ---- what lands in the database ----------------------------------------------------------

    @Test
    void everyMutationWritesItsActivityRowWithoutSecrets() throws SQLException {
        String c = createCompany("Agent Audit " + token());
        String id = createAgent(c, "{\"name\":\"Audited\",\"adapterConfig\":{\"apiKey\":\"hunter2\"}}").getString("id");
        patch(id, "{\"title\":\"Audited title\",\"adapterConfig\":{\"apiKey\":\"hunter3\"}}");
        patch(id, "{}"); // changes nothing, records nothing
        JsonObject beforeSame = api.get("/api/agents/" + id).object();
        patch(id, "{\"adapterConfig\":{\"apiKey\":\"hunter3\"},\"runtimeConfig\":" + beforeSame.getJsonObject("runtimeConfig") + "}");
        assertEquals(beforeSame, api.get("/api/agents/" + id).object(), "the same configs rewrite nothing, not even updatedAt");
        JsonObject key = api.post("/api/agents/" + id + "/keys", "{\"name\":\"audit key\"}").object();
        String token = key.getString("token");
        assertEquals(200, api.get("/api/agents/me", bearer(token)).status());
        assertEquals(200, api.send("PATCH", "/api/agents/" + id, Api.JSON, "{\"icon\":\"eye\"}", bearer(token)).status());
        assertEquals(200, api.send("DELETE", "/api/agents/" + id + "/keys/" + key.getString("id"), null, null, Map.of()).status());
        assertEquals(200, post("/api/agents/" + id + "/pause", null).status());
        assertEquals(200, post("/api/agents/" + id + "/resume", null).status());
        assertEquals(200, post("/api/agents/" + id + "/terminate", null).status());

        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<CompaniesApiIT.Row> rows = activity(db, c).stream().filter(r -> r.entityType().equals("agent")).toList();
            assertEquals(List.of("agent.created", "agent.updated", "agent.key_created", "agent.updated", "agent.key_revoked",
                    "agent.paused", "agent.resumed", "agent.terminated"), actions(rows), rows::toString);
            for (CompaniesApiIT.Row row : rows) {
                assertEquals(id, row.entityId(), row::toString);
                assertFalse(row.details() != null && (row.details().contains("hunter") || row.details().contains(token.substring(4))
                        || row.details().contains(sha256(token))), "no config values or key material: " + row);
            }
            CompaniesApiIT.Row bySelf = rows.get(3);
            assertEquals("agent", bySelf.actorType(), "the agent's own edit is attributed to it");
            assertEquals(id, bySelf.actorId());
            assertTrue(rows.get(1).details().contains("adapterConfig"), "the changed config is named: " + rows.get(1));
            assertTrue(rows.get(2).details().contains("audit key"), rows.get(2)::toString);
            assertTrue(rows.get(5).details().contains("manual"), rows.get(5)::toString);
        }
    }

    @Test
    void aRefusedRequestWritesNothing() throws SQLException {
        String id = target.getString("id");
        JsonObject before = api.get("/api/agents/" + id).object();
        Map<String, String> key = bearer(newKey(createAgent(company, "{\"name\":\"Refused caller\"}").getString("id")));
        long[] counts = counts();

        badCreateBodies().forEach(a -> assertBadRequest(api.post("/api/companies/" + company + "/agents", (String) a.get()[1]), null));
        badPatches().forEach(a -> assertBadRequest(api.patch("/api/agents/" + id, (String) a.get()[1]), null));
        assertError(api.patch("/api/agents/" + id, "{\"name\":\"Renamed\",\"reportsTo\":\"" + otherAgent + "\"}"), 422);
        assertError(api.patch("/api/agents/" + id, "{\"name\":\"Renamed\",\"status\":\"error\"}"), 409);
        assertError(api.post("/api/companies/" + company + "/agents", "{\"name\":\"X\",\"reportsTo\":\"" + otherAgent + "\"}"), 422);
        assertError(api.send("POST", "/api/companies/" + company + "/agents", Api.JSON, "{\"name\":\"By agent\"}", key), 403);
        assertError(api.send("POST", "/api/agents/" + id + "/keys", Api.JSON, "{\"name\":\"By agent\"}", key), 403);
        assertError(api.send("PATCH", "/api/agents/" + id, Api.JSON, "{\"title\":\"By colleague\"}", key), 403);
        assertError(api.send("POST", "/api/agents/" + id + "/pause", null, null, key), 403);
        assertError(api.send("POST", "/api/companies/" + company + "/agents", Api.JSON, "{\"name\":\"Bad key\"}",
                bearer("pcp_" + "f".repeat(48))), 401);
        assertError(post("/api/agents/" + id + "/resume", null), 409);

        assertEquals(counts[0], counts()[0], "no agent row");
        assertEquals(counts[1], counts()[1], "no key row");
        assertEquals(counts[2], counts()[2], "no activity row");
        assertEquals(before, api.get("/api/agents/" + id).object(), "no partial update");
    }

    // ---- helpers -------------------------------------------------------------------------------

    static String createCompany(String name) {
        Api.Reply reply = api.post("/api/companies", "{\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    static JsonObject createAgent(String companyId, String body) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/agents", body);
        assertEquals(201, reply.status(), reply::toString);
        assertAgentShape(reply.object());
        return reply.object();
    }

    static JsonObject patch(String id, String body) {
        return okAgent(api.patch("/api/agents/" + id, body));
    }

    static JsonObject okAgent(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertAgentShape(reply.object());
        return reply.object();
    }

    /** A POST without a body when {@code body} is null, else with a JSON one. */
    static Api.Reply post(String path, String body) {
        return api.send("POST", path, body == null ? null : Api.JSON, body, Map.of());
    }

    static String newKey(String agentId) {
        Api.Reply reply = api.post("/api/agents/" + agentId + "/keys", "{\"name\":\"test " + token() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("token");
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static void assertAgentShape(JsonObject a) {
        assertEquals(AGENT_FIELDS, a.keySet(), a::toString);
        assertTrue(ROLES.contains(a.getString("role")), a::toString);
        assertTrue(STATUSES.contains(a.getString("status")), a::toString);
        for (String object : List.of("adapterConfig", "runtimeConfig", "permissions")) {
            assertEquals(JsonValue.ValueType.OBJECT, a.get(object).getValueType(), object + ": " + a);
        }
        JsonObject heartbeat = a.getJsonObject("runtimeConfig").getJsonObject("heartbeat");
        assertNotNull(heartbeat, "every agent has a heartbeat policy: " + a);
        assertTrue(heartbeat.keySet().containsAll(Set.of("enabled", "intervalSec", "maxConcurrentRuns", "wakeOnDemand")),
                heartbeat::toString);
        assertTrue(heartbeat.getInt("intervalSec") >= 30, heartbeat::toString);
        int runs = heartbeat.getInt("maxConcurrentRuns");
        assertTrue(runs >= 1 && runs <= 50, heartbeat::toString);
        assertTrue(a.get("metadata").getValueType() == JsonValue.ValueType.NULL
                || a.get("metadata").getValueType() == JsonValue.ValueType.OBJECT, a::toString);
        for (String number : List.of("budgetMonthlyCents", "spentMonthlyCents")) {
            assertTrue(a.get(number) instanceof JsonNumber n && n.isIntegral(), number + ": " + a);
        }
        for (String time : List.of("createdAt", "updatedAt", "pausedAt", "lastHeartbeatAt")) {
            JsonValue v = a.get(time);
            assertTrue(v == JsonValue.NULL || ISO_UTC_MILLIS.matcher(((JsonString) v).getString()).matches(), time + ": " + a);
        }
    }

    static void assertOrgShape(JsonObject node) {
        assertEquals(Set.of("id", "name", "role", "status", "reports"), node.keySet(), node::toString);
        node.getJsonArray("reports").forEach(r -> assertOrgShape(r.asJsonObject()));
    }

    static List<String> ids(JsonArray array) {
        return array.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    static JsonObject json(String text) {
        return jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject();
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of agents, agent_api_keys and activity_log. */
    static long[] counts() throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select (select count(*) from agents), (select count(*) from agent_api_keys),"
                     + " (select count(*) from activity_log)");
             ResultSet rs = q.executeQuery()) {
            assertTrue(rs.next());
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    static String one(Connection db, String sql, String param) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getString(1);
            }
        }
    }

    static long count(Connection db, String sql, String param) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getLong(1);
            }
        }
    }
}
