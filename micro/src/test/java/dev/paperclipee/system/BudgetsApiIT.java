package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static dev.paperclipee.system.RunTokensApiIT.bearer;
import static dev.paperclipee.system.RunTokensApiIT.created;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Budgets and cost reads against the running jar (spec §10.7, §13; api-contract budgets and costs
 * rows, "Rules clients rely on"): an agent reports its spend with its own key, is alerted at 80 %
 * and paused at 100 % within the report's own request, is refused checkout and invocation, and
 * works again once the board raises its budget and resumes it; a company at its budget stops all
 * its agents; summaries and lists equal what was booked, by month; an agent sets budgets only below
 * itself in the reporting tree. Malformed input is BadInputIT's.
 */
class BudgetsApiIT {

    static final Set<String> SUMMARY_FIELDS = Set.of("companyId", "month", "spendCents", "budgetCents", "utilizationPercent");
    static final Set<String> BY_AGENT_FIELDS = Set.of("agentId", "agentName", "agentStatus", "costCents", "inputTokens",
            "cachedInputTokens", "outputTokens");
    static final Set<String> BY_PROJECT_FIELDS = Set.of("projectId", "projectName", "costCents", "inputTokens",
            "cachedInputTokens", "outputTokens");
    static final Set<String> BY_MODEL_FIELDS = Set.of("provider", "model", "eventCount", "costCents", "inputTokens",
            "cachedInputTokens", "outputTokens");
    /** An agent the server never starts on its own: only the test's calls invoke it. */
    static final String QUIET = ",\"adapterConfig\":{\"command\":\"true\"},\"runtimeConfig\":{\"heartbeat\":{\"enabled\":false,"
            + "\"wakeOnDemand\":false}}";

    static Api api;

    @BeforeAll
    static void connect() {
        api = Api.ofSharedApp();
    }

    @Test
    void anAgentIsAlertedAt80PercentPausedAt100AndWorksAgainOnceTheBoardRaisesItsBudgetAndResumesIt() {
        String company = company("Budgeted", null);
        String agent = agent(company, "Spender", null);
        String key = key(agent);
        String issue = created(api.post("/api/companies/" + company + "/issues", "{\"title\":\"Paid work\",\"status\":\"todo\"}"))
                .getString("id");

        JsonObject budgeted = ok(api.patch("/api/agents/" + agent + "/budgets", "{\"budgetMonthlyCents\":1000}"));
        assertEquals(AgentsApiIT.AGENT_FIELDS, budgeted.keySet(), "the agent: " + budgeted);
        assertEquals(1000, budgeted.getInt("budgetMonthlyCents"));
        assertEquals("none", budgeted.getString("budgetAlert"));
        assertEquals(1, activity(company, "agent.budget_updated", agent).size());

        report(company, agent, key, 790);
        assertEquals("none", agentRow(agent).getString("budgetAlert"));
        assertEquals(0, activity(company, "budget.soft_threshold_crossed", agent).size(), "79 % alerts nothing");

        report(company, agent, key, 10);
        JsonObject alerted = agentRow(agent);
        assertEquals("soft", alerted.getString("budgetAlert"), "80 %: the soft alert: " + alerted);
        assertEquals("idle", alerted.getString("status"));
        JsonArray soft = activity(company, "budget.soft_threshold_crossed", agent);
        assertEquals(1, soft.size(), soft::toString);
        assertEquals(80, soft.getJsonObject(0).getJsonObject("details").getInt("thresholdPercent"));

        report(company, agent, key, 5);
        assertEquals(1, activity(company, "budget.soft_threshold_crossed", agent).size(), "once, not at every event");

        report(company, agent, key, 195);
        JsonObject stopped = agentRow(agent);
        assertEquals("paused", stopped.getString("status"), "paused by the report's own request: " + stopped);
        assertEquals("budget", stopped.getString("pauseReason"));
        assertEquals(1000, stopped.getInt("spentMonthlyCents"));
        assertEquals("hard", stopped.getString("budgetAlert"));
        JsonArray hard = activity(company, "budget.hard_threshold_crossed", agent);
        assertEquals(1, hard.size(), hard::toString);
        JsonObject details = hard.getJsonObject(0).getJsonObject("details");
        assertEquals("high", details.getString("priority"));
        assertEquals(1000, details.getInt("spentMonthlyCents"));
        assertEquals("system", hard.getJsonObject(0).getString("actorType"));

        Api.Reply checkout = checkout(issue, agent, key);
        assertError(checkout, 409);
        assertEquals("paused", checkout.object().getJsonObject("details").getString("agentStatus"), checkout::toString);
        assertError(api.send("POST", "/api/agents/" + agent + "/heartbeat/invoke", null, null, bearer(key)), 409);
        assertError(api.send("POST", "/api/agents/" + agent + "/heartbeat/invoke", null, null, Map.of()), 409);

        JsonObject raised = ok(api.patch("/api/agents/" + agent + "/budgets", "{\"budgetMonthlyCents\":2000}"));
        assertEquals("paused", raised.getString("status"), "raising the budget resumes nothing");
        assertEquals("none", raised.getString("budgetAlert"));
        assertError(checkout(issue, agent, key), 409);
        assertEquals("idle", ok(api.post("/api/agents/" + agent + "/resume", "{}")).getString("status"));

        Api.Reply again = checkout(issue, agent, key);
        assertEquals(200, again.status(), again::toString);
        assertEquals("in_progress", again.object().getString("status"));
        Api.Reply invoked = api.send("POST", "/api/agents/" + agent + "/heartbeat/invoke", null, null, bearer(key));
        assertEquals(202, invoked.status(), invoked::toString);
    }

