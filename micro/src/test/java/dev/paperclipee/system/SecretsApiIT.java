package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.paperclipee.system.CompaniesApiIT.token;
import static dev.paperclipee.system.HeartbeatEndToEndIT.TERMINAL;
import static dev.paperclipee.system.HeartbeatEndToEndIT.awaitRun;
import static dev.paperclipee.system.HeartbeatEndToEndIT.awaitRunOfIssue;
import static dev.paperclipee.system.HeartbeatEndToEndIT.logText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Company secrets against the real jar (spec §7.12, §9.3, §16): the board's round trip (create,
 * read, rename, rotate, delete — never a value in an answer, an activity row or the database in
 * plain), agents refused, references checked within the company, and a secret used by a real
 * run: the process gets the value, while the run log, the server log and every API read show
 * none of it.
 */
class SecretsApiIT {

    static final String MASK = "***REDACTED***";

    static Api api;
    static String company;
    static String otherCompany;
    /** An agent key of {@link #company}. */
    static String agentToken;

    @BeforeAll
    static void fixtures() {
        api = Api.ofSharedApp();
        company = created(api.post("/api/companies", "{\"name\":\"Secrets " + token() + "\"}")).getString("id");
        otherCompany = created(api.post("/api/companies", "{\"name\":\"Secrets Other " + token() + "\"}")).getString("id");
        String agent = created(api.post("/api/companies/" + company + "/agents",
                "{\"name\":\"Keyholder\",\"adapterConfig\":{\"command\":\"true\"}}")).getString("id");
        agentToken = created(api.post("/api/agents/" + agent + "/keys", "{\"name\":\"k\"}")).getString("token");
    }

    @Test
    void roundTripWithoutEverShowingTheValue() throws SQLException, IOException {
        String value = "round-trip-value-" + UUID.randomUUID();
        String rotated = "rotated-value-" + UUID.randomUUID();
        JsonObject secret = created(api.post("/api/companies/" + company + "/secrets",
                Json.createObjectBuilder().add("name", "OPENAI_API_KEY").add("value", value)
                        .add("description", "for the writers").build().toString()));
        String id = secret.getString("id");

        assertEquals(company, secret.getString("companyId"));
        assertEquals("OPENAI_API_KEY", secret.getString("name"));
        assertEquals("local_encrypted", secret.getString("provider"));
        assertEquals(1, secret.getInt("latestVersion"));
        assertEquals("for the writers", secret.getString("description"));
        assertFalse(secret.toString().contains(value), secret::toString);

        Api.Reply duplicate = api.post("/api/companies/" + company + "/secrets", "{\"name\":\"OPENAI_API_KEY\",\"value\":\"abcdefgh\"}");
        assertEquals(409, duplicate.status(), duplicate::toString);

        JsonObject renamed = ok(api.patch("/api/secrets/" + id, "{\"name\":\"OPENAI_KEY\",\"description\":\"\"}"));
        assertEquals("OPENAI_KEY", renamed.getString("name"));
        assertTrue(renamed.isNull("description"), renamed::toString);

        JsonObject afterRotation = ok(api.post("/api/secrets/" + id + "/rotate",
                Json.createObjectBuilder().add("value", rotated).build().toString()));
        assertEquals(2, afterRotation.getInt("latestVersion"));
        assertEquals(2, ok(api.get("/api/secrets/" + id)).getInt("latestVersion"));

        JsonArray list = api.get("/api/companies/" + company + "/secrets").array();
        assertTrue(list.stream().anyMatch(s -> s.asJsonObject().getString("id").equals(id)), list::toString);
        assertFalse(list.toString().contains(value) || list.toString().contains(rotated), list::toString);
        assertFalse(api.get("/api/companies/" + otherCompany + "/secrets").array().stream()
                .anyMatch(s -> s.asJsonObject().getString("id").equals(id)), "secrets stay in their company");

        JsonArray activity = api.get("/api/companies/" + company + "/activity?entityType=secret&entityId=" + id).array();
        List<String> actions = activity.stream().map(a -> a.asJsonObject().getString("action")).toList();
        assertTrue(actions.containsAll(List.of("secret.created", "secret.updated", "secret.rotated")), actions::toString);
        assertFalse(activity.toString().contains(value) || activity.toString().contains(rotated), activity::toString);

        try (Connection db = PaperclipApp.get().openDatabase()) {
            assertEquals(2, count(db, "select count(*) from company_secret_versions where secret_id = ?::uuid", id));
            assertEquals(0, count(db, "select count(*) from company_secret_versions where secret_id = ?::uuid"
                    + " and (material::text like '%round-trip-value%' or material::text like '%rotated-value%')", id),
                    "only ciphertext is stored");
            assertEquals(0, count(db, "select count(*) from activity_log where details::text like ?", "%" + value + "%"));
        }
        Path keyFile = PaperclipApp.get().instanceDir().resolve("secrets/master.key");
        assertTrue(Files.exists(keyFile), "the master key file is created in the instance directory");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

        JsonObject deleted = ok(api.send("DELETE", "/api/secrets/" + id, null, null, Map.of()));
        assertEquals(id, deleted.getString("id"));
        assertEquals(404, api.get("/api/secrets/" + id).status());
        try (Connection db = PaperclipApp.get().openDatabase()) {
            assertEquals(0, count(db, "select count(*) from company_secret_versions where secret_id = ?::uuid", id),
                    "the versions go with the secret");
        }
        assertTrue(api.get("/api/companies/" + company + "/activity?entityType=secret&entityId=" + id).array().stream()
                .anyMatch(a -> a.asJsonObject().getString("action").equals("secret.deleted")));
    }

