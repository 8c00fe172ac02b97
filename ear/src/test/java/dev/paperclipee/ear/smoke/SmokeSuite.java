package dev.paperclipee.ear.smoke;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The EAR on a real application server: set up the server with the shipped script (twice: it is
 * idempotent), deploy {@code target/paperclip-ee.ear}, walk the main paths of the API and one
 * board page, run the {@code cost-rollup} batch job to COMPLETED, then undeploy and stop the
 * server — and kill it if stopping fails, so that no process outlives the test. Each run has a
 * fresh database on the machine's PostgreSQL, dropped at the end. Deploy time and the server's
 * resident memory go to {@code target/smoke-<server>.txt} and the console.
 *
 * <p>Runs only in the {@code payara-server} and {@code wildfly} Maven profiles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SmokeSuite {

    static final String JSON = "application/json";
    static final Duration JOB_DEADLINE = Duration.ofMinutes(3);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private AppServer server;
    private Thread killer;
    private String database;
    private boolean deployed;

    private String company;
    private String companyName;
    private String agent;
    private String issue;

    abstract AppServer server(Path home, Path setupDir, Path work, Map<String, String> environment);

    /** The unpacked distribution under target/servers. */
    abstract String homeProperty();

    /** The set-up directory under target/server-setup. */
    abstract String setupProperty();

    static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, "system property " + name + " is not set: run through Maven (-Ppayara-server or -Pwildfly)");
        return value;
    }

    private static Path target() {
        return Path.of(property("paperclip.ear")).getParent();
    }

    @BeforeAll
    void deployTheEar() throws Exception {
        Path ear = Path.of(property("paperclip.ear"));
        assertTrue(Files.isRegularFile(ear), ear + " does not exist");
        String serverName = getClass().getSimpleName().replace("SmokeIT", "").toLowerCase();
        database = "paperclip_smoke_" + serverName;
        try (Connection admin = admin(); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
        Map<String, String> environment = Map.of(
                "DATABASE_URL", "jdbc:postgresql://" + System.getProperty("smoke.database.host", "127.0.0.1:5432") + "/" + database,
                "DATABASE_USER", System.getProperty("smoke.database.user", "postgres"),
                // Payara refuses an empty pool password; trust authentication ignores it
                "DATABASE_PASSWORD", System.getProperty("smoke.database.password", "smoke"));
        Path setupDir = Path.of(property(setupProperty()));
        server = server(Path.of(property(homeProperty())), setupDir, target().resolve("smoke-" + serverName), environment);
        killer = new Thread(() -> server.kill(), "kill " + server.name());
        Runtime.getRuntime().addShutdownHook(killer);

        facts.put("server", server.name() + " (" + Path.of(property(homeProperty())).getFileName() + ")");
        facts.put("ear", ear + " (" + Files.size(ear) + " bytes, sha256 " + sha256(ear) + ")");
        facts.put("start_ms", String.valueOf(timed(server::start).toMillis()));
        facts.put("setup_ms", String.valueOf(timed(server::runSetUp).toMillis()));
        facts.put("setup_again_ms", String.valueOf(timed(server::runSetUp).toMillis()));
        facts.put("apply_setup_ms", String.valueOf(timed(server::applySetUp).toMillis()));
        facts.put("deploy_ms", String.valueOf(timed(() -> server.deploy(ear)).toMillis()));
        deployed = true;
        facts.put("base_uri", server.baseUri().toString());
    }

    @AfterAll
    void undeployAndStop() throws Exception {
        try {
            if (server != null) {
                long rss = server.residentKib();
                facts.put("rss_after_smoke_mib", rss < 0 ? "unknown" : String.valueOf(rss / 1024));
                if (deployed) {
                    attempt("undeploy", () -> facts.put("undeploy_ms", String.valueOf(timed(server::undeploy).toMillis())));
                }
                attempt("stop", () -> facts.put("stop_ms", String.valueOf(timed(server::stop).toMillis())));
                server.kill();
                if (server.process().isPresent()) {
                    problems.add("the server process " + server.process().get().pid() + " is still alive");
                }
                Runtime.getRuntime().removeShutdownHook(killer);
            }
        } finally {
            if (database != null) {
                try (Connection admin = admin(); Statement s = admin.createStatement()) {
                    s.execute("drop database if exists " + database + " with (force)");
                }
            }
            report();
        }
        if (!problems.isEmpty()) {
            fail(String.join("; ", problems) + (server == null ? "" : " (server log: " + server.log() + ")"));
        }
    }

    private void attempt(String what, ThrowingRunnable step) {
        try {
            step.run();
        } catch (Exception e) {
            problems.add(what + " failed: " + e.getMessage());
        }
    }

    private void report() throws IOException {
        StringBuilder text = new StringBuilder();
        facts.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        if (!problems.isEmpty()) {
            text.append("problems: ").append(problems).append('\n');
        }
        String name = server == null ? getClass().getSimpleName() : server.name();
        Files.writeString(target().resolve("smoke-" + name + ".txt"), text, StandardCharsets.UTF_8);
        System.out.print("smoke " + name + ":\n" + text.toString().indent(2));
    }

    // ---- the smoke -------------------------------------------------------------------------

    @Test
    @Order(1)
    void health() {
        JsonObject health = object(send("GET", "api/health", null), 200);
        assertEquals("ok", health.getString("status"), health::toString);
    }

    @Test
    @Order(2)
    void createACompany() {
        companyName = "Smoke " + server.name() + " " + System.nanoTime();
        JsonObject created = object(send("POST", "api/companies", "{\"name\":\"" + companyName + "\"}"), 201);
        company = created.getString("id");
        assertEquals(companyName, created.getString("name"));
    }

    @Test
    @Order(3)
    void hireAnAgent() {
        JsonObject created = object(send("POST", "api/companies/" + company() + "/agents",
                "{\"name\":\"Smoker\",\"adapterConfig\":{\"command\":\"true\"},"
                        + "\"runtimeConfig\":{\"heartbeat\":{\"enabled\":false,\"wakeOnDemand\":false}}}"), 201);
        agent = created.getString("id");
        assertEquals(company, created.getString("companyId"));
    }

    @Test
    @Order(4)
    void createAnIssue() {
        JsonObject created = object(send("POST", "api/companies/" + company() + "/issues",
                "{\"title\":\"Smoke the EAR\",\"status\":\"todo\"}"), 201);
        issue = created.getString("id");
        assertEquals("todo", created.getString("status"));
        assertTrue(created.getString("identifier").endsWith("-1"), created::toString);
    }

    @Test
    @Order(5)
    void checkOutTheIssue() {
        assertNotNull(agent, "no agent: an earlier step failed");
        assertNotNull(issue, "no issue: an earlier step failed");
        JsonObject checkedOut = object(send("POST", "api/issues/" + issue + "/checkout",
                "{\"agentId\":\"" + agent + "\",\"expectedStatuses\":[\"todo\"]}"), 200);
        assertEquals("in_progress", checkedOut.getString("status"), checkedOut::toString);
        assertEquals(agent, checkedOut.getString("assigneeAgentId"));
    }

    @Test
    @Order(6)
    void reportACostEvent() {
        assertNotNull(agent, "no agent: an earlier step failed");
        JsonObject event = object(send("POST", "api/companies/" + company() + "/cost-events",
                "{\"agentId\":\"" + agent + "\",\"provider\":\"openai\",\"model\":\"gpt-5\",\"inputTokens\":1000,"
                        + "\"outputTokens\":200,\"costCents\":89,\"occurredAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC)
                        + "\",\"issueId\":\"" + issue + "\"}"), 201);
        assertEquals(89, event.getInt("costCents"));
    }

    @Test
    @Order(7)
    void theDashboardCountsThem() {
        JsonObject dashboard = object(send("GET", "api/companies/" + company() + "/dashboard", null), 200);
        assertEquals(89, dashboard.getJsonObject("costs").getInt("monthSpendCents"), dashboard::toString);
        assertEquals(1, dashboard.getJsonObject("tasks").getInt("inProgress"), dashboard::toString);
        assertEquals(1, dashboard.getJsonObject("agents").getInt("active")
                + dashboard.getJsonObject("agents").getInt("running"), dashboard::toString);
    }

    @Test
    @Order(8)
    void theBoardListsTheCompany() {
        HttpResponse<String> page = send("GET", "companies", null);
        assertEquals(200, page.statusCode(), () -> "GET /companies: " + page.body());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers()::toString);
        assertTrue(page.body().contains("<h1>Companies</h1>"), "the Faces page rendered: " + page.body());
        assertTrue(page.body().contains(company() == null ? "" : companyName), "the new company is listed");
        assertTrue(page.body().contains("primefaces"), "PrimeFaces resources are referenced");
    }

    @Test
    @Order(9)
    void theCostRollupJobCompletes() {
        // the running month's rollup reaches to a second before the job starts (events booked later are
        // added by the reads): start it after that second so that the event booked above is in the rows
        pauseFor(Duration.ofMillis(1500));
        JsonObject started = object(send("POST", "api/companies/" + company() + "/costs/rollups", "{}"), 202);
        long job = started.getJsonNumber("jobId").longValue();
        Instant deadline = Instant.now().plus(JOB_DEADLINE);
        JsonObject status;
        do {
            status = object(send("GET", "api/companies/" + company + "/costs/rollups/" + job, null), 200);
            String state = status.getString("status");
            if (Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(state)) {
                assertEquals("COMPLETED", state, status + " (server log: " + server.log() + ")");
                break;
            }
            pause();
        } while (Instant.now().isBefore(deadline));
        assertEquals("COMPLETED", status.getString("status"), "job has not ended: " + status);
        JsonArray rows = array(send("GET", "api/companies/" + company + "/costs/rollups?month="
                + YearMonth.now(ZoneOffset.UTC), null));
        long cents = rows.stream().mapToLong(r -> r.asJsonObject().getJsonNumber("costCents").longValue()).sum();
        assertEquals(89, cents, rows::toString);
        assertEquals(89, object(send("GET", "api/companies/" + company + "/costs/summary", null), 200)
                .getJsonNumber("spendCents").longValue(), "the summary reads the rollup");
    }

    private static void pauseFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private String company() {
        assertNotNull(company, "no company: an earlier step failed");
        return company;
    }

    private HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", JSON);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed (server log: " + server.log() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonObject object(HttpResponse<String> reply, int status) {
        assertEquals(status, reply.statusCode(), () -> reply.request().method() + " " + reply.request().uri() + " → "
                + reply.statusCode() + " " + reply.body() + " (server log: " + server.log() + ")");
        JsonValue value = Json.createReader(new StringReader(reply.body())).readValue();
        return value.asJsonObject();
    }

    private JsonArray array(HttpResponse<String> reply) {
        assertEquals(200, reply.statusCode(), () -> reply.request().uri() + " → " + reply.statusCode() + " " + reply.body());
        return Json.createReader(new StringReader(reply.body())).readArray();
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(System.getProperty("smoke.database.admin",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
    }

    private static Duration timed(ThrowingRunnable step) throws Exception {
        Instant start = Instant.now();
        step.run();
        return Duration.between(start, Instant.now());
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
