package dev.paperclipee.system;

import dev.paperclipee.db.DatabaseUrl;
import dev.paperclipee.db.testing.TestDatabase;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real runnable jar, started once per test JVM as a child process and shared by every system
 * test class: {@code java -jar paperclip-ee-microbundle.jar} with a fresh {@code PAPERCLIP_HOME},
 * a free port and either its own embedded PostgreSQL (the default an operator gets) or, when
 * {@code PAPERCLIP_TEST_DATABASE_URL} is set, a fresh database on that server.
 *
 * <p>Started lazily by {@link #get()}; stopped by {@link SystemTestSession} when the JUnit
 * session closes (and by a shutdown hook if the JVM ends another way).
 */
public final class PaperclipApp {

    /**
     * The key of run-scoped agent tokens in the shared process, so that tests can mint tokens the
     * way the heartbeat does (RunTokensApiIT). The generated, database-kept key an operator gets
     * without it is covered by ejb-core's AgentsIT.
     */
    static final String AGENT_JWT_SECRET = "system-tests-only: 0123456789abcdef0123456789abcdef";
    /** 300 s (a crowded 2-core machine takes over two minutes), or {@code -Dpaperclip.test.startTimeoutSec=N}. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("paperclip.test.startTimeoutSec", 300));
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Pattern EMBEDDED_PORT = Pattern.compile("paperclip: embedded PostgreSQL on port (\\d+)");

    private static PaperclipApp instance;
    private static RuntimeException startFailure;
    private static boolean hookInstalled;

    private final Path home;
    private final Path log;
    private final int port;
    /** The database given in DATABASE_URL, or null when the jar runs its embedded PostgreSQL. */
    private final DatabaseUrl externalDatabase;
    /** What a {@link #separate} instance runs with besides the usual (e.g. authenticated mode). */
    private final Map<String, String> extraEnvironment;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private Process process;
    private long logOffset;

    private PaperclipApp(Path work, int port, DatabaseUrl externalDatabase, Map<String, String> extraEnvironment) {
        this.home = work.resolve("home");
        this.log = work.resolve("app.log");
        this.port = port;
        this.externalDatabase = externalDatabase;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    /** The running application, started on first use. */
    public static synchronized PaperclipApp get() {
        if (startFailure != null) {
            throw new IllegalStateException("The application failed to start earlier in this run: "
                    + startFailure.getMessage(), startFailure);
        }
        if (instance == null) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(PaperclipApp::stopIfStarted, "paperclip-system-test-stop"));
                hookInstalled = true;
            }
            Path work = Jar.work();
            DatabaseUrl external = TestDatabase.externalUrl() == null ? null : TestDatabase.get().url();
            // the shared process serves every test class, BadInputIT's thousands of key-route calls among them:
            // its rate limits are out of the way (AuthenticatedModeIT tests them on an instance of its own)
            PaperclipApp app = new PaperclipApp(work, freePort(), external, Map.of(
                    "PAPERCLIP_KEY_RATE_PER_MINUTE", "1000000", "PAPERCLIP_LOGIN_RATE_PER_MINUTE", "1000000"));
            app.prepareFreshHome();
            instance = app; // before start: a half-started process is still stopped at the end
            try {
                app.start(true);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return instance;
    }

    /**
     * Another process of the jar, not shared: its own {@code PAPERCLIP_HOME} under the system tests'
     * work directory, its own port, and its own database (embedded, or a fresh database on the
     * test server). For tests that stop, kill or restart it; they {@link #close} it at the end.
     */
    static PaperclipApp separate(String name) {
        return separate(name, Map.of());
    }

    /**
     * A {@link #separate} instance whose environment also has {@code extraEnvironment}, e.g.
     * {@code PAPERCLIP_DEPLOYMENT_MODE=authenticated} for the auth tests (start one per class, in
     * {@code @BeforeAll}, and {@link #close} it in {@code @AfterAll}).
     */
    static PaperclipApp separate(String name, Map<String, String> extraEnvironment) {
        DatabaseUrl external = TestDatabase.externalUrl() == null ? null : TestDatabase.get().createDatabase(name.replace('-', '_'));
        PaperclipApp app = new PaperclipApp(Jar.work().resolve(name), freePort(), external, extraEnvironment);
        app.prepareFreshHome();
        try {
            app.start(true);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    /**
     * {@code kill -9} of the JVM, as in a crash: no shutdown hook runs, so the embedded PostgreSQL
     * and the processes the server started are left behind (the next start deals with them).
     */
    void kill() {
        Process killed = process;
        killed.destroyForcibly();
        try {
            if (!killed.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The JVM (pid " + killed.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** Starts a {@link #separate} instance again on its home, database and port (after {@link #kill}). */
    void startAgain() {
        start(false);
    }

    /** Stops a {@link #separate} instance and drops its database; safe after a failed start or a kill. */
    void close() {
        stop();
        if (externalDatabase == null) {
            Jar.stopPostmaster(instanceDir().resolve("db")); // left by a kill without a restart
        } else {
            TestDatabase.get().dropDatabase(externalDatabase);
        }
    }

    /** Stops the application if this JVM started it; safe to call more than once. */
    public static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.stop();
            instance = null;
        }
    }

    /** Stops the process and starts it again on the same instance directory, database and port. */
    public void restart() {
        synchronized (PaperclipApp.class) {
            stop();
            try {
                start(false);
            } catch (RuntimeException e) {
                startFailure = e; // later tests fail at once instead of talking to a dead process
                throw e;
            }
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    public Path home() {
        return home;
    }

    /** {@code $PAPERCLIP_HOME/instances/default}. */
    public Path instanceDir() {
        return home.resolve("instances").resolve("default");
    }

    public Path log() {
        return log;
    }

    public boolean embeddedDatabase() {
        return externalDatabase == null;
    }

    /** The process of the current start (for tests that look at it, never to stop it). */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /**
     * A JDBC connection to the application's own database: the embedded PostgreSQL on the port its
     * log line names (user postgres, database paperclip, no password), or the test database.
     */
    public Connection openDatabase() throws SQLException {
        if (externalDatabase != null) {
            // this instance's own database (a separate instance has one of its own on the test server)
            return DriverManager.getConnection(externalDatabase.jdbcUrl(), externalDatabase.user(), externalDatabase.password());
        }
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + embeddedDatabasePort() + "/paperclip", props);
    }

    /** The port the launcher reported for this start's embedded PostgreSQL. */
    int embeddedDatabasePort() {
        Matcher m = EMBEDDED_PORT.matcher(logSinceStart());
        int found = -1;
        while (m.find()) {
            found = Integer.parseInt(m.group(1));
        }
        if (found < 0) {
            throw new IllegalStateException("The log of this start has no 'paperclip: embedded PostgreSQL on port N' line:\n"
                    + Jar.tail(log, 40));
        }
        return found;
    }

    /** What the process wrote since its current start. */
    public String logSinceStart() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logOffset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment the shared process runs with: the same instance, port and database. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PAPERCLIP_HOME", home.toString());
        env.put("PORT", String.valueOf(port));
        env.put("PAPERCLIP_AGENT_JWT_SECRET", AGENT_JWT_SECRET);
        // the tests make their own companies; the first-run demo company is DemoCompanyIT's alone
        env.put("PAPERCLIP_SEED_DEMO", "false");
        if (externalDatabase != null) {
            env.put("DATABASE_URL", externalDatabase.jdbcUrl());
            if (externalDatabase.user() != null) {
                env.put("DATABASE_USER", externalDatabase.user());
            }
            if (externalDatabase.password() != null) {
                env.put("DATABASE_PASSWORD", externalDatabase.password());
            }
        }
        env.putAll(extraEnvironment);
        return env;
    }

    private void prepareFreshHome() {
        Jar.stopPostmaster(instanceDir().resolve("db")); // left by an earlier run that was killed
        Jar.deleteRecursively(home);
        try {
            Files.createDirectories(home);
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void start(boolean first) {
        try {
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            if (!first) {
                Files.writeString(log, "\n==== system test: restart at " + Instant.now() + " ====\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                logOffset = Files.size(log);
            }
            process = Jar.process(environment())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + Jar.path(), e);
        }
        awaitHealthy();
    }

    /** Polls {@code GET /api/health} until it says ok; fails at once if the process dies. */
    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        URI health = baseUri().resolve("api/health");
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with code " + process.exitValue()
                        + " before it was ready (" + last + "). Its log " + log + " ends with:\n" + Jar.tail(log, 60));
            }
            try {
                HttpRequest probe = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
                HttpResponse<String> reply = http.send(probe, HttpResponse.BodyHandlers.ofString());
                last = "last answer: " + reply.statusCode() + " " + reply.body();
                if (reply.statusCode() == 200 && isOk(reply.body())) {
                    return;
                }
            } catch (IOException e) {
                last = "last attempt: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the application", e);
            }
            awaitExit(Duration.ofMillis(250)); // the next poll, or at once when the process dies
        }
        stop();
        throw new IllegalStateException("The application was not healthy within " + START_TIMEOUT.toSeconds() + " s ("
                + last + "). Its log " + log + " ends with:\n" + Jar.tail(log, 60));
    }

    private void awaitExit(Duration atMost) {
        try {
            process.onExit().get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running: poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isOk(String body) {
        try {
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            return "ok".equals(json.getString("status", null));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private synchronized void stop() {
        if (process == null) {
            return;
        }
        long pid = process.pid();
        Jar.stop(process, STOP_GRACE);
        if (externalDatabase == null) {
            Jar.stopPostmaster(instanceDir().resolve("db"));
        }
        String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
        System.out.println("system tests: stopped the application (pid " + pid + ", " + exit + ") in thread "
                + Thread.currentThread().getName());
        process = null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int anotherFreePort() {
        return freePort();
    }
}