    @Test
    void agentsAreRefusedEverySecretRoute() {
        String id = created(api.post("/api/companies/" + company + "/secrets",
                "{\"name\":\"BOARD_ONLY_" + token() + "\",\"value\":\"board-only-value\"}")).getString("id");
        Map<String, String> asAgent = Map.of("Authorization", "Bearer " + agentToken);

        for (String[] call : List.of(
                new String[] {"GET", "/api/companies/" + company + "/secrets", null},
                new String[] {"POST", "/api/companies/" + company + "/secrets", "{\"name\":\"AGENT_MADE\",\"value\":\"abcdefgh\"}"},
                new String[] {"GET", "/api/secrets/" + id, null},
                new String[] {"PATCH", "/api/secrets/" + id, "{\"name\":\"AGENT_RENAMED\"}"},
                new String[] {"POST", "/api/secrets/" + id + "/rotate", "{\"value\":\"agent-rotated\"}"},
                new String[] {"DELETE", "/api/secrets/" + id, null})) {
            Api.Reply reply = api.send(call[0], call[1], call[2] == null ? null : Api.JSON, call[2], asAgent);
            assertEquals(403, reply.status(), () -> call[0] + " " + call[1] + " → " + reply);
            assertTrue(reply.object().getString("error").contains("Board access required"), reply::toString);
        }
        assertEquals(1, ok(api.get("/api/secrets/" + id)).getInt("latestVersion"), "nothing rotated");
    }

