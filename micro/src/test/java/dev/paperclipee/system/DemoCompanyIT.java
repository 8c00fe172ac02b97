package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first-run demo company (issue 8, spec §18 milestone 6) on a jar of its own started with
 * {@code PAPERCLIP_SEED_DEMO=true} (every other system test runs with it off): the empty database
 * gets one company with a CEO and two reports running the shipped demo agent with this JVM's
 * {@code java}; the loop runs by itself — a run of the demo agent succeeds, a comment and a cost
 * appear, the CEO delegates, and the report with the small budget is paused by it. A restart seeds
 * nothing more.
 */
class DemoCompanyIT {

    static final Duration LOOP_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void theFirstStartSeedsTheDemoCompanyWhoseLoopRunsUntilTheSmallBudgetPausesItsAgent() throws Exception {
        PaperclipApp app = PaperclipApp.separate("demo-company", Map.of("PAPERCLIP_SEED_DEMO", "true"));
        try {
            Api api = new Api(app.baseUri());
            JsonArray companies = api.get("/api/companies").array();
            assertEquals(1, companies.size(), companies::toString);
            JsonObject company = companies.getJsonObject(0);
            assertEquals("Paperclip Demo Co", company.getString("name"));
            String id = company.getString("id");

            JsonArray agents = api.get("/api/companies/" + id + "/agents").array();
            assertEquals(3, agents.size(), agents::toString);
            JsonObject ceo = byName(agents, "Ada");
            assertEquals("ceo", ceo.getString("role"));
            for (String report : List.of("Grace", "Linus")) {
                JsonObject a = byName(agents, report);
                assertEquals(ceo.getString("id"), a.getString("reportsTo"), a::toString);
                assertEquals("process", a.getString("adapterType"));
                assertTrue(a.getJsonObject("adapterConfig").getJsonArray("args").getString(0).endsWith("WorkerAgent.java"));
            }
            String linus = byName(agents, "Linus").getString("id");
            assertTrue(api.get("/api/companies/" + id + "/goals").array().size() >= 3, "the root goal and the demo's");
            assertTrue(api.get("/api/companies/" + id + "/issues").array().size() >= 9);
            assertEquals(1, api.get("/api/companies/" + id + "/routines").array().size());

            await(() -> api.get("/api/companies/" + id + "/heartbeat-runs").array().stream()
                    .anyMatch(r -> "succeeded".equals(r.asJsonObject().getString("status"))), "a run of the demo agent succeeds",
                    app);
            await(() -> count(app, "select count(*) from issue_comments c join issues i on i.id = c.issue_id"
                    + " where i.company_id = ?::uuid and c.body like 'Working on %'", id) > 0, "a comment", app);
            await(() -> count(app, "select count(*) from cost_events where company_id = ?::uuid and cost_cents > 0", id) > 0,
                    "a cost event", app);
            await(() -> "paused".equals(api.get("/api/agents/" + linus).object().getString("status")),
                    "the small-budget agent is paused", app);
            JsonObject paused = api.get("/api/agents/" + linus).object();
            assertEquals("budget", paused.getString("pauseReason"), paused::toString);
            assertTrue(paused.getInt("spentMonthlyCents") >= paused.getInt("budgetMonthlyCents"), paused::toString);
            await(() -> count(app, "select count(*) from issues where company_id = ?::uuid and parent_id is not null"
                    + " and created_by_agent_id is not null", id) > 0, "the CEO delegates to a report", app);

            app.restart();
            assertEquals(1, new Api(app.baseUri()).get("/api/companies").array().size(), "a restart seeds nothing more");
        } finally {
            app.close();
        }
    }

    private static JsonObject byName(JsonArray agents, String name) {
        return agents.stream().map(JsonValue::asJsonObject).filter(a -> name.equals(a.getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no agent " + name + " in " + agents));
    }

    private static long count(PaperclipApp app, String sql, String param) {
        try (Connection db = app.openDatabase(); PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, param);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what, PaperclipApp app) throws InterruptedException {
        Instant deadline = Instant.now().plus(LOOP_TIMEOUT);
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "not within " + LOOP_TIMEOUT.toMinutes() + " min: " + what
                    + ". The log ends with:\n" + Jar.tail(app.log(), 60));
            Thread.sleep(500);
        }
    }
}