    @Test
    void anAgentStoppedByItsBudgetIsStoppedAgainWhenTheBoardLowersTheBudgetBelowItsSpend() {
        String company = company("Lowered", null);
        String agent = agent(company, "Lowered", null);
        report(company, agent, key(agent), 300);

        JsonObject lowered = ok(api.patch("/api/agents/" + agent + "/budgets", "{\"budgetMonthlyCents\":250}"));

        assertEquals("paused", lowered.getString("status"), lowered::toString);
        assertEquals("budget", lowered.getString("pauseReason"));
        assertEquals(300, lowered.getInt("spentMonthlyCents"));
        assertEquals(1, activity(company, "budget.hard_threshold_crossed", agent).size());
        JsonObject cleared = ok(api.patch("/api/agents/" + agent + "/budgets", "{\"budgetMonthlyCents\":0}"));
        assertEquals("none", cleared.getString("budgetAlert"), "0 means no limit");
    }

    @Test
    void aCompanyAtItsBudgetStopsEveryAgentUntilTheBoardRaisesTheBudgetAndResumesIt() {
        String company = company("Company Budget", null);
        String first = agent(company, "First", null);
        String second = agent(company, "Second", null);
        String issue = created(api.post("/api/companies/" + company + "/issues", "{\"title\":\"Waiting\",\"status\":\"todo\"}"))
                .getString("id");
        JsonObject budgeted = ok(api.patch("/api/companies/" + company + "/budgets", "{\"budgetMonthlyCents\":500}"));
        assertEquals(CompaniesApiIT.COMPANY_FIELDS, budgeted.keySet(), budgeted::toString);
        assertEquals(500, budgeted.getInt("budgetMonthlyCents"));

        report(company, first, key(first), 300);
        report(company, second, key(second), 200);

        JsonObject stopped = ok(api.get("/api/companies/" + company));
        assertEquals("paused", stopped.getString("status"), stopped::toString);
        assertEquals("budget", stopped.getString("pauseReason"));
        assertEquals("hard", stopped.getString("budgetAlert"));
        assertEquals(500, stopped.getInt("spentMonthlyCents"));
        assertEquals(1, companyActivity(company, "budget.hard_threshold_crossed").size());
        assertEquals("idle", agentRow(first).getString("status"), "the agents keep their status: the company is stopped");
        assertError(api.send("POST", "/api/agents/" + first + "/heartbeat/invoke", null, null, Map.of()), 409);
        Api.Reply checkout = checkout(issue, second, null);
        assertError(checkout, 409);
        assertTrue(checkout.object().getString("error").startsWith("Company is paused (budget)"), checkout::toString);
        JsonObject summary = ok(api.get("/api/companies/" + company + "/costs/summary"));
        assertEquals(500, summary.getInt("spendCents"));
        assertEquals(100.0, summary.getJsonNumber("utilizationPercent").doubleValue());

        assertEquals("paused", ok(api.patch("/api/companies/" + company + "/budgets", "{\"budgetMonthlyCents\":5000}"))
                .getString("status"), "raising the budget resumes nothing");
        assertEquals("active", ok(api.patch("/api/companies/" + company, "{\"status\":\"active\"}")).getString("status"));
        Api.Reply works = checkout(issue, second, null);
        assertEquals(200, works.status(), works::toString);
        assertEquals(10.0, ok(api.get("/api/companies/" + company + "/costs/summary")).getJsonNumber("utilizationPercent")
                .doubleValue(), "500 of 5,000");
    }

