package dev.paperclipee.system;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static dev.paperclipee.system.RunTokensApiIT.bearer;
import static dev.paperclipee.system.RunTokensApiIT.created;
import static dev.paperclipee.system.RunTokensApiIT.insertRun;
import static dev.paperclipee.system.RunTokensApiIT.mint;
import static dev.paperclipee.system.RunTokensApiIT.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/companies/:id/cost-events} against the real jar (spec §10.7, §13.3;
 * api-contract cost-events row and "Rules clients rely on"): the event's shape, the spend it adds
 * to agent and company, explicit and issue-derived links, the run it was reported in, its
 * activity row, and the refusals — another agent's id with an agent key (403), links into another
 * company (422) — which write nothing. Malformed bodies are BadInputIT's.
 */
class CostEventsApiIT {

    static final Set<String> FIELDS = Set.of("id", "companyId", "agentId", "issueId", "projectId", "goalId",
            "heartbeatRunId", "billingCode", "provider", "model", "inputTokens", "cachedInputTokens", "outputTokens",
            "costCents", "occurredAt", "createdAt");

    static Api api;
    static String company;
    static String agent;
    static String colleague;
    static String agentKey;
    static String otherCompany;

    @BeforeAll
    static void createCompany() {
        api = Api.ofSharedApp();
        company = created(api.post("/api/companies", "{\"name\":\"Costs " + token() + "\"}")).getString("id");
        agent = created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"Spender\"}")).getString("id");
        colleague = created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"Colleague\"}")).getString("id");
        agentKey = created(api.post("/api/agents/" + agent + "/keys", "{\"name\":\"costs\"}")).getString("token");
        otherCompany = created(api.post("/api/companies", "{\"name\":\"Costs Elsewhere " + token() + "\"}")).getString("id");
    }

    @Test
    void theBoardReportsAnEventWithEveryFieldAndTheSpendGrows() {
        String project = created(api.post("/api/companies/" + company + "/projects", "{\"name\":\"Costed\"}")).getString("id");
        String goal = api.get("/api/companies/" + company + "/goals").array().getJsonObject(0).getString("id");
        String issue = created(api.post("/api/companies/" + company + "/issues", "{\"title\":\"Spent on\"}")).getString("id");
        int agentBefore = spent("/api/agents/" + agent);
        int companyBefore = spent("/api/companies/" + company);

        Api.Reply reply = api.post("/api/companies/" + company + "/cost-events", "{\"agentId\":\"" + agent + "\","
                + "\"provider\":\"openai\",\"model\":\"gpt-5\",\"inputTokens\":1234,\"cachedInputTokens\":200,"
                + "\"outputTokens\":567,\"costCents\":89,\"occurredAt\":\"2026-02-17T21:25:00+01:00\",\"issueId\":\"" + issue
                + "\",\"projectId\":\"" + project + "\",\"goalId\":\"" + goal + "\",\"billingCode\":\"OPS-7\","
                + "\"unknownField\":true}");

        JsonObject event = created(reply);
        assertEquals(FIELDS, new TreeSet<>(event.keySet()), "exactly the event's fields: " + event);
        assertTrue(UUID_V4.matcher(event.getString("id")).matches(), event::toString);
        assertEquals(company, event.getString("companyId"));
        assertEquals(agent, event.getString("agentId"));
        assertEquals(issue, event.getString("issueId"));
        assertEquals(project, event.getString("projectId"));
        assertEquals(goal, event.getString("goalId"));
        assertEquals(JsonValue.NULL, event.get("heartbeatRunId"), "the board reports outside any run");
        assertEquals("OPS-7", event.getString("billingCode"));
        assertEquals("openai", event.getString("provider"));
        assertEquals("gpt-5", event.getString("model"));
        assertEquals(1234, event.getInt("inputTokens"));
        assertEquals(200, event.getInt("cachedInputTokens"));
        assertEquals(567, event.getInt("outputTokens"));
        assertEquals(89, event.getInt("costCents"));
        assertEquals("2026-02-17T20:25:00.000Z", event.getString("occurredAt"), "normalised to UTC");
        assertTrue(ISO_UTC_MILLIS.matcher(event.getString("createdAt")).matches(), event::toString);

        assertEquals(agentBefore + 89, spent("/api/agents/" + agent));
        assertEquals(companyBefore + 89, spent("/api/companies/" + company));
        JsonObject row = activity(event.getString("id"));
        assertEquals("user", row.getString("actorType"));
        assertEquals(agent, row.getString("agentId"), "the row concerns the agent that spent");
        assertEquals(89, row.getJsonObject("details").getInt("costCents"));
    }

    @Test
    void theIssueGivesProjectGoalAndBillingCodeWhenTheyAreNotReportedAndZeroCostsNothing() {
        String project = created(api.post("/api/companies/" + company + "/projects", "{\"name\":\"Derived\"}")).getString("id");
        JsonObject issue = created(api.post("/api/companies/" + company + "/issues",
                "{\"title\":\"Billed\",\"projectId\":\"" + project + "\",\"billingCode\":\"RND\"}"));
        int before = spent("/api/agents/" + agent);

        JsonObject event = created(api.post("/api/companies/" + company + "/cost-events", "{\"agentId\":\"" + agent
                + "\",\"provider\":\"anthropic\",\"model\":\"claude\",\"costCents\":0,\"occurredAt\":\"2026-02-17T20:25:00Z\","
                + "\"issueId\":\"" + issue.getString("id") + "\"}"));

        assertEquals(project, event.getString("projectId"));
        assertEquals(issue.getString("goalId"), event.getString("goalId"));
        assertEquals("RND", event.getString("billingCode"));
        assertEquals(0, event.getInt("inputTokens"), "absent counts are 0");
        assertEquals(before, spent("/api/agents/" + agent));
    }

    @Test
    void anAgentReportsForItselfAndWithinItsRunTheEventNamesTheRun() throws SQLException {
        JsonObject own = created(api.send("POST", "/api/companies/" + company + "/cost-events", Api.JSON,
                body(agent, 5), bearer(agentKey)));
        assertEquals(JsonValue.NULL, own.get("heartbeatRunId"), "a long-lived key without a run header: no run");
        assertEquals("agent", activity(own.getString("id")).getString("actorType"));

        String run = insertRun(company, agent, "running");
        JsonObject inRun = created(api.send("POST", "/api/companies/" + company + "/cost-events", Api.JSON, body(agent, 7),
                with(bearer(mint(run, agent, company, Instant.now().plusSeconds(600))), "X-Paperclip-Run-Id", run)));
        assertEquals(run, inRun.getString("heartbeatRunId"));
        JsonObject row = activity(inRun.getString("id"));
        assertEquals(run, row.getString("runId"), "the activity row names the run too");
        assertEquals(run, row.getJsonObject("details").getString("heartbeatRunId"));

        JsonObject viaHeader = created(api.send("POST", "/api/companies/" + company + "/cost-events", Api.JSON,
                body(agent, 1), with(bearer(agentKey), "X-Paperclip-Run-Id", run)));
        assertEquals(run, viaHeader.getString("heartbeatRunId"), "a long-lived key naming a live run of its agent");
    }

    @Test
    void refusedReportsWriteNothing() {
        int agentBefore = spent("/api/agents/" + agent);
        int colleagueBefore = spent("/api/agents/" + colleague);
        int companyBefore = spent("/api/companies/" + company);
        String foreignAgent = created(api.post("/api/companies/" + otherCompany + "/agents", "{\"name\":\"Outsider\"}"))
                .getString("id");
        String foreignIssue = created(api.post("/api/companies/" + otherCompany + "/issues", "{\"title\":\"Theirs\"}"))
                .getString("id");
        String foreignProject = created(api.post("/api/companies/" + otherCompany + "/projects", "{\"name\":\"Theirs\"}"))
                .getString("id");
        String foreignGoal = api.get("/api/companies/" + otherCompany + "/goals").array().getJsonObject(0).getString("id");
        String path = "/api/companies/" + company + "/cost-events";

        Api.Reply forColleague = api.send("POST", path, Api.JSON, body(colleague, 5), bearer(agentKey));
        assertError(forColleague, 403);
        assertEquals("An agent reports cost events only for itself", forColleague.object().getString("error"));
        assertError(api.send("POST", "/api/companies/" + otherCompany + "/cost-events", Api.JSON, body(agent, 5),
                bearer(agentKey)), 403);
        assertError(api.post(path, body(foreignAgent, 5)), 422);
        for (Map.Entry<String, String> link : Map.of("issueId", foreignIssue, "projectId", foreignProject,
                "goalId", foreignGoal).entrySet()) {
            Api.Reply refused = api.post(path, body(agent, 5).replaceFirst("}$", ",\"" + link.getKey() + "\":\""
                    + link.getValue() + "\"}"));
            assertError(refused, 422);
            assertEquals(link.getValue(), refused.object().getJsonObject("details").getString(link.getKey()), refused::toString);
        }
        for (String bad : List.of(body(agent, -1), body(agent, 5).replace("\"openai\"", "\"  \""),
                body(agent, 5).replace("2026-02-17T20:25:00Z", "2026-02-17 20:25"))) {
            assertError(api.post(path, bad), 400);
        }

        assertEquals(agentBefore, spent("/api/agents/" + agent));
        assertEquals(colleagueBefore, spent("/api/agents/" + colleague));
        assertEquals(companyBefore, spent("/api/companies/" + company));
    }

    private static String body(String agentId, int cents) {
        return "{\"agentId\":\"" + agentId + "\",\"provider\":\"openai\",\"model\":\"gpt-5\",\"costCents\":" + cents
                + ",\"occurredAt\":\"2026-02-17T20:25:00Z\"}";
    }

    private static int spent(String path) {
        return api.get(path).object().getInt("spentMonthlyCents");
    }

    private static JsonObject activity(String eventId) {
        List<JsonObject> rows = api.get("/api/companies/" + company + "/activity?entityType=cost_event&entityId=" + eventId)
                .array().stream().map(JsonValue::asJsonObject).toList();
        assertEquals(1, rows.size(), rows::toString);
        JsonObject row = rows.get(0);
        assertEquals("cost.reported", row.getString("action"));
        return row;
    }
}
