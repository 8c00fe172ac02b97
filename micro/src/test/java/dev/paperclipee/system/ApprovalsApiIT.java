package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static dev.paperclipee.system.AgentsApiIT.BOARD_ONLY;
import static dev.paperclipee.system.AgentsApiIT.assertAgentShape;
import static dev.paperclipee.system.AgentsApiIT.bearer;
import static dev.paperclipee.system.AgentsApiIT.createAgent;
import static dev.paperclipee.system.AgentsApiIT.createCompany;
import static dev.paperclipee.system.AgentsApiIT.ids;
import static dev.paperclipee.system.AgentsApiIT.json;
import static dev.paperclipee.system.AgentsApiIT.newKey;
import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/companies/:id/approvals} and {@code /api/approvals/...} against the running jar
 * (spec §7.10, §8.3, §9.3, §10.6, §12; api-contract approvals rows, "departs from the spec" items
 * 4 and 7): an agent asks with its key, the board decides; a hire becomes exactly the requested
 * agent under the requested manager with a working key; rejections, cancellations and revisions;
 * decided approvals are final (409); agents never decide ("Board access required"); and the CEO's
 * delegated work stays a draft until the strategy is approved.
 */
class ApprovalsApiIT {

    static final Set<String> APPROVAL_FIELDS = Set.of("id", "companyId", "type", "status", "payload",
            "requestedByAgentId", "requestedByUserId", "decisionNote", "decidedByUserId", "decidedAt", "createdAt",
            "updatedAt");
    static final String LOCAL_BOARD = "00000000-0000-0000-0000-000000000001";
    /** An agent that the server never starts: assigning it work queues nothing. */
    static final String QUIET = "\"adapterConfig\":{\"command\":\"true\"},"
            + "\"runtimeConfig\":{\"heartbeat\":{\"enabled\":false,\"wakeOnDemand\":false}}";

