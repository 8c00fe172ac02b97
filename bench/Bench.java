import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issue-API benchmark (issue 3, "Speed"): seeds one company with 100,000 issues (and as many
 * activity rows) straight into the application's database, then measures latency percentiles and
 * throughput over HTTP with 1 and 8 concurrent clients, and a race of 100 concurrent checkouts on
 * one issue. Run by {@code bench/run.sh}, which starts the application and passes the URLs.
 *
 * <p>The heartbeat benchmark (issue 4, "Speed"): invoke acknowledgement latency with 1 and 8
 * clients, one scheduler tick with 1,000 due agents running a trivial process (all claimed and
 * started, none twice; the server logs how long its tick and claim took), and the server's resident
 * memory and threads while 100 runs are live.
 *
 * <p>The cost benchmark (issue 5, "Speed"): cost-event ingestion with budget enforcement (each
 * event advances its agent's, project's and company's month spend and checks their thresholds in
 * its own transaction) at 1 and 8 clients, each client an agent reporting with its own key; then
 * {@code costs/summary}, {@code by-agent}, {@code by-project} and {@code by-model} latency over one
 * company with 1,000,000 events of the current month seeded in SQL (read-time aggregation, no
 * rollup table); then the {@code cost-rollup} batch job's time over that company, run twice.
 *
 * <p>Usage: {@code java -cp postgresql.jar bench/Bench.java <api base URL> <jdbc URL> [issues]}, or
 * {@code … <api base URL> <jdbc URL> heartbeat <server pid> <server log>}, or
 * {@code … <api base URL> <jdbc URL> costs [events]}
 */