    @Test
    void referencesMustNameASecretOfTheSameCompany() {
        String own = created(api.post("/api/companies/" + company + "/secrets",
                "{\"name\":\"OWN_" + token() + "\",\"value\":\"own-secret-value\"}")).getString("id");
        String foreign = created(api.post("/api/companies/" + otherCompany + "/secrets",
                "{\"name\":\"FOREIGN_" + token() + "\",\"value\":\"foreign-secret-value\"}")).getString("id");

        for (String ref : List.of(ref(foreign, "\"latest\""), ref(UUID.randomUUID().toString(), "\"latest\""), ref(own, "9"))) {
            Api.Reply agent = api.post("/api/companies/" + company + "/agents",
                    "{\"name\":\"Thief\",\"adapterConfig\":{\"command\":\"true\",\"env\":{\"K\":" + ref + "}}}");
            assertEquals(422, agent.status(), () -> ref + " → " + agent);
            Api.Reply project = api.post("/api/companies/" + company + "/projects", "{\"name\":\"P\",\"env\":{\"K\":" + ref + "}}");
            assertEquals(422, project.status(), () -> ref + " → " + project);
            Api.Reply hire = api.post("/api/companies/" + company + "/approvals", "{\"type\":\"hire_agent\",\"payload\":{\"name\":\"H\","
                    + "\"adapterConfig\":{\"command\":\"true\",\"env\":{\"K\":" + ref + "}}}}");
            assertEquals(422, hire.status(), () -> ref + " → " + hire);
        }
        Api.Reply malformed = api.post("/api/companies/" + company + "/agents",
                "{\"name\":\"Bad\",\"adapterConfig\":{\"command\":\"true\",\"env\":{\"K\":{\"type\":\"secret_ref\",\"secretId\":\"nope\"}}}}");
        assertEquals(400, malformed.status(), malformed::toString);
        Api.Reply placeholder = api.post("/api/companies/" + company + "/agents",
                "{\"name\":\"Echo\",\"adapterConfig\":{\"command\":\"true\",\"env\":{\"API_TOKEN\":\"" + MASK + "\"}}}");
        assertEquals(422, placeholder.status(), "a redacted read sent back would lose the value: " + placeholder);

        String agent = created(api.post("/api/companies/" + company + "/agents",
                "{\"name\":\"Holder\",\"adapterConfig\":{\"command\":\"true\",\"env\":{\"K\":" + ref(own, "1") + "}}}")).getString("id");
        Api.Reply inUse = api.send("DELETE", "/api/secrets/" + own, null, null, Map.of());
        assertEquals(409, inUse.status(), inUse::toString);
        assertTrue(inUse.body().contains(agent), "the 409 names the agent that uses it: " + inUse);

        Api.Reply agentBindsSecret = api.send("PATCH", "/api/projects/" + created(api.post("/api/companies/" + company + "/projects",
                "{\"name\":\"Open\"}")).getString("id"), Api.JSON, "{\"env\":{\"K\":" + ref(own, "\"latest\"") + "}}",
                Map.of("Authorization", "Bearer " + agentToken));
        assertEquals(403, agentBindsSecret.status(), "binding a secret is the board's: " + agentBindsSecret);

        ok(api.patch("/api/agents/" + agent, "{\"adapterConfig\":{\"command\":\"true\"}}"));
        assertEquals(200, api.send("DELETE", "/api/secrets/" + own, null, null, Map.of()).status(), "unreferenced: deleted");
    }