    @Test
    void summariesAndListsEqualWhatWasBookedInTheChosenMonth() throws SQLException {
        String company = company("Cost Reads", 1000L);
        String writer = agent(company, "Writer", null);
        String reviewer = agent(company, "Reviewer", null);
        String project = created(api.post("/api/companies/" + company + "/projects", "{\"name\":\"Docs\"}")).getString("id");
        String writerKey = key(writer);
        created(api.send("POST", "/api/companies/" + company + "/cost-events", Api.JSON, "{\"agentId\":\"" + writer
                + "\",\"provider\":\"openai\",\"model\":\"gpt-5\",\"costCents\":30,\"inputTokens\":1000,\"cachedInputTokens\":200,"
                + "\"outputTokens\":50,\"projectId\":\"" + project + "\",\"occurredAt\":\"2026-01-31T23:59:00Z\"}", bearer(writerKey)));
        created(api.post("/api/companies/" + company + "/cost-events", "{\"agentId\":\"" + reviewer
                + "\",\"provider\":\"anthropic\",\"model\":\"claude\",\"costCents\":12,\"inputTokens\":300,"
                + "\"outputTokens\":40,\"occurredAt\":\"2026-02-17T20:25:00Z\"}"));
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        YearMonth lastMonth = thisMonth.minusMonths(1);
        bookedLastMonth(company, writer, project, 77);

        JsonObject summary = ok(api.get("/api/companies/" + company + "/costs/summary"));
        assertEquals(SUMMARY_FIELDS, summary.keySet(), summary::toString);
        assertEquals(company, summary.getString("companyId"));
        assertEquals(thisMonth.toString(), summary.getString("month"), "the current UTC month by default");
        assertEquals(42, summary.getInt("spendCents"), "events count in the month they were booked, whatever their occurredAt");
        assertEquals(1000, summary.getInt("budgetCents"));
        assertEquals("4.2", summary.getJsonNumber("utilizationPercent").toString(), "api-contract: 42 of 1000 → 4.2");
        assertEquals(42, ok(api.get("/api/companies/" + company)).getInt("spentMonthlyCents"), "the summary is the counter");
        assertEquals(summary, ok(api.get("/api/companies/" + company + "/costs/summary?month=" + thisMonth)));

        JsonArray byAgent = ok(api.get("/api/companies/" + company + "/costs/by-agent"), JsonArray.class);
        assertEquals(2, byAgent.size(), byAgent::toString);
        JsonObject top = byAgent.getJsonObject(0);
        assertEquals(BY_AGENT_FIELDS, top.keySet());
        assertEquals(List.of(writer, reviewer), byAgent.stream().map(v -> v.asJsonObject().getString("agentId")).toList(),
                "the most expensive first");
        assertEquals("Writer", top.getString("agentName"));
        assertEquals("idle", top.getString("agentStatus"));
        assertEquals(30, top.getInt("costCents"));
        assertEquals(1000, top.getInt("inputTokens"));
        assertEquals(200, top.getInt("cachedInputTokens"));
        assertEquals(50, top.getInt("outputTokens"));

        JsonArray byProject = ok(api.get("/api/companies/" + company + "/costs/by-project"), JsonArray.class);
        assertEquals(1, byProject.size(), "events without a project are not listed: " + byProject);
        assertEquals(BY_PROJECT_FIELDS, byProject.getJsonObject(0).keySet());
        assertEquals(project, byProject.getJsonObject(0).getString("projectId"));
        assertEquals("Docs", byProject.getJsonObject(0).getString("projectName"));
        assertEquals(30, byProject.getJsonObject(0).getInt("costCents"));

        JsonArray byModel = ok(api.get("/api/companies/" + company + "/costs/by-model"), JsonArray.class);
        assertEquals(BY_MODEL_FIELDS, byModel.getJsonObject(0).keySet());
        assertEquals(List.of("openai/gpt-5", "anthropic/claude"), byModel.stream()
                .map(v -> v.asJsonObject().getString("provider") + "/" + v.asJsonObject().getString("model")).toList());
        assertEquals(1, byModel.getJsonObject(0).getInt("eventCount"));

        JsonObject last = ok(api.get("/api/companies/" + company + "/costs/summary?month=" + lastMonth));
        assertEquals(lastMonth.toString(), last.getString("month"));
        assertEquals(77, last.getInt("spendCents"));
        assertEquals(7.7, last.getJsonNumber("utilizationPercent").doubleValue(), "against today's budget");
        JsonArray lastByAgent = ok(api.get("/api/companies/" + company + "/costs/by-agent?month=" + lastMonth), JsonArray.class);
        assertEquals(List.of(writer), lastByAgent.stream().map(v -> v.asJsonObject().getString("agentId")).toList());
        assertEquals(77, ok(api.get("/api/companies/" + company + "/costs/by-project?month=" + lastMonth), JsonArray.class)
                .getJsonObject(0).getInt("costCents"));
        assertEquals(0, ok(api.get("/api/companies/" + company + "/costs/summary?month=2019-07")).getInt("spendCents"));
        assertEquals(0, ok(api.get("/api/companies/" + company + "/costs/by-model?month=2019-07"), JsonArray.class).size());
        assertError(api.get("/api/companies/" + company + "/costs/summary?month=2026-13"), 400);

        JsonObject asAgent = ok(api.get("/api/companies/" + company + "/costs/summary", bearer(writerKey)));
        assertEquals(summary, asAgent, "an agent reads its own company's costs");
        String elsewhere = company("Elsewhere", null);
        assertError(api.get("/api/companies/" + elsewhere + "/costs/by-agent", bearer(writerKey)), 403);
    }