public class Bench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    static String api;
    static String company;
    static List<String> todoIssues = new ArrayList<>();
    static List<String> agents = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        api = args[0].endsWith("/") ? args[0].substring(0, args[0].length() - 1) : args[0];
        String jdbc = args[1];
        jdbcUrl = jdbc;
        if (args.length > 2 && args[2].equals("heartbeat")) {
            heartbeat(Long.parseLong(args[3]), java.nio.file.Path.of(args[4]));
            return;
        }
        if (args.length > 2 && args[2].equals("costs")) {
            costs(args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000);
            return;
        }
        int issues = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;

        company = extract(send("POST", "/companies", "{\"name\":\"Bench " + System.nanoTime() + "\"}", 201));
        for (int i = 0; i < 8; i++) {
            agents.add(null);
        }
        long seedStart = System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbc)) {
            seed(db, issues);
        }
        System.out.printf(Locale.ROOT, "seeded %,d issues and %,d activity rows in %.1f s%n", issues, issues,
                (System.nanoTime() - seedStart) / 1e9);

        String base = "/companies/" + company;
        long warm = System.nanoTime();
        quiet = true;
        for (int round = 0; round < 2; round++) {
            scenarios(base, 8, 1600);
        }
        quiet = false;
        System.out.printf(Locale.ROOT, "warm-up (JIT, pools, caches): every scenario twice with 8 clients, %.0f s%n",
                (System.nanoTime() - warm) / 1e9);
        System.out.printf("%-44s %8s %8s %8s %8s %9s%n", "scenario", "clients", "p50 ms", "p95 ms", "p99 ms", "req/s");
        scenarios(base, 1, 500);
        scenarios(base, 8, 2000);
        race(100);
    }

    static boolean quiet;

    /** Every scenario once, {@code n} calls each ({@code n / 4} for the 500-issue page, pairs for checkout + release). */
    static void scenarios(String base, int clients, int n) throws Exception {
        run("issue list, status=todo, limit 50", clients, n, i -> get(base + "/issues?status=todo&limit=50"));
        run("issue list, status=todo (500)", clients, n / 4, i -> get(base + "/issues?status=todo"));
        run("get issue", clients, n, i -> get("/issues/" + pick(todoIssues)));
        run("create issue", clients, n, i -> hit("POST", base + "/issues", "{\"title\":\"Bench " + i + "\"}", 201));
        run("add comment", clients, n, i -> hit("POST", "/issues/" + pick(todoIssues) + "/comments",
                "{\"body\":\"Progress note " + i + "\"}", 201));
        run("checkout + release (2 requests)", clients, n / 2,
                i -> checkoutAndRelease(i % 8, todoIssues.get(i % todoIssues.size())));
        run("activity list (100)", clients, n, i -> get(base + "/activity"));
    }

    /** Issues in every status (a seventh each), one agent per client, and audit rows, as the API would write them. */
    static void seed(Connection db, int issues) throws Exception {
        db.setAutoCommit(false);
        try (Statement s = db.createStatement()) {
            for (int i = 0; i < agents.size(); i++) {
                try (ResultSet rs = s.executeQuery("insert into agents (company_id, name) values ('" + company
                        + "', 'Bench agent " + i + "') returning id")) {
                    rs.next();
                    agents.set(i, rs.getString(1));
                }
            }
            String goal;
            try (ResultSet rs = s.executeQuery("select id from goals where company_id = '" + company + "'")) {
                rs.next();
                goal = rs.getString(1);
            }
            String prefix;
            try (ResultSet rs = s.executeQuery("select issue_prefix from companies where id = '" + company + "'")) {
                rs.next();
                prefix = rs.getString(1);
            }
            // one issue a minute over the last ~70 days, as a busy company would have written them
            s.execute("insert into issues (company_id, goal_id, title, description, status, priority, issue_number,"
                    + " identifier, created_by_user_id, assignee_agent_id, started_at, completed_at, cancelled_at,"
                    + " created_at, updated_at)"
                    + " select '" + company + "', '" + goal + "', 'Seeded issue ' || n, 'Description of seeded issue ' || n,"
                    + " (array['backlog','todo','in_progress','in_review','done','blocked','cancelled'])[n % 7 + 1],"
                    + " (array['critical','high','medium','low'])[n % 4 + 1], n, '" + prefix + "-' || n,"
                    + " '00000000-0000-0000-0000-000000000001',"
                    + " case when n % 7 in (2, 3) then '" + agents.get(0) + "'::uuid end,"
                    + " case when n % 7 in (2, 3, 4) then now() end, case when n % 7 = 4 then now() end,"
                    + " case when n % 7 = 6 then now() end,"
                    + " now() - (" + issues + " - n) * interval '1 minute', now() - (" + issues + " - n) * interval '1 minute'"
                    + " from generate_series(1, " + issues + ") n");
            s.execute("update companies set issue_counter = " + issues + " where id = '" + company + "'");
            s.execute("insert into activity_log (company_id, actor_type, actor_id, action, entity_type, entity_id, details,"
                    + " created_at)"
                    + " select company_id, 'user', '00000000-0000-0000-0000-000000000001', 'issue.created', 'issue', id::text,"
                    + " jsonb_build_object('identifier', identifier), created_at from issues where company_id = '" + company + "'");
            try (ResultSet rs = s.executeQuery("select id from issues where company_id = '" + company
                    + "' and status = 'todo' and assignee_agent_id is null order by random() limit 2000")) {
                while (rs.next()) {
                    todoIssues.add(rs.getString(1));
                }
            }
        }
        db.commit();
        try (Statement s = db.createStatement()) {
            db.setAutoCommit(true);
            s.execute("analyze issues");
            s.execute("analyze activity_log");
        }
    }


    /** {@code n} calls spread over {@code clients} threads; prints the percentiles of the per-call latency. */
    static void run(String name, int clients, int n, Call call) throws Exception {
        long[] nanos = new long[n];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long t = System.nanoTime();
                    call.run(i);
                    nanos[i] = System.nanoTime() - t;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(nanos);
        if (quiet) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-44s %8d %8.1f %8.1f %8.1f %9.0f%n", name, clients, pct(nanos, 50), pct(nanos, 95),
                pct(nanos, 99), n / seconds);
    }

    /** 100 agents claim one issue at the same moment: exactly one may win. */
    static void race(int contenders) throws Exception {
        String issue = extract(send("POST", "/companies/" + company + "/issues", "{\"title\":\"Contested\",\"status\":\"todo\"}", 201));
        List<String> racers = raceAgents(contenders);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch ready = new CountDownLatch(contenders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String agent : racers) {
            answers.add(pool.submit(() -> {
                HttpRequest request = json("POST", "/issues/" + issue + "/checkout",
                        "{\"agentId\":\"" + agent + "\",\"expectedStatuses\":[\"todo\"]}");
                // each contender opens its connection first: the race measures the server, not TCP set-up
                get("/issues/" + issue);
                ready.countDown();
                go.await();
                return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        int won = 0;
        int conflicts = 0;
        for (Future<Integer> a : answers) {
            int status = a.get();
            won += status == 200 ? 1 : 0;
            conflicts += status == 409 ? 1 : 0;
        }
        double ms = (System.nanoTime() - start) / 1e6;
        pool.shutdown();
        System.out.printf(Locale.ROOT, "checkout race: %d contenders, %d winner(s), %d conflicts, all answered in %.0f ms%n",
                contenders, won, conflicts, ms);
        if (won != 1 || conflicts != contenders - 1) {
            throw new IllegalStateException("the race must have exactly one winner");
        }
    }

    static void heartbeat(long serverPid, java.nio.file.Path serverLog) throws Exception {
        company = extract(send("POST", "/companies", "{\"name\":\"Heartbeat Bench " + System.nanoTime() + "\"}", 201));
        List<String> invokees = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            invokees.add(extract(send("POST", "/companies/" + company + "/agents", "{\"name\":\"Invokee " + i
                    + "\",\"adapterConfig\":{\"command\":\"true\"}}", 201)));
        }
        quiet = true;
        run("invoke", 8, 400, i -> hit("POST", "/agents/" + invokees.get(i % invokees.size()) + "/heartbeat/invoke", "{}", 202));
        awaitNoActiveRuns();
        quiet = false;
        System.out.printf("%-44s %8s %8s %8s %8s %9s%n", "scenario", "clients", "p50 ms", "p95 ms", "p99 ms", "req/s");
        for (int clients : new int[] {1, 8}) {
            int n = clients == 1 ? 500 : 2000;
            run("invoke (202, run queued)", clients, n,
                    i -> hit("POST", "/agents/" + invokees.get(i % invokees.size()) + "/heartbeat/invoke", "{}", 202));
            awaitNoActiveRuns();
        }

        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement s = db.createStatement()) {
            long start = System.nanoTime();
            s.executeUpdate("insert into agents (company_id, name, adapter_config, runtime_config, last_heartbeat_at)"
                    + " select '" + company + "'::uuid, 'Due ' || n, '{\"command\":\"true\"}',"
                    + " '{\"heartbeat\":{\"enabled\":true,\"intervalSec\":3600,\"maxConcurrentRuns\":20,\"wakeOnDemand\":true}}',"
                    + " now() - interval '2 hours' from generate_series(1, 1000) n");
            String due = "select count(*) from heartbeat_runs r join agents a on a.id = r.agent_id"
                    + " where a.name like 'Due %' and a.company_id = '" + company + "'::uuid";
            double claimed = awaitCount(s, due + " and r.started_at is not null", 1000, start);
            double finished = awaitCount(s, due + " and r.status = 'succeeded'", 1000, start);
            long twice = count(s, "select count(*) from (select r.agent_id from heartbeat_runs r join agents a on a.id = r.agent_id"
                    + " where a.name like 'Due %' and a.company_id = '" + company + "'::uuid group by r.agent_id having count(*) > 1) x");
            System.out.printf(Locale.ROOT, "tick with 1,000 due agents (`true`): all started %.1f s and all succeeded %.1f s"
                    + " after they became due (the tick comes every 10 s); agents started twice: %d%n", claimed, finished, twice);
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(serverLog)) {
                lines.filter(line -> line.contains("Heartbeat tick:") || line.contains("Heartbeat claimed"))
                        .map(line -> line.replaceAll(".*(Heartbeat [^\\]]*? in \\d+ ms).*", "  server: $1"))
                        .filter(line -> line.startsWith("  server:")).forEach(System.out::println);
            }

            String before100 = memory(serverPid);
            s.executeUpdate("insert into agents (company_id, name, adapter_config) select '" + company + "'::uuid,"
                    + " 'Sleeper ' || n, '{\"command\":\"sleep\",\"args\":[\"120\"],\"graceSec\":1}' from generate_series(1, 100) n");
            List<String> sleepers = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select id from agents where name like 'Sleeper %' and company_id = '" + company + "'::uuid")) {
                while (rs.next()) {
                    sleepers.add(rs.getString(1));
                }
            }
            long t = System.nanoTime();
            for (String sleeper : sleepers) {
                hit("POST", "/agents/" + sleeper + "/heartbeat/invoke", "{}", 202);
            }
            double live = awaitCount(s, "select count(*) from heartbeat_runs r join agents a on a.id = r.agent_id where a.name like"
                    + " 'Sleeper %' and r.status = 'running' and r.process_pid is not null", 100, t);
            Thread.sleep(2_000);
            String during = memory(serverPid);
            System.out.printf(Locale.ROOT, "100 concurrent runs (`sleep`): all running after %.1f s; server before: %s; with 100 live runs: %s%n",
                    live, before100, during);
            for (String sleeper : sleepers) {
                hit("POST", "/agents/" + sleeper + "/pause", "{}", 200);
            }
            double stopped = awaitCount(s, "select count(*) from heartbeat_runs r join agents a on a.id = r.agent_id where a.name like"
                    + " 'Sleeper %' and r.status = 'cancelled'", 100, System.nanoTime());
            System.out.printf(Locale.ROOT, "pausing the 100 agents cancelled their runs in %.1f s%n", stopped);
        }
    }

    static void costs(int events) throws Exception {
        // ingestion: 8 agents with budgets far above what the bench spends, so every event runs the
        // whole enforcement (three counters, three threshold checks) without pausing anyone
        company = extract(send("POST", "/companies", "{\"name\":\"Cost Bench " + System.nanoTime()
                + "\",\"budgetMonthlyCents\":2000000000}", 201));
        String project = extract(send("POST", "/companies/" + company + "/projects", "{\"name\":\"Costed\"}", 201));
        project(project, 2_000_000_000);
        List<String> spenders = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String agent = extract(send("POST", "/companies/" + company + "/agents", "{\"name\":\"Spender " + i
                    + "\",\"budgetMonthlyCents\":1000000000,\"adapterConfig\":{\"command\":\"true\"},"
                    + "\"runtimeConfig\":{\"heartbeat\":{\"enabled\":false,\"wakeOnDemand\":false}}}", 201));
            spenders.add(agent);
            keys.add(send("POST", "/agents/" + agent + "/keys", "{\"name\":\"bench\"}", 201)
                    .replaceAll(".*\"token\":\"([^\"]+)\".*", "$1"));
        }
        IntFunction<String> event = i -> "{\"agentId\":\"" + spenders.get(i % 8) + "\",\"provider\":\"openai\","
                + "\"model\":\"gpt-5\",\"inputTokens\":1200,\"cachedInputTokens\":300,\"outputTokens\":400,\"costCents\":3,"
                + "\"occurredAt\":\"2026-02-17T20:25:00Z\"" + (i % 2 == 0 ? ",\"projectId\":\"" + project + "\"" : "") + "}";
        String path = "/companies/" + company + "/cost-events";
        quiet = true;
        run("warm-up", 8, 2000, i -> hitAs(keys.get(i % 8), "POST", path, event.apply(i), 201));
        quiet = false;
        System.out.printf("%-44s %8s %8s %8s %8s %9s%n", "scenario", "clients", "p50 ms", "p95 ms", "p99 ms", "req/s");
        run("cost event (enforced)", 1, 1000, i -> hitAs(keys.get(0), "POST", path, event.apply(i * 8), 201));
        // client c reports as agent c: each agent's row is contended only by its own client, the
        // company's (and the project's) by all eight, as in a busy company
        run("cost event (enforced)", 8, 8000, i -> hitAs(keys.get(i % 8), "POST", path, event.apply(i), 201));
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement s = db.createStatement()) {
            long spent = count(s, "select spent_monthly_cents from companies where id = '" + company + "'");
            long booked = count(s, "select sum(cost_cents) from cost_events where company_id = '" + company + "'");
            System.out.printf(Locale.ROOT, "company spend counter %,d cents = sum of its events %,d cents: %s%n", spent, booked,
                    spent == booked ? "exact" : "MISMATCH");
            if (spent != booked) {
                throw new IllegalStateException("the spend counter lost or doubled events");
            }
        }

        // reads over one company with `events` events of this month
        company = extract(send("POST", "/companies", "{\"name\":\"Cost Reads Bench " + System.nanoTime()
                + "\",\"budgetMonthlyCents\":100000000}", 201));
        long seedStart = System.nanoTime();
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement s = db.createStatement()) {
            s.execute("insert into agents (company_id, name) select '" + company + "', 'Reader agent ' || n from generate_series(1, 50) n");
            s.execute("insert into projects (company_id, name) select '" + company + "', 'Reader project ' || n"
                    + " from generate_series(1, 20) n");
            // spread over this month so far, as the ledger books them: one event every few seconds
            s.execute("""
                    with a as (select array_agg(id order by id) ids from agents where company_id = '%1$s'),
                         p as (select array_agg(id order by id) ids from projects where company_id = '%1$s'),
                         m as (select date_trunc('month', now() at time zone 'UTC') at time zone 'UTC' as start)
                    insert into cost_events (company_id, agent_id, project_id, provider, model, input_tokens,
                                             cached_input_tokens, output_tokens, cost_cents, occurred_at, created_at)
                    select '%1$s', a.ids[1 + n %% 50], case when n %% 3 = 0 then null else p.ids[1 + n %% 20] end,
                           (array['openai', 'anthropic', 'google'])[1 + n %% 3],
                           (array['gpt-5', 'gpt-5-mini', 'claude', 'claude-haiku', 'gemini', 'gemini-flash'])[1 + n %% 6],
                           1000 + n %% 5000, n %% 700, 100 + n %% 900, 1 + n %% 40, t, t
                      from a, p, m, generate_series(1, %2$d) n,
                           lateral (select m.start + (now() - m.start) * (n::float8 / %2$d) as t) ts
                    """.formatted(company, events));
            s.execute("analyze cost_events");
            s.execute("vacuum cost_events");
        }
        System.out.printf(Locale.ROOT, "seeded %,d cost events of this month in one company in %.1f s%n", events,
                (System.nanoTime() - seedStart) / 1e9);
        String base = "/companies/" + company + "/costs/";
        costReads(base, events / 1000 + "k events, no rollup");
        // the cost-rollup job over the same company: the first run also corrects the 71 counters the
        // SQL seed left at 0; the second finds the rows in place (the upserts rewrite them) and nothing to correct
        for (String run : List.of("first run", "second run")) {
            long started = System.nanoTime();
            String job = send("POST", base + "rollups", "", 202).replaceAll(".*\"jobId\":(\\d+).*", "$1");
            String status;
            do {
                Thread.sleep(50);
                status = send("GET", base + "rollups/" + job, null, 200);
            } while (!status.matches(".*\"status\":\"(COMPLETED|FAILED|STOPPED|ABANDONED)\".*"));
            if (!status.contains("\"status\":\"COMPLETED\"")) {
                throw new IllegalStateException("the rollup job did not complete: " + status);
            }
            System.out.printf(Locale.ROOT, "cost-rollup job, %s (%,d events, one company): %.2f s wall; %s%n", run, events,
                    (System.nanoTime() - started) / 1e9, status.replaceAll(".*\"exitStatus\":\"([^\"]*)\".*", "$1"));
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement s = db.createStatement()) {
            long rolled = count(s, "select sum(cost_cents) from cost_rollups where company_id = '" + company + "'");
            long booked = count(s, "select sum(cost_cents) from cost_events where company_id = '" + company + "'");
            long counter = count(s, "select spent_monthly_cents from companies where id = '" + company + "'");
            System.out.printf(Locale.ROOT, "rollups %,d cents, events %,d cents, company counter %,d cents: %s%n", rolled, booked,
                    counter, rolled == booked && counter == booked ? "exact" : "MISMATCH");
            if (rolled != booked || counter != booked) {
                throw new IllegalStateException("the rollup or the reconciled counter disagrees with the events");
            }
        }
        // the reads again, now from the rollup rows plus the events booked since the job
        costReads(base, events / 1000 + "k events, rolled up");
    }

    /** Summary, by-agent, by-project and by-model latency at 1 and 8 clients. */
    static void costReads(String base, String label) throws Exception {
        quiet = true;
        for (String read : List.of("summary", "by-agent", "by-project", "by-model")) {
            run(read, 8, 40, i -> get(base + read));
        }
        quiet = false;
        System.out.printf("%-44s %8s %8s %8s %8s %9s%n", "scenario", "clients", "p50 ms", "p95 ms", "p99 ms", "req/s");
        for (int clients : new int[] {1, 8}) {
            for (String read : List.of("summary", "by-agent", "by-project", "by-model")) {
                run("costs/" + read + " (" + label + ")", clients, clients == 1 ? 100 : 200, i -> get(base + read));
            }
        }
    }

    /** A project's budget, set through the API as the board would. */
    static void project(String project, int budget) throws Exception {
        hit("PATCH", "/projects/" + project + "/budgets", "{\"budgetMonthlyCents\":" + budget + "}", 200);
    }

    static void hitAs(String key, String method, String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
    }

    static void awaitNoActiveRuns() throws Exception {
        try (Connection db = DriverManager.getConnection(jdbcUrl); Statement s = db.createStatement()) {
            awaitCount(s, "select 1000000 - count(*) from heartbeat_runs where status in ('queued', 'running')", 1_000_000,
                    System.nanoTime());
        }
    }

    /** Seconds from {@code startNanos} until the query counts {@code target}; fails after 5 minutes. */
    static double awaitCount(Statement s, String query, long target, long startNanos) throws Exception {
        while (count(s, query) < target) {
            if (System.nanoTime() - startNanos > 300e9) {
                throw new IllegalStateException("not reached in 5 minutes: " + query);
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static long count(Statement s, String query) throws Exception {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Resident memory and threads of a process, from /proc. */
    static String memory(long pid) throws Exception {
        String rss = "?";
        String threads = "?";
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = String.format(Locale.ROOT, "%.0f MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
            } else if (line.startsWith("Threads:")) {
                threads = line.replaceAll("\\D", "");
            }
        }
        return "RSS " + rss + ", " + threads + " threads";
    }

    static String jdbcUrl;

    static List<String> raceAgents(int n) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbcUrl);
             PreparedStatement q = db.prepareStatement("insert into agents (company_id, name) select ?::uuid, 'Racer ' || n"
                     + " from generate_series(1, ?) n returning id")) {
            q.setString(1, company);
            q.setInt(2, n);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    static void checkoutAndRelease(int client, String issue) throws Exception {
        hit("POST", "/issues/" + issue + "/checkout", "{\"agentId\":\"" + agents.get(client)
                + "\",\"expectedStatuses\":[\"todo\"]}", 200);
        hit("POST", "/issues/" + issue + "/release", "{}", 200);
    }

    /** A measured call: the body is not read into a String (the client shares the machine's two cores). */
    static void get(String path) throws Exception {
        hit("GET", path, null, 200);
    }

    static void hit(String method, String path, String body, int expected) throws Exception {
        int status = HTTP.send(json(method, path, body), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != expected) {
            throw new IllegalStateException(method + " " + path + " → " + status + ": " + send(method, path, body, 0));
        }
    }

    static String send(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(json(method, path, body), HttpResponse.BodyHandlers.ofString());
        if (expected != 0 && response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    static HttpRequest json(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(60));
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static String extract(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    static String pick(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }

    static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    @FunctionalInterface
    interface Call {
        void run(int i) throws Exception;
    }
}
