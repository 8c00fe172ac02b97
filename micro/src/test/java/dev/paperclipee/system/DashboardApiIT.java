package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.paperclipee.system.AgentsApiIT.bearer;
import static dev.paperclipee.system.AgentsApiIT.createAgent;
import static dev.paperclipee.system.AgentsApiIT.createCompany;
import static dev.paperclipee.system.AgentsApiIT.newKey;
import static dev.paperclipee.system.ApprovalsApiIT.QUIET;
import static dev.paperclipee.system.ApprovalsApiIT.id;
import static dev.paperclipee.system.ApprovalsApiIT.ok;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/companies/:id/dashboard} against the running jar (spec §10.8, api-contract
 * dashboard row): in a fresh company the counts are exactly what the test made — agents by status
 * ({@code active} = idle + active), tasks ({@code open} = not done and not cancelled), the month's
 * spend against the budget with its utilization (42 of 1000 → 4.2), and pending approvals — and
 * they agree with the lists.
 */
class DashboardApiIT {

    static final Set<String> FIELDS = Set.of("companyId", "agents", "tasks", "costs", "pendingApprovals");

    static Api api;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        AgentsApiIT.api = api;
    }

    @Test
    void theCountsAreExactlyWhatTheCompanyHolds() throws SQLException {
        Api.Reply made = api.post("/api/companies", "{\"name\":\"Dashboard " + token() + "\",\"budgetMonthlyCents\":1000}");
        assertEquals(201, made.status(), made::toString);
        String c = made.object().getString("id");

        JsonObject empty = dashboard(c);
        assertEquals(json(c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1000, 0), strip(empty), "a new company shows nothing yet");

        // agents: 2 idle + 1 active, 1 running, 1 in error, 2 paused, 1 terminated (counted nowhere)
        String worker = agent(c, "Idle worker");
        agent(c, "Idle spare");
        String legacy = agent(c, "Active (upstream data)");
        sql("update agents set status = 'active' where id = ?::uuid", legacy);
        ok(api.patch("/api/agents/" + agent(c, "Running"), "{\"status\":\"running\"}"));
        String failing = agent(c, "Failing");
        ok(api.patch("/api/agents/" + failing, "{\"status\":\"running\"}"));
        ok(api.patch("/api/agents/" + failing, "{\"status\":\"error\"}"));
        ok(api.post("/api/agents/" + agent(c, "Paused 1") + "/pause", "{}"));
        ok(api.post("/api/agents/" + agent(c, "Paused 2") + "/pause", "{}"));
        ok(api.post("/api/agents/" + agent(c, "Gone") + "/terminate", "{}"));

        // tasks: backlog 1, todo 1, in_progress 2, blocked 1, in_review 1 (open: 6), done 2, cancelled 1
        issue(c, null);
        issue(c, "todo");
        for (int i = 0; i < 2; i++) {
            move(assigned(c, worker), "in_progress");
        }
        move(assigned(c, worker), "blocked");
        move(assigned(c, worker), "in_progress", "in_review");
        for (int i = 0; i < 2; i++) {
            move(assigned(c, worker), "in_progress", "done");
        }
        move(issue(c, null), "cancelled");

        // approvals: 3 pending; approved, rejected, cancelled and revision_requested are not
        for (int i = 0; i < 3; i++) {
            approval(c);
        }
        ok(api.post("/api/approvals/" + approval(c) + "/approve", "{}"));
        ok(api.post("/api/approvals/" + approval(c) + "/reject", "{}"));
        ok(api.post("/api/approvals/" + approval(c) + "/cancel", "{}"));
        ok(api.post("/api/approvals/" + approval(c) + "/request-revision", "{}"));

        // spend: 42 of 1000 cents
        Api.Reply cost = api.post("/api/companies/" + c + "/cost-events", "{\"agentId\":\"" + worker + "\",\"provider\":\"p\","
                + "\"model\":\"m\",\"costCents\":42,\"occurredAt\":\"" + Instant.now() + "\"}");
        assertEquals(201, cost.status(), cost::toString);

        JsonObject d = dashboard(c);
        assertEquals(json(c, 3, 1, 2, 1, 6, 2, 1, 2, 42, 1000, 3), strip(d));
        assertEquals(4.2, d.getJsonObject("costs").getJsonNumber("monthUtilizationPercent").doubleValue(), "42/1000 → 4.2");

        // consistent with the lists of the same moment
        JsonArray agents = api.get("/api/companies/" + c + "/agents").array();
        assertEquals(count(agents, "idle") + count(agents, "active"), d.getJsonObject("agents").getInt("active"));
        assertEquals(count(agents, "paused"), d.getJsonObject("agents").getInt("paused"));
        JsonArray open = api.get("/api/companies/" + c + "/issues?status=backlog,todo,in_progress,in_review,blocked").array();
        assertEquals(open.size(), d.getJsonObject("tasks").getInt("open"));
        assertEquals(api.get("/api/companies/" + c + "/issues?status=done").array().size(), d.getJsonObject("tasks").getInt("done"));
        assertEquals(api.get("/api/companies/" + c + "/approvals?status=pending").array().size(), d.getInt("pendingApprovals"));
        assertEquals(api.get("/api/companies/" + c).object().getInt("spentMonthlyCents"),
                d.getJsonObject("costs").getInt("monthSpendCents"));
    }

    @Test
    void withoutABudgetUtilizationIsZeroAndOnlyTheCompanyMayLook() {
        String c = createCompany("Dashboard No Budget " + token());
        String agent = agent(c, "Spender");
        Api.Reply cost = api.post("/api/companies/" + c + "/cost-events", "{\"agentId\":\"" + agent + "\",\"provider\":\"p\","
                + "\"model\":\"m\",\"costCents\":500,\"occurredAt\":\"" + Instant.now() + "\"}");
        assertEquals(201, cost.status(), cost::toString);
        JsonObject d = dashboard(c);
        assertEquals(500, d.getJsonObject("costs").getInt("monthSpendCents"));
        assertEquals(0, d.getJsonObject("costs").getInt("monthBudgetCents"));
        assertEquals(0.0, d.getJsonObject("costs").getJsonNumber("monthUtilizationPercent").doubleValue(), "no budget, no limit");

        Map<String, String> own = bearer(newKey(agent));
        Api.Reply asAgent = api.get("/api/companies/" + c + "/dashboard", own);
        assertEquals(200, asAgent.status(), asAgent::toString);
        assertEquals(strip(d), strip(asAgent.object()), "the company's agents see the same");
        String other = createCompany("Dashboard Other " + token());
        assertError(api.get("/api/companies/" + other + "/dashboard", own), 403);
        assertError(api.get("/api/companies/" + UUID.randomUUID() + "/dashboard"), 404);
        assertError(api.get("/api/companies/not-a-uuid/dashboard"), 404);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static JsonObject dashboard(String company) {
        Api.Reply reply = api.get("/api/companies/" + company + "/dashboard");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject d = reply.object();
        assertEquals(FIELDS, d.keySet(), d::toString);
        assertEquals(Set.of("active", "running", "paused", "error"), d.getJsonObject("agents").keySet());
        assertEquals(Set.of("open", "inProgress", "blocked", "done"), d.getJsonObject("tasks").keySet());
        assertEquals(Set.of("monthSpendCents", "monthBudgetCents", "monthUtilizationPercent"), d.getJsonObject("costs").keySet());
        assertEquals(company, d.getString("companyId"));
        return d;
    }

    /** The dashboard without its utilization (a decimal, compared on its own), as comparable text. */
    static String strip(JsonObject d) {
        JsonObject agents = d.getJsonObject("agents");
        JsonObject tasks = d.getJsonObject("tasks");
        JsonObject costs = d.getJsonObject("costs");
        return json(d.getString("companyId"), agents.getInt("active"), agents.getInt("running"), agents.getInt("paused"),
                agents.getInt("error"), tasks.getInt("open"), tasks.getInt("inProgress"), tasks.getInt("blocked"),
                tasks.getInt("done"), costs.getInt("monthSpendCents"), costs.getInt("monthBudgetCents"),
                d.getInt("pendingApprovals"));
    }

    static String json(String company, int active, int running, int paused, int error, int open, int inProgress, int blocked,
                       int done, int spend, int budget, int pending) {
        return "agents active " + active + ", running " + running + ", paused " + paused + ", error " + error
                + "; tasks open " + open + ", inProgress " + inProgress + ", blocked " + blocked + ", done " + done
                + "; spend " + spend + "/" + budget + "; pending " + pending + " (" + company + ")";
    }

    static String agent(String company, String name) {
        return createAgent(company, "{\"name\":\"" + name + "\"," + QUIET + "}").getString("id");
    }

    static String issue(String company, String status) {
        return id(api.post("/api/companies/" + company + "/issues",
                "{\"title\":\"Task " + token() + "\"" + (status == null ? "" : ",\"status\":\"" + status + "\"") + "}"));
    }

    static String assigned(String company, String agent) {
        return id(api.post("/api/companies/" + company + "/issues",
                "{\"title\":\"Task " + token() + "\",\"assigneeAgentId\":\"" + agent + "\"}"));
    }

    static void move(String issue, String... statuses) {
        for (String status : statuses) {
            assertEquals(status, ok(api.patch("/api/issues/" + issue, "{\"status\":\"" + status + "\"}")).getString("status"));
        }
    }

    static String approval(String company) {
        return id(api.post("/api/companies/" + company + "/approvals", "{\"type\":\"request_board_approval\",\"payload\":{}}"));
    }

    static long count(JsonArray agents, String status) {
        return agents.stream().filter(a -> a.asJsonObject().getString("status").equals(status)).count();
    }

    static void sql(String statement, String param) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement s = db.prepareStatement(statement)) {
            s.setString(1, param);
            assertTrue(s.executeUpdate() == 1, statement);
        }
    }
}