    static Api api;
    static String company;
    static String manager;
    static Map<String, String> managerKey;
    static String colleague;
    static Map<String, String> colleagueKey;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        AgentsApiIT.api = api;
        company = createCompany("Approvals " + token());
        manager = createAgent(company, "{\"name\":\"CTO\",\"role\":\"cto\"," + QUIET + "}").getString("id");
        managerKey = bearer(newKey(manager));
        colleague = createAgent(company, "{\"name\":\"Colleague\"," + QUIET + "}").getString("id");
        colleagueKey = bearer(newKey(colleague));
    }

    // ---- hiring ---------------------------------------------------------------------------------------

    @Test
    void anAgentRequestsAHireTheBoardApprovesAndTheAgentExistsUnderTheRequestedManagerWithAWorkingKey() {
        Api.Reply requested = api.send("POST", "/api/companies/" + company + "/approvals", Api.JSON, """
                {"type":"hire_agent","payload":{"name":"Builder %s","role":"engineer","title":"Backend",
                 "reportsTo":"%s","adapterType":"process","adapterConfig":{"command":"true"},
                 "runtimeConfig":{"heartbeat":{"enabled":false,"wakeOnDemand":false}},"budgetMonthlyCents":1200,
                 "createApiKey":true}}
                """.formatted(token(), manager), managerKey);
        assertEquals(201, requested.status(), requested::toString);
        JsonObject approval = requested.object();
        assertApprovalShape(approval);
        String id = approval.getString("id");
        assertEquals(company, approval.getString("companyId"));
        assertEquals("hire_agent", approval.getString("type"));
        assertEquals("pending", approval.getString("status"));
        assertEquals(manager, approval.getString("requestedByAgentId"));
        assertEquals(JsonValue.NULL, approval.get("requestedByUserId"));
        assertEquals(JsonValue.NULL, approval.get("decidedAt"));
        assertEquals(manager, approval.getJsonObject("payload").getString("reportsTo"));
        String name = approval.getJsonObject("payload").getString("name");
        assertEquals(approval, api.get("/api/approvals/" + id).object(), "GET answers what POST answered");
        assertEquals(approval, api.get("/api/approvals/" + id, managerKey).object(), "and so it does for the requester");
        assertTrue(ids(api.get("/api/companies/" + company + "/approvals?status=pending").array()).contains(id));
        assertFalse(agentNames().contains(name), "nobody is hired before the board decides");

        Api.Reply approved = api.post("/api/approvals/" + id + "/approve", "{\"decisionNote\":\"Welcome aboard\"}");
        assertEquals(200, approved.status(), approved::toString);
        JsonObject answer = approved.object();
        Set<String> withHire = new TreeSet<>(APPROVAL_FIELDS);
        withHire.addAll(Set.of("agent", "apiKey"));
        assertEquals(withHire, new TreeSet<>(answer.keySet()), answer::toString);
        assertEquals("approved", answer.getString("status"));
        assertEquals("Welcome aboard", answer.getString("decisionNote"));
        assertEquals(LOCAL_BOARD, answer.getString("decidedByUserId"));
        assertTrue(ISO_UTC_MILLIS.matcher(answer.getString("decidedAt")).matches(), answer::toString);

        JsonObject agent = answer.getJsonObject("agent");
        assertAgentShape(agent);
        String hired = agent.getString("id");
        assertEquals(name, agent.getString("name"));
        assertEquals("engineer", agent.getString("role"));
        assertEquals("Backend", agent.getString("title"));
        assertEquals(manager, agent.getString("reportsTo"), "under the requested manager");
        assertEquals(1200, agent.getInt("budgetMonthlyCents"));
        assertEquals("idle", agent.getString("status"));
        assertEquals(agent, api.get("/api/agents/" + hired).object(), "the agent exists as answered");
        assertEquals(hired, answer.getJsonObject("payload").getString("agentId"), "the approval names the agent it created");

        JsonObject key = answer.getJsonObject("apiKey");
        assertTrue(key.getString("token").length() > 20, key::toString);
        JsonObject me = api.get("/api/agents/me", bearer(key.getString("token"))).object();
        assertEquals(hired, me.getString("id"), "the first key works for the hired agent");
        assertEquals(manager, me.getJsonArray("chainOfCommand").getJsonObject(0).getString("id"));

        JsonObject stored = api.get("/api/approvals/" + id).object();
        assertApprovalShape(stored);
        assertEquals("approved", stored.getString("status"));
        assertFalse(stored.toString().contains(key.getString("token")), "the token is shown once, in the approve answer");
        assertEquals(1, agentNames().stream().filter(name::equals).count());

        for (String decision : List.of("approve", "reject", "cancel", "request-revision")) {
            Api.Reply again = api.post("/api/approvals/" + id + "/" + decision, "{}");
            assertError(again, 409);
            assertEquals("approved", again.object().getJsonObject("details").getString("status"), again::toString);
        }
        assertError(api.post("/api/approvals/" + id + "/resubmit", "{}"), 409);
        assertEquals(1, agentNames().stream().filter(name::equals).count(), "deciding again hires nobody");
        assertEquals("approved", api.get("/api/approvals/" + id).object().getString("status"));

        List<String> actions = actionsOf(id);
        assertEquals(List.of("approval.created", "approval.approved"), actions);
    }

    @Test
    void aHireWithoutAKeyAnswersNoKeyAndAnAgentDirectCreateIsRefusedWhateverTheCompanySetting() {
        for (String required : List.of("false", "true")) {
            assertEquals(200, api.patch("/api/companies/" + company, "{\"requireBoardApprovalForNewAgents\":" + required + "}")
                    .status());
            Api.Reply direct = api.send("POST", "/api/companies/" + company + "/agents", Api.JSON,
                    "{\"name\":\"Hired directly\"}", managerKey);
            assertError(direct, 403);
            assertTrue(direct.object().getString("error").startsWith(BOARD_ONLY), direct::toString);
            assertTrue(direct.object().getString("error").contains("hire_agent"), "it says how to hire: " + direct);
        }
        String id = request(managerKey, "hire_agent", "{\"name\":\"No Key " + token() + "\"," + QUIET + "}");
        JsonObject answer = ok(api.send("POST", "/api/approvals/" + id + "/approve", null, null, Map.of()));
        assertEquals(JsonValue.NULL, answer.get("apiKey"), "no key unless asked");
        assertEquals(JsonValue.NULL, answer.getJsonObject("agent").get("reportsTo"), "no manager asked, a root");
        assertEquals(JsonValue.NULL, answer.get("decisionNote"), "no body, no note");

        String other = request(managerKey, "request_board_approval", "{\"ask\":\"a bigger machine\"}");
        JsonObject plain = ok(api.post("/api/approvals/" + other + "/approve", "{}"));
        assertEquals(JsonValue.NULL, plain.get("agent"));
        assertEquals(JsonValue.NULL, plain.get("apiKey"));
        assertEquals(json("{\"ask\":\"a bigger machine\"}"), plain.getJsonObject("payload"), "nothing added");
    }

    @Test
    void aBadHirePayloadIsRefusedWithItsPathUnderPayloadAndWritesNothing() throws SQLException {
        String foreignCompany = createCompany("Foreign Approvals " + token());
        String foreignAgent = createAgent(foreignCompany, "{\"name\":\"Elsewhere\"}").getString("id");
        long before = approvalCount();
        for (String[] bad : new String[][] {
                {"{}", "name"},
                {"{\"name\":\"\"}", "name"},
                {"{\"name\":5}", "name"},
                {"{\"name\":\"x\",\"role\":\"wizard\"}", "role"},
                {"{\"name\":\"x\",\"reportsTo\":\"nope\"}", "reportsTo"},
                {"{\"name\":\"x\",\"adapterConfig\":[]}", "adapterConfig"},
                {"{\"name\":\"x\",\"adapterType\":\"http\",\"adapterConfig\":{\"url\":\"not a url\"}}", "adapterConfig"},
                {"{\"name\":\"x\",\"runtimeConfig\":{\"heartbeat\":{\"intervalSec\":5}}}", "runtimeConfig"},
                {"{\"name\":\"x\",\"budgetMonthlyCents\":-1}", "budgetMonthlyCents"},
                {"{\"name\":\"x\",\"createApiKey\":\"yes\"}", "createApiKey"}}) {
            Api.Reply reply = api.send("POST", "/api/companies/" + company + "/approvals", Api.JSON,
                    "{\"type\":\"hire_agent\",\"payload\":" + bad[0] + "}", managerKey);
            assertError(reply, 400);
            JsonArray path = reply.object().getJsonArray("details").getJsonObject(0).getJsonArray("path");
            assertEquals("payload", path.getString(0), reply::toString);
            assertEquals(bad[1], path.getString(1), reply::toString);
        }
        for (String reportsTo : List.of(foreignAgent, UUID.randomUUID().toString())) {
            Api.Reply reply = api.post("/api/companies/" + company + "/approvals",
                    "{\"type\":\"hire_agent\",\"payload\":{\"name\":\"x\",\"reportsTo\":\"" + reportsTo + "\"}}");
            assertError(reply, 422);
            assertEquals(reportsTo, reply.object().getJsonObject("details").getJsonObject("payload").getString("reportsTo"));
        }
        assertError(api.post("/api/companies/" + company + "/approvals", "{\"type\":\"hire_ceo\",\"payload\":{}}"), 400);
        assertError(api.post("/api/companies/" + company + "/approvals", "{\"type\":\"hire_agent\",\"payload\":[]}"), 400);
        assertError(api.post("/api/companies/" + company + "/approvals", "{\"type\":\"hire_agent\"}"), 400);
        assertError(api.post("/api/companies/" + company + "/approvals", "{\"payload\":{}}"), 400);
        assertEquals(before, approvalCount(), "nothing written");
    }

    // ---- the board decides, the requester withdraws or revises ---------------------------------------

    @Test
    void rejectingRecordsTheNoteAndHiresNobody() {
        String name = "Rejected " + token();
        String id = request(managerKey, "hire_agent", "{\"name\":\"" + name + "\"}");
        JsonObject rejected = ok(api.post("/api/approvals/" + id + "/reject", "{\"decisionNote\":\"Not this quarter\"}"));
        assertApprovalShape(rejected);
        assertEquals("rejected", rejected.getString("status"));
        assertEquals("Not this quarter", rejected.getString("decisionNote"));
        assertEquals(LOCAL_BOARD, rejected.getString("decidedByUserId"));
        assertFalse(agentNames().contains(name));
        assertError(api.post("/api/approvals/" + id + "/approve", "{}"), 409);
        assertFalse(agentNames().contains(name), "a rejected hire cannot be approved later");
        assertEquals(List.of("approval.created", "approval.rejected"), actionsOf(id));
    }

    @Test
    void theRequesterOrTheBoardCancelsAnotherAgentCannot() {
        String mine = request(managerKey, "request_board_approval", "{\"ask\":\"leave\"}");
        Api.Reply foreign = api.send("POST", "/api/approvals/" + mine + "/cancel", null, null, colleagueKey);
        assertError(foreign, 403);
        assertEquals("pending", api.get("/api/approvals/" + mine).object().getString("status"));
        JsonObject cancelled = ok(api.send("POST", "/api/approvals/" + mine + "/cancel", Api.JSON,
                "{\"decisionNote\":\"no longer needed\"}", managerKey));
        assertEquals("cancelled", cancelled.getString("status"));
        assertEquals("no longer needed", cancelled.getString("decisionNote"));
        assertEquals(JsonValue.NULL, cancelled.get("decidedByUserId"), "an agent withdrew it");
        assertError(api.send("POST", "/api/approvals/" + mine + "/cancel", null, null, managerKey), 409);

        String byBoard = request(managerKey, "request_board_approval", "{\"ask\":\"stay\"}");
        assertEquals(LOCAL_BOARD, ok(api.post("/api/approvals/" + byBoard + "/cancel", "{}")).getString("decidedByUserId"));
        assertEquals(List.of("approval.created", "approval.cancelled"), actionsOf(mine));
    }

    @Test
    void agentsNeverDecideBoardAccessRequired() {
        String id = request(colleagueKey, "request_board_approval", "{\"ask\":\"decide yourself\"}");
        for (String decision : List.of("approve", "reject", "request-revision")) {
            for (Map<String, String> key : List.of(colleagueKey, managerKey)) {
                Api.Reply refused = api.send("POST", "/api/approvals/" + id + "/" + decision, Api.JSON, "{}", key);
                assertError(refused, 403);
                assertEquals(BOARD_ONLY, refused.object().getString("error"), refused::toString);
            }
        }
        assertEquals("pending", api.get("/api/approvals/" + id).object().getString("status"));
        assertEquals(List.of("approval.created"), actionsOf(id), "refusals write nothing");
    }

    @Test
    void aRevisionRequestGoesBackToTheRequesterWhoResubmitsAChangedPayload() {
        String id = request(managerKey, "hire_agent", "{\"name\":\"Draft Hire " + token() + "\",\"role\":\"cfo\"}");
        JsonObject revision = ok(api.post("/api/approvals/" + id + "/request-revision", "{\"decisionNote\":\"An engineer, not a CFO\"}"));
        assertEquals("revision_requested", revision.getString("status"));
        assertEquals("An engineer, not a CFO", revision.getString("decisionNote"));
        assertTrue(ids(api.get("/api/companies/" + company + "/approvals?status=revision_requested").array()).contains(id));
        assertFalse(ids(api.get("/api/companies/" + company + "/approvals?status=pending").array()).contains(id));

        assertError(api.send("POST", "/api/approvals/" + id + "/resubmit", Api.JSON, "{\"payload\":{\"name\":\"x\"}}",
                colleagueKey), 403);
        Api.Reply bad = api.send("POST", "/api/approvals/" + id + "/resubmit", Api.JSON,
                "{\"payload\":{\"name\":\"x\",\"role\":\"wizard\"}}", managerKey);
        assertError(bad, 400);
        assertEquals(List.of("payload", "role"), bad.object().getJsonArray("details").getJsonObject(0).getJsonArray("path")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        String name = "Engineer Hire " + token();
        JsonObject resubmitted = ok(api.send("POST", "/api/approvals/" + id + "/resubmit", Api.JSON,
                "{\"payload\":{\"name\":\"" + name + "\",\"role\":\"engineer\"}}", managerKey));
        assertEquals("pending", resubmitted.getString("status"));
        assertEquals(JsonValue.NULL, resubmitted.get("decisionNote"), "the request for changes is answered");
        assertEquals(JsonValue.NULL, resubmitted.get("decidedAt"));
        assertEquals("engineer", resubmitted.getJsonObject("payload").getString("role"));
        assertError(api.send("POST", "/api/approvals/" + id + "/resubmit", Api.JSON, "{}", managerKey), 409);

        JsonObject hired = ok(api.post("/api/approvals/" + id + "/approve", "{}")).getJsonObject("agent");
        assertEquals(name, hired.getString("name"), "the revised payload is the one carried out");
        assertEquals("engineer", hired.getString("role"));
        assertEquals(List.of("approval.created", "approval.revision_requested", "approval.resubmitted", "approval.approved"),
                actionsOf(id));
    }

    @Test
    void decisionBodiesAreOptionalButNeverMalformed() {
        String id = request(managerKey, "request_board_approval", "{\"ask\":\"x\"}");
        for (String body : List.of("null", "[]", "{\"decisionNote\":5}", "{\"decisionNote\":{}}", "{\"decisionNote\":\"a\\u0000b\"}",
                "{\"decisionNote\":\"" + "n".repeat(100_001) + "\"}", "{", "\"x\"")) {
            for (String decision : List.of("approve", "reject", "cancel", "request-revision")) {
                assertError(api.post("/api/approvals/" + id + "/" + decision, body), 400);
            }
        }
        assertError(api.send("POST", "/api/approvals/" + id + "/approve", "text/plain", "{}", Map.of()), 415);
        assertError(api.post("/api/approvals/" + id + "/resubmit", "{\"payload\":5}"), 400);
        assertError(api.send("POST", "/api/approvals/" + id + "/resubmit", null, null, Map.of()), 400);
        assertEquals("pending", api.get("/api/approvals/" + id).object().getString("status"));
        assertEquals(List.of("approval.created"), actionsOf(id));
    }

    // ---- reading -----------------------------------------------------------------------------------------

    @Test
    void theListIsNewestFirstFilteredAndPagedAndStaysInItsCompany() {
        String mine = createCompany("Approval List " + token());
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            created.add(id(api.post("/api/companies/" + mine + "/approvals",
                    "{\"type\":\"request_board_approval\",\"payload\":{\"n\":" + i + "}}")));
        }
        ok(api.post("/api/approvals/" + created.get(1) + "/reject", "{}"));
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertEquals(newestFirst, ids(api.get("/api/companies/" + mine + "/approvals").array()));
        assertEquals(newestFirst.subList(1, 3), ids(api.get("/api/companies/" + mine + "/approvals?limit=2&offset=1").array()));
        assertEquals(List.of(created.get(3), created.get(2), created.get(0)),
                ids(api.get("/api/companies/" + mine + "/approvals?status=pending").array()));
        assertEquals(List.of(created.get(1)), ids(api.get("/api/companies/" + mine + "/approvals?status=rejected").array()));
        JsonObject first = api.get("/api/companies/" + mine + "/approvals").array().getJsonObject(0);
        assertApprovalShape(first);
        assertEquals(LOCAL_BOARD, first.getString("requestedByUserId"), "the board asked");
        assertEquals(JsonValue.NULL, first.get("requestedByAgentId"));
        for (String bad : List.of("status=nope", "limit=0", "limit=501", "limit=x", "offset=-1")) {
            assertError(api.get("/api/companies/" + mine + "/approvals?" + bad), 400);
        }

        // another company's agent: 403 on the company's routes, 404 for its approvals by id
        assertError(api.get("/api/companies/" + mine + "/approvals", managerKey), 403);
        assertError(api.send("POST", "/api/companies/" + mine + "/approvals", Api.JSON,
                "{\"type\":\"request_board_approval\",\"payload\":{}}", managerKey), 403);
        assertError(api.get("/api/approvals/" + created.get(0), managerKey), 404);
        assertError(api.send("POST", "/api/approvals/" + created.get(0) + "/cancel", null, null, managerKey), 404);
        assertError(api.get("/api/approvals/" + UUID.randomUUID()), 404);
        assertError(api.get("/api/approvals/not-a-uuid"), 404);
    }

    // ---- the CEO strategy gate (§12.2) ----------------------------------------------------------------

    @Test
    void theCeosDelegatedWorkStaysADraftUntilTheBoardApprovesTheStrategy() {
        String firm = createCompany("Strategy " + token());
        String ceo = createAgent(firm, "{\"name\":\"Chief\",\"role\":\"ceo\"," + QUIET + "}").getString("id");
        Map<String, String> ceoKey = bearer(newKey(ceo));
        String engineer = createAgent(firm, "{\"name\":\"Maker\",\"role\":\"engineer\",\"reportsTo\":\"" + ceo + "\","
                + QUIET + "}").getString("id");
        Map<String, String> engineerKey = bearer(newKey(engineer));

        Api.Reply delegated = api.send("POST", "/api/companies/" + firm + "/issues", Api.JSON,
                "{\"title\":\"Ship v1\",\"assigneeAgentId\":\"" + engineer + "\"}", ceoKey);
        assertEquals(201, delegated.status(), delegated::toString);
        String issue = delegated.object().getString("id");
        assertEquals("todo", delegated.object().getString("status"), "a draft may be planned and assigned");
        String boards = id(api.post("/api/companies/" + firm + "/issues",
                "{\"title\":\"Board's task\",\"assigneeAgentId\":\"" + engineer + "\"}"));

        Api.Reply refused = api.send("POST", "/api/issues/" + issue + "/checkout", Api.JSON,
                "{\"agentId\":\"" + engineer + "\",\"expectedStatuses\":[\"todo\"]}", engineerKey);
        assertError(refused, 409);
        assertTrue(refused.object().getString("error").contains("strategy"), refused::toString);
        JsonObject details = refused.object().getJsonObject("details");
        assertEquals("ceo_strategy_not_approved", details.getString("reason"));
        assertEquals(issue, details.getString("issueId"));
        assertEquals("todo", details.getString("status"));
        assertError(api.patch("/api/issues/" + issue, "{\"status\":\"in_progress\"}"), 409);
        assertEquals("blocked", ok(api.patch("/api/issues/" + issue, "{\"status\":\"blocked\"}")).getString("status"),
                "moves outside active execution are allowed");
        assertEquals("todo", ok(api.patch("/api/issues/" + issue, "{\"status\":\"todo\"}")).getString("status"));
        assertEquals(200, api.send("POST", "/api/issues/" + boards + "/checkout", Api.JSON,
                "{\"agentId\":\"" + engineer + "\",\"expectedStatuses\":[\"todo\"]}", engineerKey).status(),
                "the board's own issues are not held");

        Api.Reply notCeo = api.send("POST", "/api/companies/" + firm + "/approvals", Api.JSON,
                "{\"type\":\"approve_ceo_strategy\",\"payload\":{\"plan\":\"mine\"}}", engineerKey);
        assertError(notCeo, 403);
        String strategy = id(api.send("POST", "/api/companies/" + firm + "/approvals", Api.JSON,
                "{\"type\":\"approve_ceo_strategy\",\"payload\":{\"plan\":\"Ship v1 first\",\"tasks\":[\"Ship v1\"]}}", ceoKey));
        assertError(api.send("POST", "/api/issues/" + issue + "/checkout", Api.JSON,
                "{\"agentId\":\"" + engineer + "\",\"expectedStatuses\":[\"todo\"]}", engineerKey), 409);
        ok(api.post("/api/approvals/" + strategy + "/approve", "{}"));

        Api.Reply started = api.send("POST", "/api/issues/" + issue + "/checkout", Api.JSON,
                "{\"agentId\":\"" + engineer + "\",\"expectedStatuses\":[\"todo\"]}", engineerKey);
        assertEquals(200, started.status(), started::toString);
        assertEquals("in_progress", started.object().getString("status"));
        assertEquals("in_review", ok(api.send("PATCH", "/api/issues/" + issue, Api.JSON, "{\"status\":\"in_review\"}",
                engineerKey)).getString("status"));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** An approval of this test's company, asked for with {@code key}; its id. */
    static String request(Map<String, String> key, String type, String payload) {
        return id(api.send("POST", "/api/companies/" + company + "/approvals", Api.JSON,
                "{\"type\":\"" + type + "\",\"payload\":" + payload + "}", key));
    }

    /** The id of what a POST created (an approval or an issue). */
    static String id(Api.Reply created) {
        assertEquals(201, created.status(), created::toString);
        String id = created.object().getString("id");
        assertTrue(UUID_V4.matcher(id).matches(), created::toString);
        return id;
    }

    static JsonObject ok(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static void assertApprovalShape(JsonObject a) {
        assertEquals(APPROVAL_FIELDS, a.keySet(), a::toString);
        assertTrue(Set.of("hire_agent", "approve_ceo_strategy", "budget_override_required", "request_board_approval")
                .contains(a.getString("type")), a::toString);
        assertTrue(Set.of("pending", "revision_requested", "approved", "rejected", "cancelled").contains(a.getString("status")),
                a::toString);
        assertEquals(JsonValue.ValueType.OBJECT, a.get("payload").getValueType(), a::toString);
        for (String time : List.of("createdAt", "updatedAt", "decidedAt")) {
            JsonValue v = a.get(time);
            assertTrue(v == JsonValue.NULL || ISO_UTC_MILLIS.matcher(((JsonString) v).getString()).matches(), time + ": " + a);
        }
        assertNotNull(a.getString("companyId"));
    }

    static List<String> agentNames() {
        return api.get("/api/companies/" + company + "/agents").array().stream()
                .map(v -> v.asJsonObject().getString("name")).toList();
    }

    /** The actions of an approval's activity rows, oldest first. */
    static List<String> actionsOf(String approvalId) {
        List<String> newestFirst = api.get("/api/companies/" + company + "/activity?entityType=approval&entityId=" + approvalId)
                .array().stream().map(v -> v.asJsonObject().getString("action")).toList();
        List<String> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    static long approvalCount() throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase()) {
            return AgentsApiIT.count(db, "select count(*) from approvals where company_id = ?::uuid", company);
        }
    }
}