    @Test
    void readsRedactSensitivePlainValuesAndShowReferences() {
        String secret = created(api.post("/api/companies/" + company + "/secrets",
                "{\"name\":\"SHOWN_" + token() + "\",\"value\":\"shown-secret-value\"}")).getString("id");
        String plain = "plain-token-" + UUID.randomUUID();
        JsonObject agent = created(api.post("/api/companies/" + company + "/agents", Json.createObjectBuilder()
                .add("name", "Redacted")
                .add("adapterConfig", Json.createObjectBuilder().add("command", "true")
                        .add("env", Json.createObjectBuilder().add("GITHUB_TOKEN", plain).add("MODE", "fast")
                                .add("DB_PASSWORD", Json.createObjectBuilder().add("type", "plain").add("value", plain))
                                .add("OPENAI_API_KEY", Json.createReader(new java.io.StringReader(ref(secret, "\"latest\""))).readObject())))
                .build().toString()));

        for (JsonObject shown : List.of(agent, ok(api.get("/api/agents/" + agent.getString("id"))),
                api.get("/api/companies/" + company + "/agents").array().stream().map(JsonValue::asJsonObject)
                        .filter(a -> a.getString("id").equals(agent.getString("id"))).findFirst().orElseThrow())) {
            JsonObject env = shown.getJsonObject("adapterConfig").getJsonObject("env");
            assertEquals(MASK, env.getString("GITHUB_TOKEN"), env::toString);
            assertEquals(MASK, env.getJsonObject("DB_PASSWORD").getString("value"), env::toString);
            assertEquals("fast", env.getString("MODE"));
            assertEquals("secret_ref", env.getJsonObject("OPENAI_API_KEY").getString("type"));
            assertEquals(secret, env.getJsonObject("OPENAI_API_KEY").getString("secretId"));
            assertFalse(shown.toString().contains(plain), shown::toString);
        }

        JsonObject project = created(api.post("/api/companies/" + company + "/projects",
                "{\"name\":\"Env\",\"env\":{\"SERVICE_TOKEN\":\"" + plain + "\",\"REGION\":\"eu\"}}"));
        assertEquals(MASK, project.getJsonObject("env").getString("SERVICE_TOKEN"));
        assertEquals("eu", ok(api.get("/api/projects/" + project.getString("id"))).getJsonObject("env").getString("REGION"));

        JsonObject approval = created(api.post("/api/companies/" + company + "/approvals",
                "{\"type\":\"request_board_approval\",\"payload\":{\"reason\":\"needs a key\",\"apiKey\":\"" + plain + "\","
                        + "\"headers\":{\"Authorization\":\"Bearer " + plain + "\"}}}"));
        assertEquals(MASK, approval.getJsonObject("payload").getString("apiKey"));
        assertEquals(MASK, approval.getJsonObject("payload").getJsonObject("headers").getString("Authorization"));
        assertEquals("needs a key", approval.getJsonObject("payload").getString("reason"));
        assertFalse(ok(api.get("/api/approvals/" + approval.getString("id"))).toString().contains(plain));
        String activity = api.get("/api/companies/" + company + "/activity").array().toString();
        assertFalse(activity.contains(plain), activity);
    }