    @Test
    void anAgentSetsTheBudgetsOfAgentsBelowItOnly() {
        String company = company("Tree", null);
        String ceo = agent(company, "Chief", null);
        String manager = agent(company, "Manager", ceo);
        String worker = agent(company, "Worker", manager);
        String peer = agent(company, "Peer", ceo);
        String managerKey = key(manager);
        String project = created(api.post("/api/companies/" + company + "/projects", "{\"name\":\"Tree work\"}")).getString("id");

        Api.Reply set = api.send("PATCH", "/api/agents/" + worker + "/budgets", Api.JSON, "{\"budgetMonthlyCents\":300}",
                bearer(managerKey));
        assertEquals(200, set.status(), set::toString);
        assertEquals(300, set.object().getInt("budgetMonthlyCents"));
        JsonObject row = activity(company, "agent.budget_updated", worker).getJsonObject(0);
        assertEquals("agent", row.getString("actorType"));
        assertEquals(manager, row.getString("actorId"));
        Api.Reply deeper = api.send("PATCH", "/api/agents/" + worker + "/budgets", Api.JSON, "{\"budgetMonthlyCents\":400}",
                bearer(key(ceo)));
        assertEquals(200, deeper.status(), "the whole subtree: " + deeper);

        for (String target : List.of(manager, peer, ceo)) {
            assertError(api.send("PATCH", "/api/agents/" + target + "/budgets", Api.JSON, "{\"budgetMonthlyCents\":1}",
                    bearer(managerKey)), 403);
        }
        assertError(api.send("PATCH", "/api/agents/" + manager + "/budgets", Api.JSON, "{\"budgetMonthlyCents\":1}",
                bearer(key(worker))), 403);
        Api.Reply companyBudget = api.send("PATCH", "/api/companies/" + company + "/budgets", Api.JSON,
                "{\"budgetMonthlyCents\":1}", bearer(managerKey));
        assertError(companyBudget, 403);
        assertTrue(companyBudget.object().getString("error").contains("Board access required"), companyBudget::toString);
        assertError(api.send("PATCH", "/api/projects/" + project + "/budgets", Api.JSON, "{\"budgetMonthlyCents\":1}",
                bearer(managerKey)), 403);
        assertEquals(0, ok(api.get("/api/agents/" + manager)).getInt("budgetMonthlyCents"), "nothing was changed");
    }

