package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static dev.paperclipee.system.RunTokensApiIT.bearer;
import static dev.paperclipee.system.RunTokensApiIT.created;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code cost-rollup} Jakarta Batch job in the runnable jar (issue 5): that the job XML and its
 * artifacts are found in {@code WEB-INF/lib}, that its rows equal a direct SQL aggregation of random
 * events over several months, agents, projects and models (whole result sets compared), that a second
 * run changes nothing, that it sets corrupted spend counters back to their events' sum, and that a
 * failed run restarted resumes after its last committed company-month. Events are inserted by SQL,
 * as bookings of their months, so that the counters know nothing of them until the job reconciles.
 */
class CostRollupsApiIT {

    static final Set<String> JOB_FIELDS = Set.of("jobId", "status", "startedAt", "endedAt", "exitStatus");
    static final Set<String> ROW_FIELDS = Set.of("month", "agentId", "projectId", "provider", "model", "eventCount",
            "costCents", "inputTokens", "cachedInputTokens", "outputTokens", "computedAt");
    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final String[][] MODELS = {{"openai", "gpt-5"}, {"openai", "gpt-5-mini"}, {"anthropic", "claude-opus"}};

    /**
     * The rollup of a company-month as SQL over cost_events gives it, in the rows' order and shape:
     * the events booked before the instant the month's mark says the rollup reaches (all of them
     * before the job has run for the month).
     */
    static final String AGGREGATION = """
            select to_char(date_trunc('month', e.created_at at time zone 'UTC'), 'YYYY-MM') as month, e.agent_id::text,
                   coalesce(e.project_id::text, '-'), e.provider, e.model, count(*), sum(e.cost_cents), sum(e.input_tokens),
                   sum(e.cached_input_tokens), sum(e.output_tokens)
              from cost_events e
             where e.company_id = ?::uuid
               and to_char(date_trunc('month', e.created_at at time zone 'UTC'), 'YYYY-MM') = ?
               and e.created_at < coalesce((select k.through from cost_rollup_marks k
                                             where k.company_id = e.company_id
                                               and k.month = cast(date_trunc('month', e.created_at at time zone 'UTC') as date)),
                                           'infinity')
             group by 1, 2, 3, 4, 5
             order by 1, 2, 3, 4, 5
            """;
    static final String MATERIALIZED = """
            select to_char(r.month, 'YYYY-MM'), r.agent_id::text, coalesce(r.project_id::text, '-'), r.provider, r.model,
                   r.event_count, r.cost_cents, r.input_tokens, r.cached_input_tokens, r.output_tokens
              from cost_rollups r
             where r.company_id = ?::uuid and to_char(r.month, 'YYYY-MM') = ?
             order by 1, 2, 3, 4, 5
            """;

    static Api api;

    @BeforeAll
    static void connect() {
        api = Api.ofSharedApp();
    }

    @Test
    void rollupsEqualADirectAggregationOfRandomEventsARerunChangesNothingAndCountersAreReconciled() throws SQLException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String company = company("Rolled", null);
        List<String> agents = List.of(agent(company, "A"), agent(company, "B"), agent(company, "C"));
        List<String> projects = new ArrayList<>();
        projects.add(null);
        projects.add(project(company, "P1"));
        projects.add(project(company, "P2"));
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        List<YearMonth> months = List.of(current.minusMonths(2), current.minusMonths(1), current);
        insertRandomEvents(random, company, agents, projects, months, 400);

        JsonObject first = runToCompletion(company, null);
        for (YearMonth month : months.subList(1, 3)) {
            assertEquals(aggregation(company, month), materialized(company, month), "seed " + seed + ", " + month);
            assertEquals(aggregation(company, month), apiRows(company, month), "seed " + seed + ", " + month + " over the API");
        }
        assertEquals(List.of(), materialized(company, months.get(0)), "only the current and the previous month by default");
        int differing = countersWithSpendThisMonth(company);
        assertTrue(first.getString("exitStatus").contains("corrected " + differing + " spend counters"),
                "every counter with spend this month was 0: " + first);
        assertCountersEqualTheEvents(company, agents, projects);

        Map<YearMonth, List<String>> before = Map.of(months.get(1), materialized(company, months.get(1)),
                current, materialized(company, current));
        JsonObject second = runToCompletion(company, null);
        assertTrue(second.getString("exitStatus").contains("corrected 0 spend counters"), second::toString);
        assertEquals(before, Map.of(months.get(1), materialized(company, months.get(1)), current, materialized(company, current)),
                "a second run writes the same rows, seed " + seed);

