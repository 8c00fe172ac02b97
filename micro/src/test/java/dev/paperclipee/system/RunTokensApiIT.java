package dev.paperclipee.system;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run-scoped agent keys and {@code X-Paperclip-Run-Id} against the running jar (api-contract
 * "Who is calling", "Rules clients rely on"; spec §10.4.1). Tokens are minted here the way the
 * heartbeat issues them — HS256 under {@code PAPERCLIP_AGENT_JWT_SECRET}, which the shared
 * process gets from {@link PaperclipApp} — and runs are rows inserted over JDBC, so each case
 * controls exactly which run is live.
 */
class RunTokensApiIT {

    static final String INVALID = "Invalid API key: unknown, revoked, or not an agent API key";

    static Api api;
    static String company;
    static String agent;
    /** Another agent of the same company, with runs of its own. */
    static String colleague;
    /** The long-lived key of {@link #agent}. */
    static String key;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        company = created(api.post("/api/companies", "{\"name\":\"Run Keys " + token() + "\"}")).getString("id");
        agent = created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"Runner\"}")).getString("id");
        colleague = created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"Colleague\"}")).getString("id");
        key = created(api.post("/api/agents/" + agent + "/keys", "{\"name\":\"long-lived\"}")).getString("token");
    }

    // ---- run-scoped keys -------------------------------------------------------------------------

    @Test
    void aCheckoutWithARunTokenRecordsThatRun() throws SQLException {
        String run = insertRun(company, agent, "running");
        Map<String, String> runKey = bearer(mint(run, agent, company, Instant.now().plusSeconds(3600)));
        String issue = createIssue();

        Api.Reply claimed = checkout(issue, agent, runKey);

        assertEquals(200, claimed.status(), claimed::toString);
        assertEquals(run, claimed.object().getString("checkoutRunId"));
        assertEquals(run, claimed.object().getString("executionRunId"));
        assertEquals(agent, claimed.object().getString("assigneeAgentId"));
        assertEquals(run, checkedOutActivityRunId(issue), "the activity row names the run too");

        Map<String, String> withHeader = with(runKey, "x-paperclip-run-id", run); // as upstream's CLI sends it
        Api.Reply again = checkout(issue, agent, withHeader);
        assertEquals(200, again.status(), again::toString);
        assertEquals(run, again.object().getString("checkoutRunId"));
        Api.Reply me = api.get("/api/agents/me", runKey);
        assertEquals(200, me.status(), me::toString);
        assertEquals(agent, me.object().getString("id"));
    }

    @Test
    void aRunHeaderThatDoesNotMatchTheTokensRunIs422AndWritesNothing() throws SQLException {
        String run = insertRun(company, agent, "running");
        String otherLiveRun = insertRun(company, agent, "running");
        Map<String, String> runKey = bearer(mint(run, agent, company, Instant.now().plusSeconds(3600)));
        String issue = createIssue();
        long activityBefore = activityCount();

        Api.Reply mismatch = checkout(issue, agent, with(runKey, "X-Paperclip-Run-Id", otherLiveRun));
        assertError(mismatch, 422);
        JsonObject details = mismatch.object().getJsonObject("details");
        assertEquals("X-Paperclip-Run-Id", details.getString("header"));
        assertEquals(otherLiveRun, details.getString("runId"));
        assertEquals(run, details.getString("keyRunId"));
        assertError(checkout(issue, agent, with(runKey, "X-Paperclip-Run-Id", "not-a-run")), 422);
        assertError(api.send("PATCH", "/api/issues/" + issue, Api.JSON, "{\"title\":\"Renamed\"}",
                with(runKey, "X-Paperclip-Run-Id", otherLiveRun)), 422);

        JsonObject unchanged = api.get("/api/issues/" + issue).object();
        assertEquals("todo", unchanged.getString("status"));
        assertTrue(unchanged.isNull("assigneeAgentId"), unchanged::toString);
        assertTrue(unchanged.isNull("checkoutRunId"), unchanged::toString);
        assertEquals("Run key target", unchanged.getString("title"));
        assertEquals(activityBefore, activityCount(), "a refused write leaves no activity");

        Api.Reply read = api.get("/api/issues/" + issue, with(runKey, "X-Paperclip-Run-Id", otherLiveRun));
        assertEquals(200, read.status(), "reads ignore the header: " + read);
    }

    @Test
    void theKeyOfAFinishedRunIs401() throws SQLException {
        String run = insertRun(company, agent, "running");
        String token = mint(run, agent, company, Instant.now().plusSeconds(3600));
        assertEquals(200, api.get("/api/agents/me", bearer(token)).status());

        finish(run, "succeeded");

        String issue = createIssue();
        for (Api.Reply refused : List.of(api.get("/api/agents/me", bearer(token)), checkout(issue, agent, bearer(token)))) {
            assertError(refused, 401);
            assertEquals(INVALID, refused.object().getString("error"), "the same 401 as for an unknown key");
            assertFalse(refused.body().contains(token.substring(token.lastIndexOf('.') + 1)), "the token is not echoed");
        }
        assertTrue(api.get("/api/issues/" + issue).object().isNull("assigneeAgentId"));
    }

    @Test
    void forgedExpiredOrForeignTokensAre401() throws Exception {
        String run = insertRun(company, agent, "running");
        Instant later = Instant.now().plusSeconds(3600);
        String otherKey = sign(claims(run, agent, company, later), "another secret, thirty-two bytes long".getBytes(StandardCharsets.UTF_8));
        String expired = sign(claims(run, agent, company, Instant.now().minusSeconds(3600)), secret());
        String colleagueClaimingTheRun = mint(run, colleague, company, later);
        String unsigned = mint(run, agent, company, later).replaceFirst("\\.[^.]*$", ".");

        for (String token : List.of(otherKey, expired, colleagueClaimingTheRun, unsigned)) {
            Api.Reply reply = api.get("/api/agents/me", bearer(token));
            assertError(reply, 401);
            assertEquals(INVALID, reply.object().getString("error"));
        }
    }

    // ---- long-lived keys with X-Paperclip-Run-Id ---------------------------------------------------

    @Test
    void aLongLivedKeyMayNameALiveRunOfItsOwnAgent() throws SQLException {
        String run = insertRun(company, agent, "running");
        String issue = createIssue();

        Api.Reply claimed = checkout(issue, agent, with(bearer(key), "X-Paperclip-Run-Id", run));

        assertEquals(200, claimed.status(), claimed::toString);
        assertEquals(run, claimed.object().getString("checkoutRunId"));
        assertEquals(run, claimed.object().getString("executionRunId"));

        String plain = createIssue();
        Api.Reply withoutHeader = checkout(plain, agent, bearer(key));
        assertEquals(200, withoutHeader.status(), withoutHeader::toString);
        assertTrue(withoutHeader.object().isNull("checkoutRunId"), "without the header a long-lived key acts in no run");
    }

    @Test
    void aLongLivedKeyNamingAnotherAgentsOrAFinishedRunIs422AndWritesNothing() throws SQLException {
        String colleaguesRun = insertRun(company, colleague, "running");
        String finished = insertRun(company, agent, "running");
        finish(finished, "failed");
        String issue = createIssue();

        for (String named : List.of(colleaguesRun, finished, UUID.randomUUID().toString(), "12345")) {
            Api.Reply refused = checkout(issue, agent, with(bearer(key), "X-Paperclip-Run-Id", named));
            assertError(refused, 422);
            assertEquals("X-Paperclip-Run-Id", refused.object().getJsonObject("details").getString("header"), refused::toString);
        }
        JsonObject unchanged = api.get("/api/issues/" + issue).object();
        assertEquals("todo", unchanged.getString("status"));
        assertTrue(unchanged.isNull("assigneeAgentId"), unchanged::toString);

        Api.Reply read = api.get("/api/agents/me", with(bearer(key), "X-Paperclip-Run-Id", colleaguesRun));
        assertEquals(200, read.status(), "reads ignore the header: " + read);
    }

    @Test
    void theBoardIgnoresTheHeader() {
        Api.Reply created = api.send("POST", "/api/companies/" + company + "/issues", Api.JSON,
                "{\"title\":\"Board write\"}", Map.of("X-Paperclip-Run-Id", "not-a-run"));

        assertEquals(201, created.status(), created::toString);
    }

    @Test
    void theConfiguredSecretSignsAndNoKeyIsGenerated() throws SQLException {
        assertEquals(200, api.get("/api/agents/me",
                bearer(mint(insertRun(company, agent, "queued"), agent, company, Instant.now().plusSeconds(60)))).status(),
                "a token under PAPERCLIP_AGENT_JWT_SECRET works, also for a queued run");
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select count(*) from instance_keys");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            assertEquals(0, rs.getLong(1), "with a configured secret the database keeps no generated key");
        }
        assertFalse(PaperclipApp.get().logSinceStart().contains(PaperclipApp.AGENT_JWT_SECRET), "the secret is never logged");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A token as the server issues it: HS256, iss paperclip-ee, sub the agent, company_id, run_id, iat, exp, jti. */
    static String mint(String run, String agentId, String companyId, Instant expires) {
        return sign(claims(run, agentId, companyId, expires), secret());
    }

    static JWTClaimsSet claims(String run, String agentId, String companyId, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer("paperclip-ee")
                .subject(agentId)
                .claim("company_id", companyId)
                .claim("run_id", run)
                .issueTime(new Date())
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    static String sign(JWTClaimsSet claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] secret() {
        return PaperclipApp.AGENT_JWT_SECRET.getBytes(StandardCharsets.UTF_8);
    }

    static String insertRun(String companyId, String agentId, String status) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("insert into heartbeat_runs (company_id, agent_id, invocation_source,"
                     // not due: the application's dispatcher must not start a queued test run
                     + " status, started_at, scheduled_at) values (?::uuid, ?::uuid, 'manual', ?, now(),"
                     + " now() + interval '1 day') returning id::text")) {
            q.setString(1, companyId);
            q.setString(2, agentId);
            q.setString(3, status);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static void finish(String run, String status) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement(
                     "update heartbeat_runs set status = ?, finished_at = now() where id = ?::uuid")) {
            q.setString(1, status);
            q.setString(2, run);
            assertEquals(1, q.executeUpdate());
        }
    }

    static String checkedOutActivityRunId(String issue) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select run_id::text from activity_log"
                     + " where entity_id = ? and action = 'issue.checked_out' order by created_at limit 1")) {
            q.setString(1, issue);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "no issue.checked_out row for " + issue);
                return rs.getString(1);
            }
        }
    }

    static long activityCount() throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select count(*) from activity_log where company_id = ?::uuid")) {
            q.setString(1, company);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String createIssue() {
        return created(api.post("/api/companies/" + company + "/issues", "{\"title\":\"Run key target\",\"status\":\"todo\"}"))
                .getString("id");
    }

    static Api.Reply checkout(String issue, String agentId, Map<String, String> headers) {
        return api.send("POST", "/api/issues/" + issue + "/checkout", Api.JSON,
                "{\"agentId\":\"" + agentId + "\",\"expectedStatuses\":[\"todo\",\"in_progress\"]}", headers);
    }

    static JsonObject created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name, value);
        return all;
    }
}