    @Test
    void aProjectBudgetIsTheThirdLayer() {
        String company = company("Project Layer", null);
        String agent = agent(company, "Builder", null);
        String project = created(api.post("/api/companies/" + company + "/projects", "{\"name\":\"Capped\"}")).getString("id");
        JsonObject budgeted = ok(api.patch("/api/projects/" + project + "/budgets", "{\"budgetMonthlyCents\":100}"));
        assertEquals(GoalsAndProjectsApiIT.PROJECT_FIELDS, budgeted.keySet(), budgeted::toString);
        assertEquals(100, budgeted.getInt("budgetMonthlyCents"));
        String issue = created(api.post("/api/companies/" + company + "/issues", "{\"title\":\"Capped work\",\"status\":\"todo\","
                + "\"projectId\":\"" + project + "\"}")).getString("id");

        created(api.post("/api/companies/" + company + "/cost-events", "{\"agentId\":\"" + agent + "\",\"provider\":\"openai\","
                + "\"model\":\"gpt-5\",\"costCents\":100,\"occurredAt\":\"2026-02-17T20:25:00Z\",\"issueId\":\"" + issue + "\"}"));

        JsonObject spent = ok(api.get("/api/projects/" + project));
        assertEquals(100, spent.getInt("spentMonthlyCents"), "the issue's project is the event's: " + spent);
        assertEquals("hard", spent.getString("budgetAlert"));
        assertEquals(1, projectActivity(company, project).size());
        Api.Reply refused = checkout(issue, agent, null);
        assertError(refused, 409);
        assertTrue(refused.object().getString("error").startsWith("Project has used its monthly budget"), refused::toString);
        assertEquals("idle", agentRow(agent).getString("status"), "the agent may work on other things");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static String company(String name, Long budget) {
        return created(api.post("/api/companies", "{\"name\":\"" + name + " " + token() + "\""
                + (budget == null ? "" : ",\"budgetMonthlyCents\":" + budget) + "}")).getString("id");
    }

    static String agent(String company, String name, String reportsTo) {
        return created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"" + name + "\"" + QUIET
                + (reportsTo == null ? "" : ",\"reportsTo\":\"" + reportsTo + "\"") + "}")).getString("id");
    }

    static String key(String agent) {
        return created(api.post("/api/agents/" + agent + "/keys", "{\"name\":\"budgets\"}")).getString("token");
    }

    /** A report with the agent's own key; its 201 is the booking, enforcement included. */
    static void report(String company, String agent, String key, int cents) {
        created(api.send("POST", "/api/companies/" + company + "/cost-events", Api.JSON, "{\"agentId\":\"" + agent
                + "\",\"provider\":\"openai\",\"model\":\"gpt-5\",\"inputTokens\":10,\"outputTokens\":5,\"costCents\":" + cents
                + ",\"occurredAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\"}", bearer(key)));
    }

    /** An event booked on the 15th of last month, as the ledger would have booked it then. */
    static void bookedLastMonth(String company, String agent, String project, int cents) throws SQLException {
        String when = YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(15) + "T12:00:00Z";
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement insert = db.prepareStatement("insert into cost_events (company_id, agent_id, project_id,"
                     + " provider, model, cost_cents, occurred_at, created_at) values (?::uuid, ?::uuid, ?::uuid, 'openai', 'gpt-5',"
                     + " ?, ?::timestamptz, ?::timestamptz)")) {
            insert.setString(1, company);
            insert.setString(2, agent);
            insert.setString(3, project);
            insert.setInt(4, cents);
            insert.setString(5, when);
            insert.setString(6, when);
            assertEquals(1, insert.executeUpdate());
        }
    }

    static Api.Reply checkout(String issue, String agent, String key) {
        return api.send("POST", "/api/issues/" + issue + "/checkout", Api.JSON,
                "{\"agentId\":\"" + agent + "\",\"expectedStatuses\":[\"todo\"]}", key == null ? Map.of() : bearer(key));
    }

    static JsonObject agentRow(String agent) {
        return ok(api.get("/api/agents/" + agent));
    }

    static JsonArray activity(String company, String action, String agent) {
        return ok(api.get("/api/companies/" + company + "/activity?entityType=agent&entityId=" + agent + "&action=" + action),
                JsonArray.class);
    }

    static JsonArray companyActivity(String company, String action) {
        return ok(api.get("/api/companies/" + company + "/activity?entityType=company&entityId=" + company + "&action=" + action),
                JsonArray.class);
    }

    static JsonArray projectActivity(String company, String project) {
        return ok(api.get("/api/companies/" + company + "/activity?entityType=project&entityId=" + project
                + "&action=budget.hard_threshold_crossed"), JsonArray.class);
    }

    static JsonObject ok(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static <T> T ok(Api.Reply reply, Class<T> type) {
        assertEquals(200, reply.status(), reply::toString);
        return type.cast(reply.array());
    }
}
