package dev.paperclipee.system;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The runnable jar's start-up as an operator meets it: every problem they can cause is one
 * {@code paperclip: <message>} line on stderr and exit code 1, never a stack trace; data
 * survives a restart; one process per instance directory; loopback only by default.
 *
 * <p>The refused starts are separate short-lived processes with their own PAPERCLIP_HOME; they
 * end before Payara Micro boots, in about a second each.
 */
class LauncherIT {

    static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(60);

    static Path root;

    @BeforeAll
    static void freshDirectory() throws IOException {
        root = Jar.work().resolve("launcher");
        Jar.deleteRecursively(root);
        Files.createDirectories(root);
    }

    // ---- refused starts ----------------------------------------------------------------------

    @Test
    void aPortAlreadyTakenIsRefused() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = taken.getLocalPort();
            Path home = root.resolve("port-taken");

            Outcome outcome = run("port-taken", Map.of("PAPERCLIP_HOME", home.toString(), "PORT", String.valueOf(port)));

            outcome.assertRefused("Port " + port, "already in use", "PORT");
            assertNoPostgresLeft(home);
        }
    }

    @Test
    void aHomeThatIsARegularFileIsRefused() throws IOException {
        Path file = Files.writeString(root.resolve("home-is-a-file"), "not a directory");

        Outcome outcome = run("home-is-a-file", Map.of("PAPERCLIP_HOME", file.toString(), "PORT", freePort()));

        outcome.assertRefused(file.toString(), "PAPERCLIP_HOME");
    }

    @Test
    void aDataDirectoryThatIsARegularFileIsRefused() throws IOException {
        Path home = root.resolve("db-is-a-file");
        Path dataDir = Files.createDirectories(home.resolve("instances").resolve("default")).resolve("db");
        Files.writeString(dataDir, "not a directory");

        Outcome outcome = run("db-is-a-file", Map.of("PAPERCLIP_HOME", home.toString(), "PORT", freePort()));

        outcome.assertRefused("data directory", dataDir.toString(), "PAPERCLIP_HOME");
    }

    @ParameterizedTest(name = "DATABASE_URL={0}")
    @ValueSource(strings = {"postgres://nobody@127.0.0.1:1/x", "postgres://nobody:s3cret-pw@127.0.0.1:1/x"})
    void anUnreachableExternalDatabaseIsRefused(String url) {
        Path home = root.resolve("unreachable-db-" + UUID.randomUUID().toString().substring(0, 8));

        Outcome outcome = run("unreachable-db",
                Map.of("PAPERCLIP_HOME", home.toString(), "PORT", freePort(), "DATABASE_URL", url));

        outcome.assertRefused("Cannot reach the database", "127.0.0.1:1", "DATABASE_URL");
        assertFalse(outcome.all().contains("s3cret-pw"), "the password is never printed: " + outcome);
        assertFalse(Files.exists(home.resolve("instances/default/db")), "no embedded database when DATABASE_URL is set");
    }

    @ParameterizedTest(name = "PORT={0}")
    @ValueSource(strings = {"abc", "0", "65536", "-1", "80a", "99999999999"})
    void anInvalidPortIsRefused(String port) {
        Outcome outcome = run("bad-port", Map.of("PAPERCLIP_HOME", root.resolve("bad-port").toString(), "PORT", port));

        outcome.assertRefused("PORT must be a number from 1 to 65535", "'" + port + "'");
    }

    @Test
    void aShortAgentJwtSecretIsRefusedWithoutPrintingIt() {
        Path home = root.resolve("short-jwt-secret");

        Outcome outcome = run("short-jwt-secret", Map.of("PAPERCLIP_HOME", home.toString(), "PORT", freePort(),
                "PAPERCLIP_AGENT_JWT_SECRET", "too-short-s3cret"));

        outcome.assertRefused("PAPERCLIP_AGENT_JWT_SECRET must be at least 32 bytes long (it has 16)");
        assertFalse(outcome.all().contains("s3cret"), "the secret is never printed: " + outcome);
        assertFalse(Files.exists(home.resolve("instances/default/db")), "refused before the database starts");
    }

    @Test
    void localTrustedRefusesANonLoopbackBind() {
        Path home = root.resolve("local-trusted-on-lan");

        Outcome outcome = run("local-trusted-on-lan", Map.of("PAPERCLIP_HOME", home.toString(), "PORT", freePort(),
                "PAPERCLIP_BIND", "0.0.0.0"));

        outcome.assertRefused("PAPERCLIP_BIND '0.0.0.0' is not a loopback address", "local_trusted",
                "PAPERCLIP_DEPLOYMENT_MODE=authenticated");
        assertFalse(Files.exists(home.resolve("instances/default/db")), "refused before the database starts");
    }

    @Test
    void anUnknownDeploymentModeIsRefused() {
        Outcome outcome = run("bad-mode", Map.of("PAPERCLIP_HOME", root.resolve("bad-mode").toString(), "PORT", freePort(),
                "PAPERCLIP_DEPLOYMENT_MODE", "public"));

        outcome.assertRefused("PAPERCLIP_DEPLOYMENT_MODE must be local_trusted or authenticated, got 'public'");
    }

    @Test
    void aSecondProcessOnTheSameInstanceIsRefusedAndTheFirstKeepsServing() {
        PaperclipApp app = PaperclipApp.get();
        Map<String, String> env = new java.util.HashMap<>(app.environment());
        env.put("PORT", freePort()); // not even the port: the instance directory alone is enough

        Outcome outcome = run("second-process", env);

        outcome.assertRefused("Another Paperclip EE is already running on " + app.instanceDir());
        Api.Reply health = Api.ofSharedApp().get("/api/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("ok", health.object().getString("status"));
    }

    // ---- the shared instance -----------------------------------------------------------------

    @Test
    void aRestartKeepsTheCompanies() {
        PaperclipApp app = PaperclipApp.get();
        Api api = Api.ofSharedApp();
        Api.Reply created = api.post("/api/companies", "{\"name\":\"Persistent " + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"description\":\"survives restarts\",\"budgetMonthlyCents\":777}");
        assertEquals(201, created.status(), created::toString);
        JsonObject before = created.object();
        List<String> idsBefore = ids(api);
        long pidBefore = app.processHandle().pid();

        app.restart();

        assertNotEquals(pidBefore, app.processHandle().pid(), "a new process serves");
        Api.Reply read = api.get("/api/companies/" + before.getString("id"));
        assertEquals(200, read.status(), read::toString);
        assertEquals(before, read.object(), "the company is exactly as it was");
        assertEquals(idsBefore, ids(api), "every company is still listed");

        Api.Reply again = api.post("/api/companies", "{\"name\":\"Persistent Again\"}");
        assertEquals(201, again.status(), again::toString);
        assertNotEquals(before.getString("issuePrefix"), again.object().getString("issuePrefix"),
                "prefixes stay unique across restarts");
        if (app.embeddedDatabase()) {
            assertTrue(app.logSinceStart().contains("embedded PostgreSQL on port"), "the restart used the embedded database");
        }
    }

    @Test
    void theServerListensOnLoopbackOnlyByDefault() throws IOException {
        PaperclipApp app = PaperclipApp.get();

        String preBoot = Files.readString(app.instanceDir().resolve("run").resolve("pre-boot-commands.txt"));
        assertTrue(preBoot.contains("network-listener.http-listener.address=127.0.0.1"),
                "the pre-boot command binds the HTTP listener to loopback: " + preBoot);

        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), app.port()), 2000);
        }
        List<InetAddress> others = nonLoopbackAddresses();
        for (InetAddress address : others) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, app.port()), 2000);
                fail("The server answers on " + address.getHostAddress() + ":" + app.port()
                        + " although PAPERCLIP_BIND is not set (loopback only by default)");
            } catch (IOException expected) {
                // refused: nothing listens there
            }
        }
        System.out.println("LauncherIT: not reachable on " + (others.isEmpty() ? "(no non-loopback address on this machine;"
                + " the pre-boot command file is the evidence)" : others));
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** What a refused start printed; stdout and stderr are kept apart. */
    record Outcome(int exitCode, List<String> stdout, List<String> stderr) {

        void assertRefused(String... fragments) {
            assertEquals(1, exitCode, () -> "exit code 1: " + this);
            List<String> lines = meaningful(stderr);
            assertEquals(1, lines.size(), () -> "exactly one line on stderr: " + this);
            String line = lines.get(0);
            assertTrue(line.startsWith("paperclip: "), () -> "the line starts with 'paperclip: ': " + this);
            for (String fragment : fragments) {
                assertTrue(line.contains(fragment), () -> "the message says '" + fragment + "': " + line);
            }
            assertTrue(meaningful(stdout).isEmpty(), () -> "nothing on stdout: " + this);
            assertFalse(all().contains("\tat ") || all().contains("Exception"), () -> "no stack trace: " + this);
        }

        String all() {
            return String.join("\n", stdout) + "\n" + String.join("\n", stderr);
        }

        /** Without blank lines and the JVM's own notes about JAVA_TOOL_OPTIONS. */
        private static List<String> meaningful(List<String> lines) {
            return lines.stream().filter(l -> !l.isBlank())
                    .filter(l -> !l.startsWith("Picked up ") && !l.startsWith("NOTE: Picked up "))
                    .toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + String.join("\n", stdout) + "\n--- stderr ---\n"
                    + String.join("\n", stderr);
        }
    }

    static Outcome run(String name, Map<String, String> env) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path out = root.resolve(unique + ".out");
        Path err = root.resolve(unique + ".err");
        try {
            Process process = Jar.process(env)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(REFUSAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                Jar.stop(process, Duration.ofSeconds(10));
                fail("The jar did not exit within " + REFUSAL_TIMEOUT.toSeconds() + " s (" + name + "); stderr:\n"
                        + Jar.tail(err, 30) + "\nstdout:\n" + Jar.tail(out, 30));
            }
            return new Outcome(process.exitValue(), lines(out), lines(err));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the jar", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<String> lines(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    }

    static String freePort() {
        return String.valueOf(PaperclipApp.anotherFreePort());
    }

    static List<String> ids(Api api) {
        return api.get("/api/companies").array().stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    static void assertNoPostgresLeft(Path home) {
        assertFalse(Files.exists(home.resolve("instances/default/db/postmaster.pid")),
                "no PostgreSQL left running in " + home);
    }

    /** Addresses of this machine's interfaces that are neither loopback nor link-local. */
    static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()) {
                    found.add(address);
                }
            }
        }
        return found;
    }
}