        runToCompletion(company, months.get(0));
        assertEquals(aggregation(company, months.get(0)), materialized(company, months.get(0)), "the chosen month, seed " + seed);

        // counters corrupted behind the ledger's back: too high, too low, and one left in an earlier month
        try (Connection db = PaperclipApp.get().openDatabase(); Statement s = db.createStatement()) {
            s.executeUpdate("update agents set spent_monthly_cents = spent_monthly_cents + 12345 where id = '" + agents.get(0) + "'");
            s.executeUpdate("update projects set spent_monthly_cents = 0 where id = '" + projects.get(1) + "'");
            s.executeUpdate("update companies set spent_month = spent_month - interval '1 month' where id = '" + company + "'");
        }
        JsonObject reconciled = runToCompletion(company, null);
        assertTrue(reconciled.getString("exitStatus").contains("corrected 3 spend counters"), reconciled::toString);
        assertCountersEqualTheEvents(company, agents, projects);
    }

    @Test
    void costReadsAreTheRollupPlusTheEventsBookedSinceRightBeforeAndAfterTheJob() throws SQLException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String company = company("Read from rollups", null);
        List<String> agents = List.of(agent(company, "RA"), agent(company, "RB"));
        List<String> projects = Arrays.asList(null, project(company, "RP1"), project(company, "RP2"));
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        YearMonth previous = current.minusMonths(1);
        insertRandomEvents(random, company, agents, projects, List.of(previous, current), 300);
        assertReadsEqualTheEvents(company, previous, "before any job, seed " + seed);
        assertReadsEqualTheEvents(company, current, "before any job, seed " + seed);

        runToCompletion(company, null);
        assertEquals(monthEnd(previous), through(company, previous), "a closed month is rolled up to its end");
        OffsetDateTime through = through(company, current);
        assertTrue(through.isBefore(OffsetDateTime.now(ZoneOffset.UTC)), "the running month up to an instant past: " + through);
        assertReadsEqualTheEvents(company, previous, "after the job, seed " + seed);
        assertReadsEqualTheEvents(company, current, "after the job, seed " + seed);

        // booked since the job, as the ledger books them (now): the reads add them to the rollup
        for (int i = 0; i < 12; i++) {
            String project = projects.get(random.nextInt(projects.size()));
            String[] model = i == 0 ? new String[] {"openai", "brand-new-model"} : MODELS[random.nextInt(MODELS.length)];
            Api.Reply booked = api.post("/api/companies/" + company + "/cost-events", "{\"agentId\":\""
                    + agents.get(random.nextInt(agents.size())) + "\",\"provider\":\"" + model[0] + "\",\"model\":\"" + model[1]
                    + "\",\"inputTokens\":" + random.nextInt(10_000) + ",\"cachedInputTokens\":" + random.nextInt(100)
                    + ",\"outputTokens\":" + random.nextInt(1_000) + ",\"costCents\":" + (1 + random.nextInt(300))
                    + ",\"occurredAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC) + "\""
                    + (project == null ? "" : ",\"projectId\":\"" + project + "\"") + "}");
            assertEquals(201, booked.status(), booked::toString);
        }
        assertReadsEqualTheEvents(company, current, "events booked after the job, seed " + seed);

        // the reads of a rolled-up month come from the rollup table: a row changed behind the job's back shows
        try (Connection db = PaperclipApp.get().openDatabase(); Statement s = db.createStatement()) {
            assertEquals(1, s.executeUpdate("update cost_rollups set cost_cents = cost_cents + 100000 where ctid = "
                    + "(select ctid from cost_rollups where company_id = '" + company + "' and month = '" + previous.atDay(1)
                    + "' limit 1)"));
        }
        long spend = ok(api.get("/api/companies/" + company + "/costs/summary?month=" + previous)).getJsonNumber("spendCents")
                .longValue();
        assertEquals(eventSpend(company, previous) + 100000, spend, "the summary read the rollup row");
        runToCompletion(company, previous);
        assertReadsEqualTheEvents(company, previous, "rolled up again, seed " + seed);
    }

    /** Summary, by-agent, by-project and by-model of the month over the API equal the same sums over its events. */
    private static void assertReadsEqualTheEvents(String company, YearMonth month, String when) throws SQLException {
        String q = "?month=" + month;
        assertEquals(eventSpend(company, month),
                ok(api.get("/api/companies/" + company + "/costs/summary" + q)).getJsonNumber("spendCents").longValue(),
                "summary " + month + ", " + when);
        assertEquals(eventSums(company, month, "e.agent_id::text", "e.agent_id is not null"),
                apiSums("/api/companies/" + company + "/costs/by-agent" + q, "agentId"), "by-agent " + month + ", " + when);
        assertEquals(eventSums(company, month, "e.project_id::text", "e.project_id is not null"),
                apiSums("/api/companies/" + company + "/costs/by-project" + q, "projectId"), "by-project " + month + ", " + when);
        assertEquals(eventSums(company, month, "e.provider || '/' || e.model || ' ' || count(*)", null),
                apiModelSums("/api/companies/" + company + "/costs/by-model" + q), "by-model " + month + ", " + when);
    }

    private static long eventSpend(String company, YearMonth month) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement query = db.prepareStatement(
                "select coalesce(sum(cost_cents), 0) from cost_events where company_id = ?::uuid"
                        + " and to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM') = ?")) {
            query.setString(1, company);
            query.setString(2, month.toString());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** key → "cost input cached output" of the month's events grouped by the key expression. */
    private static Map<String, String> eventSums(String company, YearMonth month, String key, String where)
            throws SQLException {
        boolean byModel = where == null;
        String sql = "select " + key + ", sum(e.cost_cents), sum(e.input_tokens), sum(e.cached_input_tokens), sum(e.output_tokens)"
                + " from cost_events e where e.company_id = ?::uuid"
                + " and to_char(date_trunc('month', e.created_at at time zone 'UTC'), 'YYYY-MM') = ?"
                + (byModel ? " group by e.provider, e.model" : " and " + where + " group by 1");
        Map<String, String> sums = new HashMap<>();
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, company);
            query.setString(2, month.toString());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    sums.put(rs.getString(1), rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4) + " " + rs.getLong(5));
                }
            }
        }
        return sums;
    }

    private static Map<String, String> apiSums(String path, String keyField) {
        Map<String, String> sums = new HashMap<>();
        for (JsonValue value : api.get(path).array()) {
            JsonObject r = value.asJsonObject();
            sums.put(r.getString(keyField), totals(r));
        }
        return sums;
    }

    private static Map<String, String> apiModelSums(String path) {
        Map<String, String> sums = new HashMap<>();
        for (JsonValue value : api.get(path).array()) {
            JsonObject r = value.asJsonObject();
            sums.put(r.getString("provider") + "/" + r.getString("model") + " " + r.getJsonNumber("eventCount").longValue(),
                    totals(r));
        }
        return sums;
    }

    private static String totals(JsonObject r) {
        return r.getJsonNumber("costCents").longValue() + " " + r.getJsonNumber("inputTokens").longValue() + " "
                + r.getJsonNumber("cachedInputTokens").longValue() + " " + r.getJsonNumber("outputTokens").longValue();
    }

    /** How far the month's rollup reaches, as the job recorded it. */
    private static OffsetDateTime through(String company, YearMonth month) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement query = db.prepareStatement(
                "select through from cost_rollup_marks where company_id = ?::uuid and month = ?::date")) {
            query.setString(1, company);
            query.setString(2, month.atDay(1).toString());
            try (ResultSet rs = query.executeQuery()) {
                assertTrue(rs.next(), "a mark for " + month);
                return rs.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
            }
        }
    }

    /** The first instant after a UTC month. */
    private static OffsetDateTime monthEnd(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    @Test
    void aFailedRunRestartedResumesAfterItsLastCommittedCompanyMonth() throws SQLException {
        String company = company("Restarted", null);
        String agent = agent(company, "R");
        String project = project(company, "RP");
        YearMonth current = YearMonth.now(ZoneOffset.UTC);
        YearMonth previous = current.minusMonths(1);
        insertRandomEvents(new Random(7), company, List.of(agent), Arrays.asList(null, project),
                List.of(previous, current), 40);
        // a row the rollup table refuses: the current month's chunk fails, the previous month's (first) commits
        String poison = "poison-" + token();
        insertEvent(company, agent, null, "test", poison, 1, current);
        try (Connection db = PaperclipApp.get().openDatabase(); Statement s = db.createStatement()) {
            s.execute("alter table cost_rollups add constraint cost_rollups_poison_check check (model not like 'poison-%')");
        }
        JsonObject failed;
        try {
            failed = await(company, start(company, null).getJsonNumber("jobId").longValue(), "FAILED");
        } finally {
            try (Connection db = PaperclipApp.get().openDatabase(); Statement s = db.createStatement()) {
                s.execute("alter table cost_rollups drop constraint cost_rollups_poison_check");
            }
        }
        assertEquals(aggregation(company, previous), materialized(company, previous), "the committed chunk");
        assertEquals(List.of(), materialized(company, current), "the failed chunk rolled back");
        Map<String, String> computedBefore = computedAt(company, previous);
        long failedId = failed.getJsonNumber("jobId").longValue();

        Api.Reply restart = api.post("/api/companies/" + company + "/costs/rollups/" + failedId + "/restart", "");
        assertEquals(202, restart.status(), restart::toString);
        long restartedId = restart.object().getJsonNumber("jobId").longValue();
        assertNotEquals(failedId, restartedId, "a restart is a new execution");
        JsonObject done = await(company, restartedId, "COMPLETED");

        assertEquals(aggregation(company, current), materialized(company, current), "the restart did the rest");
        assertEquals(computedBefore, computedAt(company, previous), "and did not redo the committed company-month");
        assertTrue(done.getString("exitStatus").contains("rolled up 1 company-months"), done::toString);
        assertTrue(done.getString("exitStatus").contains("corrected " + countersWithSpendThisMonth(company) + " spend counters"),
                "the reconcile step ran in the restart: " + done);

        assertError(api.post("/api/companies/" + company + "/costs/rollups/" + restartedId + "/restart", ""), 409);
        assertError(api.post("/api/companies/" + company + "/costs/rollups/" + failedId + "/restart", ""), 409);
    }

    @Test
    void jobsAreTheBoardsAndACompanySeesOnlyItsOwn() throws SQLException {
        String company = company("Own jobs", null);
        String other = company("Other jobs", null);
        String agent = agent(company, "K");
        String key = created(api.post("/api/agents/" + agent + "/keys", "{\"name\":\"rollups\"}")).getString("token");
        long job = start(company, null).getJsonNumber("jobId").longValue();
        await(company, job, "COMPLETED");

        assertError(api.get("/api/companies/" + other + "/costs/rollups/" + job), 404);
        assertError(api.post("/api/companies/" + other + "/costs/rollups/" + job + "/restart", ""), 404);
        assertError(api.get("/api/companies/" + company + "/costs/rollups/999999999"), 404);
        assertError(api.get("/api/companies/" + company + "/costs/rollups/abc"), 404);
        assertError(api.get("/api/companies/" + company + "/costs/rollups/-1"), 404);
        assertError(api.send("POST", "/api/companies/" + company + "/costs/rollups", Api.JSON, "{}", bearer(key)), 403);
        assertError(api.send("POST", "/api/companies/" + company + "/costs/rollups/" + job + "/restart", Api.JSON, "", bearer(key)),
                403);
        assertError(api.post("/api/companies/" + company + "/costs/rollups", "{\"month\":\"2026-13\"}"), 400);
        assertError(api.post("/api/companies/" + company + "/costs/rollups", "{\"month\":7}"), 400);

        insertEvent(company, agent, null, "openai", "gpt-5", 42, YearMonth.now(ZoneOffset.UTC));
        await(company, start(company, null).getJsonNumber("jobId").longValue(), "COMPLETED");
        Api.Reply own = api.get("/api/companies/" + company + "/costs/rollups", bearer(key));
        assertEquals(200, own.status(), own::toString);
        JsonObject row = own.array().getJsonObject(0);
        assertEquals(ROW_FIELDS, row.keySet(), row::toString);
        assertEquals(JsonValue.NULL, row.get("projectId"));
        assertEquals(42, row.getInt("costCents"));
        assertEquals(YearMonth.now(ZoneOffset.UTC).toString(), row.getString("month"));
        assertEquals(200, api.get("/api/companies/" + company + "/costs/rollups/" + job, bearer(key)).status(),
                "an agent of the company may read how its job went");
        assertError(api.get("/api/companies/" + other + "/costs/rollups", bearer(key)), 403);
    }

    // ---- the job ----------------------------------------------------------------------------------

    static JsonObject start(String company, YearMonth month) {
        Api.Reply started = api.post("/api/companies/" + company + "/costs/rollups",
                month == null ? "" : "{\"month\":\"" + month + "\"}");
        assertEquals(202, started.status(), started::toString);
        JsonObject job = started.object();
        assertEquals(JOB_FIELDS, job.keySet(), job::toString);
        assertTrue(Set.of("STARTING", "STARTED", "COMPLETED").contains(job.getString("status")), job::toString);
        return job;
    }

    static JsonObject runToCompletion(String company, YearMonth month) {
        JsonObject done = await(company, start(company, month).getJsonNumber("jobId").longValue(), "COMPLETED");
        assertNotNull(done.getString("startedAt"));
        assertNotNull(done.getString("endedAt"));
        return done;
    }

    /** Polls the job's status until it has ended; fails unless it ended as expected. */
    static JsonObject await(String company, long job, String expected) {
        Predicate<String> ended = s -> Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(s);
        Instant deadline = Instant.now().plus(DEADLINE);
        JsonObject status;
        do {
            Api.Reply reply = api.get("/api/companies/" + company + "/costs/rollups/" + job);
            assertEquals(200, reply.status(), reply::toString);
            status = reply.object();
            assertEquals(JOB_FIELDS, status.keySet(), status::toString);
            if (ended.test(status.getString("status"))) {
                assertEquals(expected, status.getString("status"), status::toString);
                return status;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        fail("job " + job + " has not ended after " + DEADLINE.toSeconds() + " s: " + status);
        return status;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- fixtures and expectations --------------------------------------------------------------

    static String company(String name, Long budget) {
        return created(api.post("/api/companies", "{\"name\":\"" + name + " " + token() + "\""
                + (budget == null ? "" : ",\"budgetMonthlyCents\":" + budget) + "}")).getString("id");
    }

    /** An agent the server never starts on its own. */
    static String agent(String company, String name) {
        return created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"" + name + "\"" + BudgetsApiIT.QUIET
                + "}")).getString("id");
    }

    static JsonObject ok(Api.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static String project(String company, String name) {
        return created(api.post("/api/companies/" + company + "/projects", "{\"name\":\"" + name + "\"}")).getString("id");
    }

    /** Random events booked in the given months (never later than now), by SQL: the counters do not move. */
    static void insertRandomEvents(Random random, String company, List<String> agents, List<String> projects,
                                   List<YearMonth> months, int count) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            for (int i = 0; i < count; i++) {
                String[] model = MODELS[random.nextInt(MODELS.length)];
                YearMonth month = months.get(random.nextInt(months.size()));
                fill(insert, company, agents.get(random.nextInt(agents.size())), projects.get(random.nextInt(projects.size())),
                        model[0], model[1], random.nextInt(500), month, random);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void insertEvent(String company, String agent, String project, String provider, String model, int cents,
                            YearMonth month) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement insert = db.prepareStatement(INSERT)) {
            fill(insert, company, agent, project, provider, model, cents, month, new Random(1));
            assertEquals(1, insert.executeUpdate());
        }
    }

    private static final String INSERT = "insert into cost_events (company_id, agent_id, project_id, provider, model,"
            + " input_tokens, cached_input_tokens, output_tokens, cost_cents, occurred_at, created_at)"
            + " values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)";

    private static void fill(PreparedStatement insert, String company, String agent, String project, String provider,
                             String model, int cents, YearMonth month, Random random) throws SQLException {
        OffsetDateTime start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        // a few seconds back: the job's rollup of the running month reaches a second before it starts
        OffsetDateTime end = month.equals(YearMonth.now(ZoneOffset.UTC))
                ? OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5) : start.plusMonths(1);
        if (end.isBefore(start)) {
            end = start;
        }
        long span = Duration.between(start, end).toMillis();
        // the first and the last millisecond of a month are as likely as any: the edges are where months go wrong
        long offset = switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> Math.max(0, span - 1);
            default -> (long) (random.nextDouble() * span);
        };
        String when = start.plusNanos(offset * 1_000_000).toString();
        insert.setString(1, company);
        insert.setString(2, agent);
        insert.setString(3, project);
        insert.setString(4, provider);
        insert.setString(5, model);
        insert.setInt(6, random.nextInt(100_000));
        insert.setInt(7, random.nextInt(1_000));
        insert.setInt(8, random.nextInt(10_000));
        insert.setInt(9, cents);
        insert.setString(10, when);
        insert.setString(11, when);
    }

    static List<String> aggregation(String company, YearMonth month) throws SQLException {
        return rows(AGGREGATION, company, month);
    }

    static List<String> materialized(String company, YearMonth month) throws SQLException {
        return rows(MATERIALIZED, company, month);
    }

    private static List<String> rows(String sql, String company, YearMonth month) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, company);
            query.setString(2, month.toString());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 10; i++) {
                        row.append(i == 1 ? "" : " ").append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }

    /** The API's rows in the SQL rows' shape and order. */
    static List<String> apiRows(String company, YearMonth month) {
        Api.Reply reply = api.get("/api/companies/" + company + "/costs/rollups?month=" + month);
        assertEquals(200, reply.status(), reply::toString);
        JsonArray array = reply.array();
        List<String> rows = new ArrayList<>();
        for (JsonValue value : array) {
            JsonObject r = value.asJsonObject();
            assertEquals(ROW_FIELDS, r.keySet(), r::toString);
            rows.add(String.join(" ", r.getString("month"), r.getString("agentId"),
                    r.isNull("projectId") ? "-" : r.getString("projectId"), r.getString("provider"), r.getString("model"),
                    String.valueOf(r.getJsonNumber("eventCount").longValue()), String.valueOf(r.getJsonNumber("costCents").longValue()),
                    String.valueOf(r.getJsonNumber("inputTokens").longValue()),
                    String.valueOf(r.getJsonNumber("cachedInputTokens").longValue()),
                    String.valueOf(r.getJsonNumber("outputTokens").longValue())));
        }
        rows.sort(null);
        return rows;
    }

    private static Map<String, String> computedAt(String company, YearMonth month) {
        Map<String, String> times = new HashMap<>();
        for (JsonValue value : api.get("/api/companies/" + company + "/costs/rollups?month=" + month).array()) {
            JsonObject r = value.asJsonObject();
            times.put(r.getString("agentId") + " " + r.get("projectId") + " " + r.getString("model"), r.getString("computedAt"));
        }
        assertTrue(!times.isEmpty(), "rows of " + month);
        return times;
    }

    /** Agents, projects and the company with events this month (their counters start at 0 here). */
    private static int countersWithSpendThisMonth(String company) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase(); PreparedStatement query = db.prepareStatement("""
                select count(distinct e.agent_id) + count(distinct e.project_id) + (case when sum(e.cost_cents) > 0 then 1 else 0 end)
                  from cost_events e
                 where e.company_id = ?::uuid and e.cost_cents > 0
                   and e.created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'
                """)) {
            query.setString(1, company);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Each counter, as the API shows it, equals its events of this month (the summary's figure for the company). */
    private static void assertCountersEqualTheEvents(String company, List<String> agents, List<String> projects) {
        Map<String, Long> byAgent = new HashMap<>();
        for (JsonValue v : api.get("/api/companies/" + company + "/costs/by-agent").array()) {
            byAgent.put(v.asJsonObject().getString("agentId"), v.asJsonObject().getJsonNumber("costCents").longValue());
        }
        for (String agent : agents) {
            assertEquals(byAgent.getOrDefault(agent, 0L).longValue(),
                    ok(api.get("/api/agents/" + agent)).getJsonNumber("spentMonthlyCents").longValue(), "agent " + agent);
        }
        Map<String, Long> byProject = new HashMap<>();
        for (JsonValue v : api.get("/api/companies/" + company + "/costs/by-project").array()) {
            byProject.put(v.asJsonObject().getString("projectId"), v.asJsonObject().getJsonNumber("costCents").longValue());
        }
        for (String project : projects) {
            if (project != null) {
                assertEquals(byProject.getOrDefault(project, 0L).longValue(),
                        ok(api.get("/api/projects/" + project)).getJsonNumber("spentMonthlyCents").longValue(),
                        "project " + project);
            }
        }
        long summary = ok(api.get("/api/companies/" + company + "/costs/summary")).getJsonNumber("spendCents").longValue();
        assertEquals(summary, ok(api.get("/api/companies/" + company)).getJsonNumber("spentMonthlyCents").longValue(),
                "the company");
    }
}
