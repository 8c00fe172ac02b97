package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Heartbeat runs against the running jar with real child processes (spec §10.3 invoke, §7.8,
 * §11.2 process adapter, §11.3 callback; api-contract runs rows and "How a real agent runs a
 * heartbeat"; execution-semantics §2, §7 wakes): invoking, the run's life and log, tailing a live
 * log, cancelling queued and running runs (SIGTERM, then SIGKILL after {@code graceSec}),
 * timeouts, pausing and terminating agents with live runs, the wakes issues cause, the completion
 * callback with a run's own key, and the secrets a log never shows.
 *
 * <p>Agents are {@code process} agents running {@code sh -c <script>}; the callback agent runs a
 * single-file Java program with this JVM's {@code java}, so nothing here needs curl. Every wait
 * polls the API against a deadline.
 */
class HeartbeatApiIT {

    static final Set<String> RUN_FIELDS = Set.of("id", "companyId", "agentId", "issueId", "invocationSource", "status",
            "wakeReason", "startedAt", "finishedAt", "exitCode", "error", "errorCode", "externalRunId", "usage", "logBytes",
            "lastOutputAt", "cancelRequestedAt", "scheduledAt", "retryOfRunId", "issueCommentStatus", "contextSnapshot",
            "outputSilence", "createdAt", "updatedAt");
    static final Set<String> LOG_FIELDS = Set.of("runId", "status", "offset", "nextOffset", "done", "chunks");
    static final Set<String> CHUNK_FIELDS = Set.of("ts", "stream", "chunk", "seq");
    static final Set<String> FINAL = Set.of("succeeded", "failed", "cancelled", "timed_out");
    static final String MASK = "***REDACTED***";
    static final Duration DEADLINE = Duration.ofSeconds(45);
    /** A sleeping child the tests can find again: the script prints the pids of itself and its child. */
    static final String SLEEPER = "sleep 60 & echo \"pids=$$ $!\"; echo ready; wait";
    private static final Pattern PIDS = Pattern.compile("pids=(\\d+) (\\d+)");

    static Api api;
    static String company;
    static Path callbackProgram;

    @BeforeAll
    static void startApplication() throws IOException {
        api = Api.ofSharedApp();
        company = createCompany("Heartbeat " + token());
        Path dir = Files.createDirectories(Jar.work().resolve("heartbeat-it"));
        callbackProgram = dir.resolve("Callback.java");
        Files.writeString(callbackProgram, CALLBACK_SOURCE, StandardCharsets.UTF_8);
    }

    /**
     * What a remote-style agent does: reports its run's end to {@code /api/heartbeat-runs/<run>/callback}
     * with its run key ({@code args[0]} is the body), prints the answer, then exits with {@code args[1]}.
     */
    static final String CALLBACK_SOURCE = """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.net.http.HttpResponse;

            public class Callback {
                public static void main(String[] args) throws Exception {
                    String url = System.getenv("PAPERCLIP_API_URL") + "/api/heartbeat-runs/"
                            + System.getenv("PAPERCLIP_RUN_ID") + "/callback";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer " + System.getenv("PAPERCLIP_API_KEY"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(args[0]))
                            .build();
                    HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
                    System.out.println("callback answered " + answer.statusCode());
                    System.out.flush();
                    System.exit(Integer.parseInt(args[1]));
                }
            }
            """;

    // ---- invoke, the run and its log ------------------------------------------------------------------

    @Test
    void invokeAnswers202AtOnceWithTheQueuedRunWhichThenSucceedsWithItsOutputLogged() throws SQLException {
        String agent = processAgent(company, "Echo " + token(), "echo hello; echo world >&2; echo again");

        Api.Reply reply = post("/api/agents/" + agent + "/heartbeat/invoke", null, Map.of());

        assertEquals(202, reply.status(), reply::toString);
        assertTrue(reply.elapsed().compareTo(Duration.ofSeconds(2)) < 0, "answered within 2 s: " + reply.elapsed());
        JsonObject queued = reply.object();
        assertRunShape(queued);
        String run = queued.getString("id");
        assertAll(
                () -> assertTrue(UUID_V4.matcher(run).matches(), run),
                () -> assertEquals(company, queued.getString("companyId")),
                () -> assertEquals(agent, queued.getString("agentId")),
                () -> assertEquals("manual", queued.getString("invocationSource")),
                () -> assertEquals("queued", queued.getString("status")),
                () -> assertEquals("manual", queued.getString("wakeReason")),
                () -> assertEquals(0, queued.getJsonNumber("logBytes").longValue()),
                () -> {
                    for (String empty : List.of("issueId", "startedAt", "finishedAt", "exitCode", "error", "errorCode",
                            "externalRunId", "usage", "lastOutputAt", "cancelRequestedAt", "scheduledAt", "retryOfRunId",
                            "issueCommentStatus", "contextSnapshot")) {
                        assertEquals(JsonValue.NULL, queued.get(empty), empty + " of a queued run: " + queued);
                    }
                });

        JsonObject done = awaitFinished(run);

        assertRunShape(done);
        assertAll(
                () -> assertEquals("succeeded", done.getString("status"), done::toString),
                () -> assertEquals(0, done.getInt("exitCode")),
                () -> assertTrue(done.isNull("error") && done.isNull("errorCode"), done::toString),
                () -> assertNotNull(done.getString("startedAt")),
                () -> assertTrue(done.getString("finishedAt").compareTo(done.getString("startedAt")) >= 0, done::toString),
                () -> assertFalse(done.isNull("lastOutputAt"), done::toString),
                () -> assertEquals(queued.getString("createdAt"), done.getString("createdAt")));
        JsonObject context = done.getJsonObject("contextSnapshot");
        assertEquals(run, context.getString("runId"), context::toString);
        assertEquals(agent, context.getString("agentId"));
        assertEquals(company, context.getString("companyId"));
        assertEquals("manual", context.getString("invocationSource"));

        JsonObject log = log(run, "");
        assertEquals(LOG_FIELDS, log.keySet(), log::toString);
        assertEquals(run, log.getString("runId"));
        assertEquals("succeeded", log.getString("status"));
        assertTrue(log.getBoolean("done"), log::toString);
        assertEquals(0, log.getJsonNumber("offset").longValue());
        List<JsonObject> chunks = chunks(log);
        chunks.forEach(HeartbeatApiIT::assertChunkShape);
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i, chunks.get(i).getJsonNumber("seq").longValue(), "seq counts the lines from 0: " + chunks);
        }
        assertEquals("hello\nagain\n", text(chunks, "stdout"), "stdout in order: " + chunks);
        assertEquals("world\n", text(chunks, "stderr"));
        assertTrue(chunks.get(0).getString("stream").equals("system") && chunks.get(0).getString("chunk").startsWith("Started sh"),
                chunks::toString);
        JsonObject last = chunks.get(chunks.size() - 1);
        assertEquals("system", last.getString("stream"));
        assertTrue(last.getString("chunk").contains("exited with code 0"), last::toString);
        assertEquals(done.getJsonNumber("logBytes").longValue(), log.getJsonNumber("nextOffset").longValue(),
                "logBytes is the size of the log");

        assertEquals(done, get("/api/heartbeat-runs/" + run), "GET answers the finished run");
        JsonObject after = get("/api/agents/" + agent);
        assertEquals("idle", after.getString("status"), "the agent is idle again: " + after);
        assertFalse(after.isNull("lastHeartbeatAt"), after::toString);
        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<CompaniesApiIT.Row> rows = activity(db, company).stream().filter(r -> r.entityId().equals(run)).toList();
            assertEquals(List.of("heartbeat.invoked"), actions(rows), rows::toString);
            assertEquals("heartbeat_run", rows.get(0).entityType());
            assertEquals("user", rows.get(0).actorType(), rows::toString);
        }
    }

    @Test
    void anAgentMayInvokeItselfButNotAnotherAgent() {
        String self = processAgent(company, "Self " + token(), "true");
        String other = processAgent(company, "Other " + token(), "true");
        Map<String, String> key = bearer(newKey(self));

        Api.Reply own = post("/api/agents/" + self + "/heartbeat/invoke", null, key);
        assertEquals(202, own.status(), own::toString);
        assertEquals("manual", own.object().getString("invocationSource"));
        assertEquals("succeeded", awaitFinished(own.object().getString("id")).getString("status"));

        Api.Reply foreign = post("/api/agents/" + other + "/heartbeat/invoke", null, key);
        assertError(foreign, 403);
        assertTrue(foreign.object().getString("error").startsWith("Board access required"), foreign::toString);
        assertEquals(0, runs("agentId=" + other).size(), "the refused invoke queued nothing");

        Api.Reply read = api.get("/api/heartbeat-runs/" + own.object().getString("id"), bearer(newKey(other)));
        assertEquals(200, read.status(), "a colleague may read the run: " + read);
    }

    @Test
    void aFailingProcessFailsItsRunWithTheExitCodeAndLeavesTheAgentInError() {
        String agent = processAgent(company, "Failing " + token(), "echo trying; exit 3");

        JsonObject run = awaitFinished(invoke(agent));

        assertEquals("failed", run.getString("status"), run::toString);
        assertEquals(3, run.getInt("exitCode"));
        assertEquals("exit_code", run.getString("errorCode"));
        assertEquals("Process exited with code 3", run.getString("error"));
        assertEquals("error", get("/api/agents/" + agent).getString("status"), "§8.1 running → error");
        assertEquals("trying\n", text(chunks(log(run.getString("id"), "")), "stdout"));

        JsonObject again = awaitFinished(invoke(agent));
        assertEquals("failed", again.getString("status"), "an agent in error may be invoked again: " + again);
    }

    @Test
    void aLiveLogIsTailedIncrementallyByPassingNextOffsetBack() {
        String agent = processAgent(company, "Slow " + token(),
                "for i in 1 2 3 4 5 6; do echo line-$i; sleep 0.3; done");
        String run = invoke(agent);

        List<JsonObject> seen = new ArrayList<>();
        long offset = 0;
        int pagesWhileRunning = 0;
        Instant deadline = Instant.now().plus(DEADLINE);
        while (true) {
            JsonObject page = log(run, "?offset=" + offset);
            assertEquals(offset, page.getJsonNumber("offset").longValue(), page::toString);
            long next = page.getJsonNumber("nextOffset").longValue();
            List<JsonObject> chunks = chunks(page);
            assertEquals(chunks.isEmpty(), next == offset, "nextOffset moves exactly when lines were read: " + page);
            seen.addAll(chunks);
            if (!page.getBoolean("done") && !chunks.isEmpty()) {
                pagesWhileRunning++;
            }
            offset = next;
            if (page.getBoolean("done")) {
                assertTrue(FINAL.contains(page.getString("status")), page::toString);
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the run did not finish within " + DEADLINE.toSeconds() + " s: " + page);
            }
            pause(Duration.ofMillis(50));
        }
        JsonObject tail = log(run, "?offset=" + offset);
        assertTrue(chunks(tail).isEmpty() && tail.getBoolean("done"), "a finished log read from its end is empty: " + tail);
        assertEquals(offset, tail.getJsonNumber("nextOffset").longValue());

        assertTrue(pagesWhileRunning >= 2, "output arrived while the run was running, in several pages: " + pagesWhileRunning);
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i, seen.get(i).getJsonNumber("seq").longValue(), "no line twice, none left out: " + seen);
        }
        assertEquals("line-1\nline-2\nline-3\nline-4\nline-5\nline-6\n", text(seen, "stdout"));
        assertEquals(chunks(log(run, "")), seen, "the tailed lines are the whole log");
        assertEquals("succeeded", get("/api/heartbeat-runs/" + run).getString("status"));
    }

    @Test
    void limitBytesBoundsAPageButALineIsNeverCut() {
        String agent = processAgent(company, "Lines " + token(),
                "for i in 1 2 3 4 5; do echo line-$i; sleep 0.05; done");
        String run = awaitFinished(invoke(agent)).getString("id");
        JsonObject whole = log(run, "");
        List<JsonObject> all = chunks(whole);
        assertTrue(all.size() >= 3, all::toString);

        List<JsonObject> oneByOne = new ArrayList<>();
        long offset = 0;
        for (int page = 0; page <= all.size(); page++) {
            JsonObject reply = log(run, "?offset=" + offset + "&limitBytes=1");
            List<JsonObject> chunks = chunks(reply);
            if (chunks.isEmpty()) {
                break;
            }
            assertEquals(1, chunks.size(), "limitBytes=1 still answers one whole line: " + reply);
            oneByOne.addAll(chunks);
            offset = reply.getJsonNumber("nextOffset").longValue();
        }
        assertEquals(all, oneByOne);
        assertEquals(whole.getJsonNumber("nextOffset").longValue(), offset);

        long endOfFirst = log(run, "?limitBytes=1").getJsonNumber("nextOffset").longValue();
        long endOfSecond = log(run, "?offset=" + endOfFirst + "&limitBytes=1").getJsonNumber("nextOffset").longValue();
        JsonObject two = log(run, "?limitBytes=" + endOfSecond);
        assertEquals(2, chunks(two).size(), "a limit at the end of the second line reads two lines: " + two);
        assertEquals(endOfSecond, two.getJsonNumber("nextOffset").longValue());
        JsonObject one = log(run, "?limitBytes=" + (endOfSecond - 1));
        assertEquals(1, chunks(one).size(), "a line that does not fit whole is left for the next page: " + one);
        assertEquals(endOfFirst, one.getJsonNumber("nextOffset").longValue());

        JsonObject beyond = log(run, "?offset=" + (offset + 1000));
        assertTrue(chunks(beyond).isEmpty(), beyond::toString);
        assertEquals(offset + 1000, beyond.getJsonNumber("nextOffset").longValue());

        for (String bad : List.of("?limitBytes=0", "?limitBytes=4194305", "?limitBytes=x", "?offset=-1", "?offset=1.5",
                "?offset=x")) {
            Api.Reply refused = api.get("/api/heartbeat-runs/" + run + "/log" + bad);
            assertBadRequest(refused, null);
        }
    }

    @Test
    void theLogOfAQueuedRunIsEmptyAndNotDone() {
        String agent = processAgent(company, "Queue " + token(), SLEEPER, Map.of(), 1);
        String first = invoke(agent);
        awaitLog(first, "ready");
        String second = invoke(agent);
        try {
            JsonObject log = log(second, "?offset=0");
            assertEquals("queued", log.getString("status"), log::toString);
            assertFalse(log.getBoolean("done"));
            assertTrue(chunks(log).isEmpty());
            assertEquals(0, log.getJsonNumber("nextOffset").longValue());
        } finally {
            cancelQuietly(second);
            cancelQuietly(first);
        }
    }

    // ---- who may invoke and when ------------------------------------------------------------------------

    @Test
    void pausedTerminatedAndUnapprovedAgentsAre409AndQueueNothing() throws SQLException {
        String paused = processAgent(company, "Paused " + token(), "true");
        assertEquals(200, post("/api/agents/" + paused + "/pause", null, Map.of()).status());
        String terminated = processAgent(company, "Gone " + token(), "true");
        assertEquals(200, post("/api/agents/" + terminated + "/terminate", null, Map.of()).status());
        String unapproved = processAgent(company, "Unapproved " + token(), "true");
        sql("update agents set status = 'pending_approval' where id = ?::uuid", unapproved);

        for (Map.Entry<String, String> agent : Map.of(paused, "paused", terminated, "terminated", unapproved,
                "pending_approval").entrySet()) {
            Api.Reply refused = post("/api/agents/" + agent.getKey() + "/heartbeat/invoke", null, Map.of());
            assertError(refused, 409);
            assertEquals(agent.getValue(), refused.object().getJsonObject("details").getString("status"), refused::toString);
            assertEquals(0, runs("agentId=" + agent.getKey()).size(), "nothing queued for " + agent.getValue());
        }
    }

    @Test
    void anAgentOrCompanyOverItsBudgetIs409() throws SQLException {
        String spent = processAgent(company, "Spent " + token(), "true", Map.of("budgetMonthlyCents", "100"), 0);
        sql("update agents set spent_monthly_cents = 100 where id = ?::uuid", spent);
        Api.Reply refused = post("/api/agents/" + spent + "/heartbeat/invoke", null, Map.of());
        assertError(refused, 409);
        assertEquals(100, refused.object().getJsonObject("details").getInt("budgetMonthlyCents"), refused::toString);
        assertEquals(0, runs("agentId=" + spent).size());

        String poor = createCompany("Poor " + token());
        String member = processAgent(poor, "Member " + token(), "true");
        assertEquals(200, api.patch("/api/companies/" + poor, "{\"budgetMonthlyCents\":500}").status());
        sql("update companies set spent_monthly_cents = 500 where id = ?::uuid", poor);
        Api.Reply companyRefused = post("/api/agents/" + member + "/heartbeat/invoke", null, Map.of());
        assertError(companyRefused, 409);
        assertEquals(500, companyRefused.object().getJsonObject("details").getInt("companyBudgetMonthlyCents"));
        assertEquals(0, runs(poor, "").size());

        sql("update companies set spent_monthly_cents = 499 where id = ?::uuid", poor);
        assertEquals("succeeded", awaitFinished(invoke(member)).getString("status"), "under the budget again");
    }

    @Test
    void theAgentsOfAPausedOrArchivedCompanyAre409() {
        String paused = createCompany("Paused Co " + token());
        String sleeper = processAgent(paused, "Sleeper " + token(), "true");
        assertEquals(200, api.patch("/api/companies/" + paused, "{\"status\":\"paused\"}").status());
        Api.Reply refused = post("/api/agents/" + sleeper + "/heartbeat/invoke", null, Map.of());
        assertError(refused, 409);
        assertEquals("paused", refused.object().getJsonObject("details").getString("companyStatus"), refused::toString);

        String archived = createCompany("Archived Co " + token());
        String retiree = processAgent(archived, "Retiree " + token(), "true");
        assertEquals(200, post("/api/companies/" + archived + "/archive", null, Map.of()).status());
        Api.Reply gone = post("/api/agents/" + retiree + "/heartbeat/invoke", null, Map.of());
        assertError(gone, 409);
        assertEquals("archived", gone.object().getJsonObject("details").getString("companyStatus"), gone::toString);
        assertEquals(0, runs(paused, "").size() + runs(archived, "").size());
    }

    @Test
    void anotherCompanysIdsUnknownIdsAndNonUuidsAre404() {
        String agent = processAgent(company, "Private " + token(), "true");
        String run = awaitFinished(invoke(agent)).getString("id");
        String stranger = createCompany("Stranger " + token());
        Map<String, String> strangerKey = bearer(newKey(processAgent(stranger, "Stranger " + token(), "true")));

        for (String route : List.of("POST /api/agents/" + agent + "/heartbeat/invoke", "GET /api/heartbeat-runs/" + run,
                "POST /api/heartbeat-runs/" + run + "/cancel", "GET /api/heartbeat-runs/" + run + "/log",
                "POST /api/heartbeat-runs/" + run + "/callback")) {
            String[] parts = route.split(" ");
            String body = route.endsWith("callback") ? "{\"status\":\"succeeded\"}" : null;
            assertError(api.send(parts[0], parts[1], body == null ? null : Api.JSON, body, strangerKey), 404);
            for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "12345")) {
                String path = parts[1].replace(route.contains("/agents/") ? agent : run, id);
                assertError(api.send(parts[0], path, body == null ? null : Api.JSON, body, Map.of()), 404);
            }
        }
        Api.Reply list = api.get("/api/companies/" + company + "/heartbeat-runs", strangerKey);
        assertTrue(list.status() == 403 || list.status() == 404, list::toString);
        assertError(list, list.status());
        assertEquals(1, runs("agentId=" + agent).size(), "nothing of the refused calls changed the runs");
        assertEquals("succeeded", get("/api/heartbeat-runs/" + run).getString("status"));
    }

    // ---- listing ------------------------------------------------------------------------------------------

    @Test
    void theCompanysRunsAreListedNewestFirstAndFilteredByAgentStatusAndPage() {
        String c = createCompany("Listing " + token());
        String good = processAgent(c, "Good " + token(), "true");
        String bad = processAgent(c, "Bad " + token(), "exit 1");
        String g1 = awaitFinished(invoke(good)).getString("id");
        String b1 = awaitFinished(invoke(bad)).getString("id");
        String g2 = awaitFinished(invoke(good)).getString("id");

        assertEquals(List.of(g2, b1, g1), ids(runs(c, "")));
        runs(c, "").forEach(r -> assertRunShape(r.asJsonObject()));
        assertEquals(List.of(g2, g1), ids(runs(c, "?agentId=" + good)));
        assertEquals(List.of(b1), ids(runs(c, "?status=failed")));
        assertEquals(List.of(g2, b1, g1), ids(runs(c, "?status=succeeded,failed")));
        assertEquals(List.of(g2, g1), ids(runs(c, "?status=succeeded&agentId=" + good)));
        assertEquals(List.of(), ids(runs(c, "?status=queued,running,cancelled,timed_out")));
        assertEquals(List.of(), ids(runs(c, "?status=failed&agentId=" + good)));
        assertEquals(List.of(g2), ids(runs(c, "?limit=1")));
        assertEquals(List.of(b1), ids(runs(c, "?limit=1&offset=1")));
        assertEquals(List.of(b1, g1), ids(runs(c, "?offset=1")));
        assertEquals(List.of(), ids(runs(c, "?offset=3")));
        assertEquals(List.of(g2, b1, g1), ids(runs(c, "?limit=500")));

        for (String bad400 : List.of("?limit=0", "?limit=501", "?limit=x", "?offset=-1", "?status=nope",
                "?status=succeeded,nope", "?agentId=nope")) {
            assertBadRequest(api.get("/api/companies/" + c + "/heartbeat-runs" + bad400), null);
        }
        assertEquals(List.of(), ids(runs(c, "?agentId=" + UUID.randomUUID())), "an unknown agent has no runs");
        Api.Reply asAgent = api.get("/api/companies/" + c + "/heartbeat-runs", bearer(newKey(bad)));
        assertEquals(200, asAgent.status(), "the company's agents may list its runs: " + asAgent);
        assertError(api.get("/api/companies/" + UUID.randomUUID() + "/heartbeat-runs"), 404);
    }

    // ---- cancel -------------------------------------------------------------------------------------------

    @Test
    void aQueuedRunIsCancelledAtOnceAndEquivalentInvocationsShareIt() throws SQLException {
        String agent = processAgent(company, "Single " + token(), SLEEPER, Map.of(), 1);
        String first = invoke(agent);
        awaitLog(first, "ready");

        JsonObject second = invokeRun(agent);
        assertEquals("queued", second.getString("status"));
        assertNotEquals(first, second.getString("id"));
        assertEquals(second.getString("id"), invoke(agent), "an equivalent queued run is answered, not a second one");
        assertEquals(Set.of(first, second.getString("id")), Set.copyOf(ids(runs("agentId=" + agent))));
        assertEquals("queued", get("/api/heartbeat-runs/" + second.getString("id")).getString("status"),
                "maxConcurrentRuns=1 keeps it queued");

        Api.Reply cancelled = post("/api/heartbeat-runs/" + second.getString("id") + "/cancel", null, Map.of());

        assertEquals(200, cancelled.status(), cancelled::toString);
        JsonObject c = cancelled.object();
        assertRunShape(c);
        assertEquals("cancelled", c.getString("status"), c::toString);
        assertEquals("cancelled", c.getString("errorCode"));
        assertFalse(c.isNull("finishedAt"), c::toString);
        assertTrue(c.isNull("startedAt"), "it never started: " + c);
        assertError(post("/api/heartbeat-runs/" + second.getString("id") + "/cancel", null, Map.of()), 409);
        assertEquals("running", get("/api/heartbeat-runs/" + first).getString("status"), "the running one runs on");
        try (Connection db = PaperclipApp.get().openDatabase()) {
            assertTrue(actions(activity(db, company)).contains("heartbeat.cancelled"));
        }
        cancelQuietly(first);
    }

    @Test
    void aRunningRunIsStoppedByCancelAndItsProcessesAreGone() {
        String agent = processAgent(company, "Cancelled " + token(), SLEEPER);
        String run = invoke(agent);
        long[] pids = pids(awaitLog(run, "ready"));
        assertTrue(alive(pids[0]) && alive(pids[1]), "the script and its child run");

        Api.Reply reply = post("/api/heartbeat-runs/" + run + "/cancel", null, Map.of());

        assertEquals(200, reply.status(), reply::toString);
        JsonObject asked = reply.object();
        assertTrue(Set.of("running", "cancelled").contains(asked.getString("status")), asked::toString);
        assertFalse(asked.isNull("cancelRequestedAt"), "the cancel is recorded at once: " + asked);
        JsonObject done = awaitFinished(run);
        assertEquals("cancelled", done.getString("status"), done::toString);
        assertEquals("cancelled", done.getString("errorCode"));
        assertGone(pids[0], pids[1]);
        assertEquals("idle", get("/api/agents/" + agent).getString("status"));
        String system = text(chunks(log(run, "")), "system");
        assertTrue(system.contains("SIGTERM sent to"), system);
        assertError(post("/api/heartbeat-runs/" + run + "/cancel", null, Map.of()), 409);
        Duration took = Duration.between(Instant.parse(done.getString("cancelRequestedAt")), Instant.parse(done.getString("finishedAt")));
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "SIGTERM was enough, no grace period waited for: " + took);
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterGraceSec() {
        String agent = processAgent(company, "Stubborn " + token(), "trap '' TERM; " + SLEEPER,
                Map.of("graceSec", "1"), 0);
        String run = invoke(agent);
        long[] pids = pids(awaitLog(run, "ready"));

        assertEquals(200, post("/api/heartbeat-runs/" + run + "/cancel", null, Map.of()).status());

        JsonObject done = awaitFinished(run);
        assertEquals("cancelled", done.getString("status"), done::toString);
        assertGone(pids[0], pids[1]);
        Duration took = Duration.between(Instant.parse(done.getString("cancelRequestedAt")), Instant.parse(done.getString("finishedAt")));
        assertTrue(took.compareTo(Duration.ofMillis(900)) >= 0, "the grace period was waited for: " + took);
        String system = text(chunks(log(run, "")), "system");
        assertTrue(system.contains("SIGTERM sent to 2 process(es)"), system);
        assertTrue(system.contains("SIGKILL sent to"), system);
    }

    @Test
    void aRunOverItsTimeoutSecIsStoppedAsTimedOut() {
        String agent = processAgent(company, "Slowpoke " + token(), SLEEPER, Map.of("timeoutSec", "1", "graceSec", "1"), 0);
        String run = invoke(agent);

        JsonObject done = awaitFinished(run);

        assertEquals("timed_out", done.getString("status"), done::toString);
        assertEquals("timeout", done.getString("errorCode"));
        assertEquals("Timed out after 1 s", done.getString("error"));
        assertTrue(done.isNull("exitCode"), done::toString);
        long[] pids = pids(text(chunks(log(run, "")), "stdout"));
        assertGone(pids[0], pids[1]);
        assertEquals("error", get("/api/agents/" + agent).getString("status"), "a timeout counts as a failure");
    }

    @Test
    void anAgentMayCancelOnlyItsOwnRuns() {
        String agent = processAgent(company, "Owner " + token(), SLEEPER);
        String run = invoke(agent);
        awaitLog(run, "ready");
        String colleague = processAgent(company, "Colleague " + token(), "true");

        Api.Reply refused = post("/api/heartbeat-runs/" + run + "/cancel", null, bearer(newKey(colleague)));
        assertError(refused, 403);
        assertEquals("running", get("/api/heartbeat-runs/" + run).getString("status"));

        Api.Reply own = post("/api/heartbeat-runs/" + run + "/cancel", null, bearer(newKey(agent)));
        assertEquals(200, own.status(), own::toString);
        assertEquals("cancelled", awaitFinished(run).getString("status"));
    }

    // ---- pausing and terminating agents with live runs ---------------------------------------------------

    @Test
    void pausingAnAgentCancelsItsQueuedRunsAndStopsItsRunningOne() {
        String agent = processAgent(company, "Pausable " + token(), SLEEPER, Map.of(), 1);
        String running = invoke(agent);
        long[] pids = pids(awaitLog(running, "ready"));
        String queued = invoke(agent);

        Api.Reply paused = post("/api/agents/" + agent + "/pause", null, Map.of());

        assertEquals(200, paused.status(), paused::toString);
        assertEquals("paused", paused.object().getString("status"));
        JsonObject q = get("/api/heartbeat-runs/" + queued);
        assertEquals("cancelled", q.getString("status"), "the queued run is cancelled with the pause: " + q);
        assertEquals("agent_paused", q.getString("errorCode"));
        assertEquals("Cancelled: the agent was paused", q.getString("error"));
        JsonObject r = awaitFinished(running);
        assertEquals("cancelled", r.getString("status"), r::toString);
        assertGone(pids[0], pids[1]);
        JsonObject after = get("/api/agents/" + agent);
        assertEquals("paused", after.getString("status"), "the run's end does not unpause the agent: " + after);
        assertEquals("manual", after.getString("pauseReason"));
        assertError(post("/api/agents/" + agent + "/heartbeat/invoke", null, Map.of()), 409);
    }

    @Test
    void pausingAnAgentByPatchStopsItsRunsToo() {
        String agent = processAgent(company, "Patched " + token(), SLEEPER, Map.of(), 1);
        String running = invoke(agent);
        long[] pids = pids(awaitLog(running, "ready"));
        String queued = invoke(agent);

        JsonObject patched = AgentsApiIT.okAgent(api.patch("/api/agents/" + agent, "{\"status\":\"paused\"}"));

        assertEquals("paused", patched.getString("status"));
        assertEquals("cancelled", get("/api/heartbeat-runs/" + queued).getString("status"));
        assertEquals("cancelled", awaitFinished(running).getString("status"));
        assertGone(pids[0], pids[1]);
        assertEquals("paused", get("/api/agents/" + agent).getString("status"));
    }

    @Test
    void terminatingAnAgentCancelsAndStopsItsRuns() {
        String agent = processAgent(company, "Doomed " + token(), SLEEPER, Map.of(), 1);
        String running = invoke(agent);
        long[] pids = pids(awaitLog(running, "ready"));
        String queued = invoke(agent);

        assertEquals(200, post("/api/agents/" + agent + "/terminate", null, Map.of()).status());

        JsonObject q = get("/api/heartbeat-runs/" + queued);
        assertEquals("cancelled", q.getString("status"), q::toString);
        assertEquals("agent_terminated", q.getString("errorCode"));
        assertEquals("cancelled", awaitFinished(running).getString("status"));
        assertGone(pids[0], pids[1]);
        assertEquals("terminated", get("/api/agents/" + agent).getString("status"));
    }

    // ---- wakes ----------------------------------------------------------------------------------------------

    static final String WAKE_ECHO = "echo \"task=$PAPERCLIP_TASK_ID reason=$PAPERCLIP_WAKE_REASON comment=$PAPERCLIP_WAKE_COMMENT_ID"
            + " agent=$PAPERCLIP_AGENT_ID company=$PAPERCLIP_COMPANY_ID run=$PAPERCLIP_RUN_ID url=$PAPERCLIP_API_URL\"";

    @Test
    void anIssueAssignedToAnAgentWakesItWithTheTaskInItsEnvironment() {
        String agent = processAgent(company, "Assignee " + token(), WAKE_ECHO);

        String issue = createIssue(company, "{\"title\":\"Wake me\",\"status\":\"todo\",\"assigneeAgentId\":\"" + agent + "\"}");

        JsonArray all = runs("agentId=" + agent);
        // the run may already be over, and its missing-comment follow-up queued: look at the assignment's runs
        List<JsonObject> assigned = all.getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("wakeReason").equals("issue_assigned")).toList();
        assertEquals(1, assigned.size(), "the assignment queued one run in its own transaction: " + all);
        JsonObject run = assigned.get(0);
        assertEquals("assignment", run.getString("invocationSource"));
        assertEquals("issue_assigned", run.getString("wakeReason"));
        assertEquals(issue, run.getString("issueId"));
        String id = run.getString("id");
        JsonObject done = awaitFinished(id);
        assertEquals("succeeded", done.getString("status"), done::toString);
        assertEquals("task=" + issue + " reason=issue_assigned comment= agent=" + agent + " company=" + company
                + " run=" + id + " url=" + PaperclipApp.get().baseUri().toString().replaceFirst("/$", "") + "\n",
                text(chunks(log(id, "")), "stdout"));
        assertEquals(issue, done.getJsonObject("contextSnapshot").getString("issueId"));
        assertEquals("issue_assigned", done.getJsonObject("contextSnapshot").getString("wakeReason"));

        // execution-semantics §5: a successful issue run that left no comment gets one follow-up wake
        assertEquals("retry_queued", done.getString("issueCommentStatus"), done::toString);
        JsonObject followUp = awaitRuns("agentId=" + agent, 2).getJsonObject(0);
        assertEquals("missing_issue_comment", followUp.getString("wakeReason"), followUp::toString);
        assertEquals(issue, followUp.getString("issueId"));
        JsonObject second = awaitFinished(followUp.getString("id"));
        assertEquals("retry_exhausted", second.getString("issueCommentStatus"), second::toString);
        assertEquals(2, runs("agentId=" + agent).size(), "no third wake");
    }

    @Test
    void aBacklogAssignmentWakesNobodyAndABoardCommentWakesTheAssignee() {
        String agent = processAgent(company, "Commented " + token(), WAKE_ECHO);
        String issue = createIssue(company, "{\"title\":\"Backlog\",\"status\":\"backlog\",\"assigneeAgentId\":\"" + agent + "\"}");
        assertEquals(0, runs("agentId=" + agent).size(), "a backlog assignment is not work yet");

        String comment = comment(issue, "What is the status?", Map.of());

        JsonArray runs = runs("agentId=" + agent);
        assertEquals(1, runs.size(), runs::toString);
        JsonObject run = runs.getJsonObject(0);
        assertEquals("issue_commented", run.getString("wakeReason"));
        assertEquals("automation", run.getString("invocationSource"));
        assertEquals(issue, run.getString("issueId"));
        JsonObject done = awaitFinished(run.getString("id"));
        assertEquals("succeeded", done.getString("status"));
        assertTrue(text(chunks(log(run.getString("id"), "")), "stdout")
                .startsWith("task=" + issue + " reason=issue_commented comment=" + comment + " "));
        assertEquals(comment, done.getJsonObject("contextSnapshot").getString("wakeCommentId"));
    }

    @Test
    void anAgentsCommentOnItsOwnIssueWakesNobodyNotEvenWhenItNamesItself() {
        String name = "Talker" + token();
        String agent = processAgent(company, name, WAKE_ECHO);
        String issue = createIssue(company, "{\"title\":\"Mine\",\"status\":\"backlog\",\"assigneeAgentId\":\"" + agent + "\"}");
        Map<String, String> key = bearer(newKey(agent));

        comment(issue, "Working on it", key);
        comment(issue, "Note to @" + name + ": me", key);

        assertEquals(0, runs("agentId=" + agent).size(), "its own comments do not wake the agent");
        assertEquals(0, runs("").stream().map(JsonValue::asJsonObject)
                .filter(r -> issue.equals(r.getString("issueId", null))).count(), "nor anyone else");
    }

    @Test
    void aMentionWakesTheNamedAgentWhoeverComments() {
        String name = "Reviewer" + token();
        String reviewer = processAgent(company, name, WAKE_ECHO);
        String author = processAgent(company, "Author " + token(), "true");
        String issue = createIssue(company, "{\"title\":\"Review\",\"status\":\"todo\"}");

        comment(issue, "Looks fine to me@" + name + " but not a mention", Map.of());
        assertEquals(0, runs("agentId=" + reviewer).size(), "a name inside a word is no mention");
        String comment = comment(issue, "Please have a look, @" + name.toLowerCase() + ".", bearer(newKey(author)));

        JsonArray runs = runs("agentId=" + reviewer);
        assertEquals(1, runs.size(), runs::toString);
        JsonObject run = runs.getJsonObject(0);
        assertEquals("issue_comment_mentioned", run.getString("wakeReason"));
        assertEquals(issue, run.getString("issueId"));
        awaitFinished(run.getString("id"));
        assertTrue(text(chunks(log(run.getString("id"), "")), "stdout")
                .startsWith("task=" + issue + " reason=issue_comment_mentioned comment=" + comment + " "));
        assertEquals(0, runs("agentId=" + author).size(), "the author's own comment woke only the one it named");
    }

    @Test
    void anAgentWithWakeOnDemandOffIsNeverWoken() {
        String name = "Hermit" + token();
        String hermit = createAgent(company, Json.createObjectBuilder().add("name", name)
                .add("adapterConfig", Json.createObjectBuilder().add("command", "sh").add("args", Json.createArrayBuilder().add("-c").add("true")))
                .add("runtimeConfig", Json.createObjectBuilder().add("heartbeat", Json.createObjectBuilder().add("wakeOnDemand", false)))
                .build().toString());

        String assigned = createIssue(company, "{\"title\":\"Quiet\",\"status\":\"todo\",\"assigneeAgentId\":\"" + hermit + "\"}");
        comment(assigned, "Any news?", Map.of());
        String other = createIssue(company, "{\"title\":\"Elsewhere\"}");
        comment(other, "@" + name + " please", Map.of());
        assertEquals(200, api.patch("/api/issues/" + other, "{\"status\":\"todo\",\"assigneeAgentId\":\"" + hermit + "\"}").status());

        assertEquals(0, runs("agentId=" + hermit).size(), "no wake of any reason");
    }

    // ---- callback ---------------------------------------------------------------------------------------------

    @Test
    void aRunReportsItsEndWithItsOwnKeyAndALaterExitIsIgnored() throws SQLException {
        String body = "{\"status\":\"failed\",\"error\":\"The model refused\",\"exitCode\":42,\"externalRunId\":\"ext-1\","
                + "\"sessionId\":\"session-1\",\"usage\":{\"provider\":\"anthropic\",\"model\":\"claude-test\",\"inputTokens\":1000,"
                + "\"cachedInputTokens\":200,\"outputTokens\":300,\"costUsd\":0.255}}";
        String agent = callbackAgent("Reporter " + token(), body, 0);

        JsonObject done = awaitFinished(invoke(agent));

        assertEquals("failed", done.getString("status"), done::toString);
        assertEquals("The model refused", done.getString("error"));
        assertEquals("agent_reported", done.getString("errorCode"));
        assertEquals(42, done.getInt("exitCode"), "the reported exit code, not the process's 0");
        assertEquals("ext-1", done.getString("externalRunId"));
        JsonObject usage = done.getJsonObject("usage");
        assertEquals(1000, usage.getInt("inputTokens"), usage::toString);
        assertEquals(200, usage.getInt("cachedInputTokens"));
        assertEquals(300, usage.getInt("outputTokens"));
        assertEquals(26, usage.getInt("costCents"), "round(0.255 × 100) half up");
        assertEquals("anthropic", usage.getString("provider"));
        assertEquals("claude-test", usage.getString("model"));
        assertEquals(new BigDecimal("0.255"), usage.getJsonNumber("costUsd").bigDecimalValue());
        assertEquals(26, get("/api/agents/" + agent).getInt("spentMonthlyCents"), "the usage was booked as a cost");
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select provider, model, input_tokens, cached_input_tokens, output_tokens,"
                     + " cost_cents, agent_id::text from cost_events where heartbeat_run_id = ?::uuid")) {
            q.setString(1, done.getString("id"));
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "a cost event for the run");
                assertEquals("anthropic/claude-test/1000/200/300/26/" + agent, rs.getString(1) + "/" + rs.getString(2) + "/"
                        + rs.getLong(3) + "/" + rs.getLong(4) + "/" + rs.getLong(5) + "/" + rs.getLong(6) + "/" + rs.getString(7));
                assertFalse(rs.next(), "exactly one");
            }
        }
        // the process went on after its report; how it ended does not change the run
        JsonObject later = awaitProcessEnd(done.getString("id"));
        assertEquals("failed", later.getString("status"));
        assertEquals(42, later.getInt("exitCode"));
    }

    @Test
    void aSuccessReportedByCallbackStandsAgainstAFailingExit() {
        String agent = callbackAgent("Optimist " + token(), "{\"status\":\"succeeded\"}", 9);

        String run = invoke(agent);
        assertEquals("succeeded", awaitFinished(run).getString("status"));

        JsonObject done = awaitProcessEnd(run);
        assertEquals("succeeded", done.getString("status"), done::toString);
        assertTrue(done.isNull("error") && done.isNull("errorCode") && done.isNull("usage") && done.isNull("exitCode"),
                done::toString);
        assertEquals("idle", get("/api/agents/" + agent).getString("status"));
    }

    @Test
    void onlyTheRunsOwnKeyMayReportAndOnlyWhileItRuns() {
        String agent = processAgent(company, "Callee " + token(), SLEEPER, Map.of(), 1);
        String running = invoke(agent);
        awaitLog(running, "ready");
        String queued = invoke(agent);
        String callback = "/api/heartbeat-runs/" + running + "/callback";
        String ok = "{\"status\":\"succeeded\"}";
        try {
            assertError(api.send("POST", callback, Api.JSON, ok, bearer(newKey(agent))), 403);
            assertError(api.send("POST", callback, Api.JSON, ok, Map.of()), 403);
            String othersRunKey = RunTokensApiIT.mint(queued, agent, company, Instant.now().plusSeconds(600));
            assertError(api.send("POST", callback, Api.JSON, ok, bearer(othersRunKey)), 403);
            assertEquals("running", get("/api/heartbeat-runs/" + running).getString("status"));

            Api.Reply notRunning = api.send("POST", "/api/heartbeat-runs/" + queued + "/callback", Api.JSON, ok,
                    bearer(othersRunKey));
            assertError(notRunning, 409);
            assertEquals("queued", notRunning.object().getJsonObject("details").getString("status"), notRunning::toString);

            String runKey = RunTokensApiIT.mint(running, agent, company, Instant.now().plusSeconds(600));
            for (String bad : List.of("{\"status\":\"cancelled\"}", "{}", "{\"status\":\"succeeded\",\"usage\":{\"inputTokens\":-1}}",
                    "{\"status\":\"succeeded\",\"usage\":{\"costUsd\":\"x\"}}", "{\"status\":\"succeeded\",\"exitCode\":1.5}",
                    "{\"status\":\"succeeded\",\"usage\":{\"model\":\"\"}}", "{\"status\":\"succeeded\",\"error\":7}",
                    "{\"status\":\"succeeded\",\"usage\":{\"costUsd\":\"0.25\"}}",
                    "{\"status\":\"failed\",\"error\":\"a\\u0000b\"}", "{\"status\":\"succeeded\",\"externalRunId\":\"a\\u0000b\"}",
                    "{\"status\":\"succeeded\",\"sessionId\":\"a\\ud800b\"}",
                    "{\"status\":\"succeeded\",\"usage\":{\"provider\":\"a\\u0000b\",\"costUsd\":0.01}}")) {
                assertBadRequest(api.send("POST", callback, Api.JSON, bad, bearer(runKey)), null);
            }
            assertEquals("running", get("/api/heartbeat-runs/" + running).getString("status"));

            Api.Reply reported = api.send("POST", callback, Api.JSON, ok, bearer(runKey));
            assertEquals(200, reported.status(), reported::toString);
            assertRunShape(reported.object());
            assertEquals("succeeded", reported.object().getString("status"));
            assertFalse(reported.object().isNull("finishedAt"));

            Api.Reply again = api.send("POST", callback, Api.JSON, ok, bearer(runKey));
            assertError(again, 401); // a finished run's key is dead (RunTokensApiIT), so a second report cannot land
            assertEquals("succeeded", get("/api/heartbeat-runs/" + running).getString("status"));
        } finally {
            cancelQuietly(queued);
            cancelQuietly(running);
        }
    }

    // ---- secrets ------------------------------------------------------------------------------------------------

    @Test
    void secretEnvValuesAndTheRunKeyNeverReachTheLog() {
        String secret = "sk-live-" + UUID.randomUUID();
        String password = "hunter2-" + token();
        String agent = createAgent(company, Json.createObjectBuilder().add("name", "Leaky " + token())
                .add("adapterConfig", Json.createObjectBuilder().add("command", "sh")
                        .add("args", Json.createArrayBuilder().add("-c").add("echo \"key=$OPENAI_API_KEY plain=$PLAIN\";"
                                + " echo \"run=$PAPERCLIP_API_KEY\"; echo \"pw=$DB_PASSWORD\" >&2;"
                                + " printf '%s' \"$OPENAI_API_KEY\" | cut -c1-4"))
                        .add("env", Json.createObjectBuilder().add("OPENAI_API_KEY", secret).add("PLAIN", "visible-value")
                                .add("DB_PASSWORD", password).add("PAPERCLIP_RUN_ID", "forged")))
                .build().toString());

        String run = invoke(agent);
        JsonObject done = awaitFinished(run);
        assertEquals("succeeded", done.getString("status"), done::toString);

        Api.Reply raw = api.get("/api/heartbeat-runs/" + run + "/log");
        List<JsonObject> chunks = chunks(raw.object());
        assertEquals("key=" + MASK + " plain=visible-value\nrun=" + MASK + "\nsk-l\n", text(chunks, "stdout"));
        assertEquals("pw=" + MASK + "\n", text(chunks, "stderr"));
        assertFalse(raw.body().contains(secret) || raw.body().contains(password), raw::toString);
        assertFalse(raw.body().contains("eyJ"), "no JWT in the log: " + raw);
        String system = text(chunks, "system");
        assertTrue(system.contains("PAPERCLIP_RUN_ID"), "the reserved name is named as ignored: " + system);
        assertFalse(system.contains("forged"));
        assertFalse(PaperclipApp.get().logSinceStart().contains(secret), "nor does the server's own log");
        assertFalse(get("/api/heartbeat-runs/" + run).toString().contains(secret));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static String createCompany(String name) {
        Api.Reply reply = api.post("/api/companies", Json.createObjectBuilder().add("name", name).build().toString());
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    static String createAgent(String companyId, String body) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/agents", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    static String processAgent(String companyId, String name, String script) {
        return processAgent(companyId, name, script, Map.of(), 0);
    }

    /**
     * A process agent running {@code sh -c script}. {@code settings}: adapterConfig numbers
     * ({@code timeoutSec}, {@code graceSec}) or, for {@code budgetMonthlyCents}, the agent's own;
     * {@code maxConcurrentRuns} 0 leaves the default.
     */
    static String processAgent(String companyId, String name, String script, Map<String, String> settings, int maxConcurrentRuns) {
        JsonObjectBuilder config = Json.createObjectBuilder().add("command", "sh")
                .add("args", Json.createArrayBuilder().add("-c").add(script));
        JsonObjectBuilder agent = Json.createObjectBuilder().add("name", name);
        settings.forEach((key, value) -> {
            if (key.equals("budgetMonthlyCents")) {
                agent.add(key, Long.parseLong(value));
            } else {
                config.add(key, Long.parseLong(value));
            }
        });
        agent.add("adapterConfig", config);
        if (maxConcurrentRuns > 0) {
            agent.add("runtimeConfig", Json.createObjectBuilder().add("heartbeat",
                    Json.createObjectBuilder().add("maxConcurrentRuns", maxConcurrentRuns)));
        }
        return createAgent(companyId, agent.build().toString());
    }

    /** An agent running the callback program with this JVM's java: it reports {@code body}, then exits {@code exit}. */
    static String callbackAgent(String name, String body, int exit) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return createAgent(company, Json.createObjectBuilder().add("name", name)
                .add("adapterConfig", Json.createObjectBuilder().add("command", java)
                        .add("args", Json.createArrayBuilder().add(callbackProgram.toString()).add(body).add(String.valueOf(exit)))
                        .add("timeoutSec", 120))
                .build().toString());
    }

    static String newKey(String agentId) {
        Api.Reply reply = api.post("/api/agents/" + agentId + "/keys", "{\"name\":\"heartbeat " + token() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("token");
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Api.Reply post(String path, String body, Map<String, String> headers) {
        return api.send("POST", path, body == null ? null : Api.JSON, body, headers);
    }

    static JsonObject get(String path) {
        Api.Reply reply = api.get(path);
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static JsonObject invokeRun(String agentId) {
        Api.Reply reply = post("/api/agents/" + agentId + "/heartbeat/invoke", null, Map.of());
        assertEquals(202, reply.status(), reply::toString);
        return reply.object();
    }

    static String invoke(String agentId) {
        return invokeRun(agentId).getString("id");
    }

    static void cancelQuietly(String runId) {
        post("/api/heartbeat-runs/" + runId + "/cancel", null, Map.of());
    }

    static String createIssue(String companyId, String body) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/issues", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    static String comment(String issueId, String body, Map<String, String> headers) {
        Api.Reply reply = api.send("POST", "/api/issues/" + issueId + "/comments", Api.JSON,
                Json.createObjectBuilder().add("body", body).build().toString(), headers);
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    /** This test's company's runs, with a query such as {@code agentId=...}. */
    static JsonArray runs(String query) {
        return runs(company, query.isEmpty() ? "" : "?" + query);
    }

    static JsonArray runs(String companyId, String query) {
        Api.Reply reply = api.get("/api/companies/" + companyId + "/heartbeat-runs" + query);
        assertEquals(200, reply.status(), reply::toString);
        return reply.array();
    }

    static List<String> ids(JsonArray runs) {
        return runs.stream().map(r -> r.asJsonObject().getString("id")).toList();
    }

    static JsonObject log(String runId, String query) {
        Api.Reply reply = api.get("/api/heartbeat-runs/" + runId + "/log" + query);
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static List<JsonObject> chunks(JsonObject log) {
        return log.getJsonArray("chunks").stream().map(JsonValue::asJsonObject).toList();
    }

    /** The chunks of one stream, concatenated. */
    static String text(List<JsonObject> chunks, String stream) {
        return chunks.stream().filter(c -> c.getString("stream").equals(stream)).map(c -> c.getString("chunk"))
                .collect(Collectors.joining(stream.equals("system") ? "\n" : ""));
    }

    static JsonObject awaitRun(String runId, Predicate<JsonObject> condition, String what) {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonObject run;
        do {
            run = get("/api/heartbeat-runs/" + runId);
            if (condition.test(run)) {
                return run;
            }
            pause(Duration.ofMillis(100));
        } while (Instant.now().isBefore(deadline));
        fail("run " + runId + " is not " + what + " after " + DEADLINE.toSeconds() + " s: " + run + "\nlog: "
                + log(runId, "").getJsonArray("chunks"));
        return run;
    }

    /**
     * Waits until the process of a run that ended by its callback has ended too: its log is closed
     * and counted in {@code logBytes} only then (the callback itself knows nothing of the log).
     */
    static JsonObject awaitProcessEnd(String runId) {
        return awaitRun(runId, r -> r.getJsonNumber("logBytes").longValue() > 0
                && r.getJsonNumber("logBytes").longValue() == log(runId, "").getJsonNumber("nextOffset").longValue(),
                "done with its whole log counted in logBytes");
    }

    static JsonObject awaitFinished(String runId) {
        return awaitRun(runId, r -> FINAL.contains(r.getString("status")), "finished");
    }

    /** Waits until the run's stdout contains {@code marker}; answers its stdout. */
    static String awaitLog(String runId, String marker) {
        Instant deadline = Instant.now().plus(DEADLINE);
        String stdout = "";
        do {
            JsonObject log = log(runId, "");
            stdout = text(chunks(log), "stdout");
            if (stdout.contains(marker)) {
                return stdout;
            }
            if (log.getBoolean("done")) {
                fail("run " + runId + " ended without printing " + marker + ": " + log);
            }
            pause(Duration.ofMillis(100));
        } while (Instant.now().isBefore(deadline));
        fail("run " + runId + " did not print " + marker + " within " + DEADLINE.toSeconds() + " s: " + stdout);
        return stdout;
    }

    static JsonArray awaitRuns(String query, int count) {
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonArray runs;
        do {
            runs = runs(query);
            if (runs.size() >= count) {
                return runs;
            }
            pause(Duration.ofMillis(100));
        } while (Instant.now().isBefore(deadline));
        fail("fewer than " + count + " runs after " + DEADLINE.toSeconds() + " s: " + runs);
        return runs;
    }

    /** The pids the {@link #SLEEPER} script printed: itself and its sleeping child. */
    static long[] pids(String stdout) {
        Matcher m = PIDS.matcher(stdout);
        assertTrue(m.find(), "the script printed its pids: " + stdout);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    static boolean alive(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive();
    }

    /**
     * Waits until none of the processes lives. A run ends once its processes have exited or been
     * sent SIGKILL; a killed grandchild is then reaped by init, a moment later (until then the
     * JDK still counts the zombie as alive).
     */
    static void assertGone(long... pids) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (java.util.Arrays.stream(pids).anyMatch(HeartbeatApiIT::alive)) {
            if (Instant.now().isAfter(deadline)) {
                StringBuilder states = new StringBuilder();
                for (long pid : pids) {
                    try {
                        states.append(Files.readString(Path.of("/proc/" + pid + "/stat"))).append('\n');
                    } catch (IOException gone) {
                        states.append(pid).append(" gone\n");
                    }
                }
                fail("processes of the run are still alive 10 s after it ended:\n" + states);
            }
            pause(Duration.ofMillis(50));
        }
    }

    static void assertRunShape(JsonObject run) {
        assertEquals(RUN_FIELDS, run.keySet(), run::toString);
        JsonObject silence = run.getJsonObject("outputSilence");
        assertEquals(Set.of("level", "silentForSec"), silence.keySet(), run::toString);
        if (run.getString("status").equals("running")) {
            assertTrue(Set.of("ok", "suspicious", "critical", "snoozed").contains(silence.getString("level")), run::toString);
        } else {
            assertEquals("not_applicable", silence.getString("level"), "only a running run can be silent: " + run);
        }
        assertTrue(Set.of("scheduler", "manual", "callback", "assignment", "automation").contains(run.getString("invocationSource")),
                run::toString);
        assertTrue(Set.of("queued", "running", "succeeded", "failed", "cancelled", "timed_out").contains(run.getString("status")),
                run::toString);
        for (String time : List.of("startedAt", "finishedAt", "lastOutputAt", "cancelRequestedAt", "scheduledAt", "createdAt",
                "updatedAt")) {
            JsonValue v = run.get(time);
            assertTrue(v == JsonValue.NULL || ISO_UTC_MILLIS.matcher(((jakarta.json.JsonString) v).getString()).matches(),
                    time + ": " + run);
        }
        for (String id : List.of("id", "companyId", "agentId")) {
            assertTrue(UUID_V4.matcher(run.getString(id)).matches(), id + ": " + run);
        }
        assertTrue(run.getJsonNumber("logBytes").isIntegral() && run.getJsonNumber("logBytes").longValue() >= 0, run::toString);
        for (String object : List.of("usage", "contextSnapshot")) {
            JsonValue v = run.get(object);
            assertTrue(v == JsonValue.NULL || v.getValueType() == JsonValue.ValueType.OBJECT, object + ": " + run);
        }
        assertEquals(FINAL.contains(run.getString("status")), !run.isNull("finishedAt"), "finishedAt exactly when final: " + run);
    }

    static void assertChunkShape(JsonObject chunk) {
        assertEquals(CHUNK_FIELDS, chunk.keySet(), chunk::toString);
        assertTrue(ISO_UTC_MILLIS.matcher(chunk.getString("ts")).matches(), chunk::toString);
        assertTrue(Set.of("stdout", "stderr", "system").contains(chunk.getString("stream")), chunk::toString);
        assertFalse(chunk.getString("chunk").isEmpty(), chunk::toString);
    }

    static void sql(String statement, String id) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement q = db.prepareStatement(statement)) {
            q.setString(1, id);
            assertEquals(1, q.executeUpdate(), statement);
        }
    }

    /** The gap between two polls. */
    static void pause(Duration gap) {
        try {
            Thread.sleep(gap.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