    @Test
    void aRunGetsTheValuesWhileNoLogOrReadShowsThem() throws IOException, SQLException {
        String agentValue = "agent-secret-" + UUID.randomUUID();
        String rotatedValue = "rotated-agent-secret-" + UUID.randomUUID() + "-longer";
        String projectValue = "project-secret-" + UUID.randomUUID();
        String agentSecret = created(api.post("/api/companies/" + company + "/secrets",
                "{\"name\":\"RUN_AGENT_" + token() + "\",\"value\":\"" + agentValue + "\"}")).getString("id");
        String projectSecret = created(api.post("/api/companies/" + company + "/secrets",
                "{\"name\":\"RUN_PROJECT_" + token() + "\",\"value\":\"" + projectValue + "\"}")).getString("id");
        // neutral names: the run log must mask resolved values whatever their variables are called
        String agent = created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"Runner " + token() + "\","
                + "\"adapterType\":\"process\",\"adapterConfig\":{\"command\":\"sh\",\"args\":[\"-c\","
                + "\"echo agent=$AGENT_VALUE; echo project=$PROJECT_VALUE; echo agentlen=${#AGENT_VALUE} projectlen=${#PROJECT_VALUE}\"],"
                + "\"graceSec\":5,\"env\":{\"AGENT_VALUE\":" + ref(agentSecret, "\"latest\"") + "}}}")).getString("id");
        String project = created(api.post("/api/companies/" + company + "/projects",
                "{\"name\":\"Secret Project\",\"env\":{\"PROJECT_VALUE\":" + ref(projectSecret, "1") + "}}")).getString("id");

        String issue = created(api.post("/api/companies/" + company + "/issues", "{\"title\":\"Use the secrets\",\"projectId\":\""
                + project + "\",\"assigneeAgentId\":\"" + agent + "\"}")).getString("id");
        JsonObject first = finished(awaitRunOfIssue(api, company, agent, issue).getString("id"));
        String firstLog = logText(api, first.getString("id"));
        assertEquals("succeeded", first.getString("status"), () -> first + "\n" + firstLog);
        assertTrue(firstLog.contains("agentlen=" + agentValue.length() + " projectlen=" + projectValue.length()),
                "the process got both values:\n" + firstLog);
        assertTrue(firstLog.contains("agent=" + MASK) && firstLog.contains("project=" + MASK), firstLog);

        settled(agent); // the silent run's follow-up wake (execution-semantics §5) ends before the rotation
        ok(api.post("/api/secrets/" + agentSecret + "/rotate", "{\"value\":\"" + rotatedValue + "\"}"));
        Api.Reply invoked = api.post("/api/agents/" + agent + "/heartbeat/invoke", "{}");
        assertEquals(202, invoked.status(), invoked::toString);
        JsonObject second = finished(invoked.object().getString("id"));
        String secondLog = logText(api, second.getString("id"));
        assertEquals("succeeded", second.getString("status"), () -> second + "\n" + secondLog);
        assertTrue(secondLog.contains("agentlen=" + rotatedValue.length()), "latest is the rotated value:\n" + secondLog);

        List<String> values = List.of(agentValue, rotatedValue, projectValue);
        for (String value : values) {
            assertFalse(firstLog.contains(value) || secondLog.contains(value), "no value in the run logs");
        }
        try (var files = Files.walk(PaperclipApp.get().instanceDir().resolve("data/run-logs"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String raw = Files.readString(file);
                for (String value : values) {
                    assertFalse(raw.contains(value), "no value in the run log file " + file);
                }
            }
        }
        String serverLog = Files.readString(PaperclipApp.get().log());
        for (String value : values) {
            assertFalse(serverLog.contains(value), "no value in the server log " + PaperclipApp.get().log());
        }
        assertFalse(serverLog.contains(agentToken) || serverLog.contains(agentToken.substring(4)), "nor an agent key");
        String reads = ok(api.get("/api/agents/" + agent)) + ok(api.get("/api/projects/" + project)).toString()
                + ok(api.get("/api/heartbeat-runs/" + first.getString("id"))) + api.get("/api/companies/" + company + "/activity").array()
                + api.get("/api/companies/" + company + "/heartbeat-runs?agentId=" + agent).array();
        for (String value : values) {
            assertFalse(reads.contains(value), "no value in any API read");
        }
        try (Connection db = PaperclipApp.get().openDatabase()) {
            for (String value : values) {
                assertEquals(0, count(db, "select count(*) from heartbeat_runs r where r::text like ?", "%" + value + "%"),
                        "runs are never stored resolved");
                assertEquals(0, count(db, "select count(*) from agents a where a::text like ?", "%" + value + "%"));
                assertEquals(0, count(db, "select count(*) from projects p where p::text like ?", "%" + value + "%"));
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static JsonObject finished(String runId) {
        return awaitRun(api, runId, r -> TERMINAL.contains(r.getString("status")), "the run ends");
    }

    /** Once no run of the agent is queued or running. */
    private static void settled(String agent) {
        HeartbeatEndToEndIT.await(() -> api.get("/api/companies/" + company + "/heartbeat-runs?agentId=" + agent).array(),
                runs -> runs.stream().allMatch(r -> TERMINAL.contains(r.asJsonObject().getString("status"))),
                "the runs of agent " + agent + " end", HeartbeatEndToEndIT.RUN_DEADLINE);
    }

    static String ref(String secretId, String version) {
        return "{\"type\":\"secret_ref\",\"secretId\":\"" + secretId + "\",\"version\":" + version + "}";
    }

    static JsonObject created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    static JsonObject ok(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    private static long count(Connection db, String sql, String parameter) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
