package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A heartbeat from end to end against the real jar (spec §11, api-contract "How a real agent runs
 * a heartbeat"): a {@code process} agent runs the demo agent {@code docs/examples/agents/WorkerAgent.java}
 * with this JVM's {@code java}; assigning it an issue wakes it, and the program — a real child
 * process calling the real API with the run-scoped key it was given — checks the issue out,
 * comments, reports a cost and marks the issue done. Then everything the run touched is checked:
 * the run, the issue and its locks, comments, the cost event and spend, activity, the run log, the
 * agent's status. A second agent whose process fails shows the failure path.
 */
class HeartbeatEndToEndIT {

    /** Starting a JVM that compiles the single-file program takes a few seconds on a busy machine. */
    static final Duration RUN_DEADLINE = Duration.ofSeconds(120);
    /** A JWT (a run-scoped key) as it would appear if it leaked: three base64url parts. */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}");
    static final Set<String> TERMINAL = Set.of("succeeded", "failed", "cancelled", "timed_out");

    static Api api;
    static String company;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        company = created(api.post("/api/companies", "{\"name\":\"Heartbeat E2E " + token() + "\"}")).getString("id");
    }

    @Test
    void anAssignedIssueIsWorkedByTheDemoAgentInARealProcess() throws SQLException {
        String agent = createAgent("Worker", Json.createObjectBuilder()
                .add("command", javaCommand())
                .add("args", Json.createArrayBuilder().add(workerAgent().toString()))
                .add("timeoutSec", 300)
                .add("graceSec", 5)
                .build());
        JsonObject issue = created(api.post("/api/companies/" + company + "/issues", Json.createObjectBuilder()
                .add("title", "Write the quarterly report")
                .add("assigneeAgentId", agent)
                .build().toString()));
        String issueId = issue.getString("id");
        assertEquals("todo", issue.getString("status"));

        JsonObject queued = awaitRunOfIssue(agent, issueId);
        String runId = queued.getString("id");
        JsonObject run = awaitRun(runId, r -> TERMINAL.contains(r.getString("status")), "the run ends");
        String log = logText(runId);

        assertEquals("succeeded", run.getString("status"), () -> "the run succeeded: " + run + "\nits log:\n" + log);
        assertEquals("issue_assigned", run.getString("wakeReason"));
        assertEquals("assignment", run.getString("invocationSource"));
        assertEquals(issueId, run.getString("issueId"));
        assertEquals(0, run.getInt("exitCode"));
        assertTrue(run.isNull("errorCode"), run::toString);
        assertEquals("satisfied", run.getString("issueCommentStatus"), "the run commented on its issue: " + run);

        JsonObject done = api.get("/api/issues/" + issueId).object();
        assertEquals("done", done.getString("status"), done::toString);
        assertEquals(agent, done.getString("assigneeAgentId"));
        assertTrue(done.isNull("checkoutRunId") && done.isNull("executionRunId") && done.isNull("executionLockedAt"),
                "the run's locks are released when it ends: " + done);
        assertFalse(done.isNull("startedAt") || done.isNull("completedAt"), done::toString);

        List<String> bodies = new ArrayList<>();
        for (JsonValue c : api.get("/api/issues/" + issueId + "/comments?order=asc").array()) {
            JsonObject comment = c.asJsonObject();
            assertEquals(agent, comment.getString("authorAgentId"), comment::toString);
            bodies.add(comment.getString("body"));
        }
        assertEquals(2, bodies.size(), bodies::toString);
        assertTrue(bodies.get(0).startsWith("Working on " + done.getString("identifier")), bodies::toString);
        assertTrue(bodies.get(1).startsWith("Done: the worker-agent demo finished"), bodies::toString);

        assertCostEvent(agent, issueId, runId);
        JsonObject worker = api.get("/api/agents/" + agent).object();
        assertEquals(3, worker.getInt("spentMonthlyCents"), "the agent's month spend includes the run's cost: " + worker);
        assertEquals(3, api.get("/api/companies/" + company).object().getInt("spentMonthlyCents"));

        JsonArray activity = api.get("/api/companies/" + company + "/activity?agentId=" + agent + "&actorType=agent").array();
        List<String> actions = new ArrayList<>();
        for (JsonValue row : activity) {
            JsonObject entry = row.asJsonObject();
            actions.add(entry.getString("action"));
            assertEquals(runId, entry.getString("runId"), "every write of the agent names its run: " + entry);
        }
        assertTrue(actions.containsAll(List.of("issue.checked_out", "issue.comment_added", "cost.reported", "issue.updated")),
                actions::toString);

        for (String line : List.of("Heartbeat: run " + runId + ", woken by issue_assigned", "Checked out " + done.getString("identifier"),
                "Reported 3 cents of paperclip-demo/worker-1", "Marked " + done.getString("identifier") + " done")) {
            assertTrue(log.contains(line), "the run log has the agent's output '" + line + "':\n" + log);
        }
        assertFalse(JWT.matcher(log).find(), "no run-scoped key in the log:\n" + log);

        assertEquals("idle", awaitAgent(agent, "idle").getString("status"), "the agent is idle again");
    }

    @Test
    void aProcessThatExitsWithAnErrorFailsTheRunAndTheAgent() {
        String agent = createAgent("Failing", Json.createObjectBuilder()
                .add("command", "sh")
                .add("args", Json.createArrayBuilder().add("-c")
                        .add("echo \"my key: $PAPERCLIP_API_KEY\"; echo 'failing on purpose' >&2; exit 3"))
                .add("graceSec", 5)
                .build());

        Api.Reply invoked = api.post("/api/agents/" + agent + "/heartbeat/invoke", "{}");
        assertEquals(202, invoked.status(), invoked::toString);
        String runId = invoked.object().getString("id");
        JsonObject run = awaitRun(runId, r -> TERMINAL.contains(r.getString("status")), "the run ends");
        String log = logText(runId);

        assertEquals("failed", run.getString("status"), () -> run + "\n" + log);
        assertEquals("exit_code", run.getString("errorCode"));
        assertEquals(3, run.getInt("exitCode"));
        assertTrue(run.getString("error").contains("code 3"), run::toString);
        assertEquals("manual", run.getString("wakeReason"));
        assertTrue(log.contains("failing on purpose"), log);
        assertTrue(log.contains("my key: ***REDACTED***"), "the key the process printed is masked:\n" + log);
        assertFalse(JWT.matcher(log).find(), "no run-scoped key in the log:\n" + log);
        assertEquals("error", awaitAgent(agent, "error").getString("status"), "a failed run leaves the agent in error");
    }

    // ---- helpers, shared with HeartbeatRecoveryIT -----------------------------------------------------

    private String createAgent(String name, JsonObject adapterConfig) {
        return created(api.post("/api/companies/" + company + "/agents", Json.createObjectBuilder()
                .add("name", name + " " + token())
                .add("adapterType", "process")
                .add("adapterConfig", adapterConfig)
                .build().toString())).getString("id");
    }

    private JsonObject awaitRunOfIssue(String agent, String issueId) {
        return awaitRunOfIssue(api, company, agent, issueId);
    }

    private JsonObject awaitRun(String runId, Predicate<JsonObject> condition, String what) {
        return awaitRun(api, runId, condition, what);
    }

    private String logText(String runId) {
        return logText(api, runId);
    }

    private JsonObject awaitAgent(String agent, String status) {
        return await(() -> api.get("/api/agents/" + agent).object(), a -> status.equals(a.getString("status")),
                "agent " + agent + " is " + status, Duration.ofSeconds(30));
    }

    /** The run an issue's assignment queued for the agent, once it exists. */
    static JsonObject awaitRunOfIssue(Api api, String company, String agent, String issueId) {
        return await(() -> {
            for (JsonValue run : api.get("/api/companies/" + company + "/heartbeat-runs?agentId=" + agent).array()) {
                if (issueId.equals(run.asJsonObject().getString("issueId", null))) {
                    return run.asJsonObject();
                }
            }
            return null;
        }, run -> run != null, "a run of issue " + issueId, RUN_DEADLINE);
    }

    static JsonObject awaitRun(Api api, String runId, Predicate<JsonObject> condition, String what) {
        return await(() -> api.get("/api/heartbeat-runs/" + runId).object(), condition, what + " (run " + runId + ")", RUN_DEADLINE);
    }

    /** The whole run log, page by page, as text. */
    static String logText(Api api, String runId) {
        StringBuilder text = new StringBuilder();
        long offset = 0;
        while (true) {
            JsonObject page = api.get("/api/heartbeat-runs/" + runId + "/log?offset=" + offset).object();
            for (JsonValue chunk : page.getJsonArray("chunks")) {
                text.append('[').append(chunk.asJsonObject().getString("stream")).append("] ")
                        .append(chunk.asJsonObject().getString("chunk"));
                if (text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
            }
            long next = page.getJsonNumber("nextOffset").longValue();
            if (next == offset) {
                return text.toString();
            }
            offset = next;
        }
    }

    /** Polls {@code read} until {@code condition} holds; fails with the last value after {@code within}. */
    static <T> T await(java.util.function.Supplier<T> read, Predicate<T> condition, String what, Duration within) {
        Instant deadline = Instant.now().plus(within);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            last = read.get();
            if (condition.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200); // a poll interval, not a wait for something to happen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return fail("Not within " + within.toSeconds() + " s: " + what + "; last seen: " + last);
    }

    /** The demo agent, as the docs ship it (the micro pom names the docs' examples directory). */
    static Path workerAgent() {
        String examples = System.getProperty("paperclip.test.examples");
        Path base = examples == null || examples.isBlank() ? Path.of("..", "docs", "examples") : Path.of(examples);
        Path worker = base.resolve("agents").resolve("WorkerAgent.java").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(worker), "the demo agent exists: " + worker);
        return worker;
    }

    /** This JVM's {@code java}: the agent's process runs the single-file program with it. */
    static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static JsonObject created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    private static void assertCostEvent(String agent, String issueId, String runId) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select cast(heartbeat_run_id as text), cast(issue_id as text),"
                     + " provider, model, cost_cents, input_tokens, output_tokens from cost_events where agent_id = ?::uuid")) {
            q.setString(1, agent);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "the agent reported a cost event");
                assertEquals(runId, rs.getString(1), "the event names the run it was reported in");
                assertEquals(issueId, rs.getString(2));
                assertEquals("paperclip-demo", rs.getString(3));
                assertEquals("worker-1", rs.getString(4));
                assertEquals(3, rs.getInt(5));
                assertEquals(120, rs.getInt(6));
                assertEquals(40, rs.getInt(7));
                assertFalse(rs.next(), "exactly one event");
            }
        }
    }
}
