package dev.paperclipee.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's embedded PostgreSQL: durable, persistent, and not blocked by a crash. */
class EmbeddedDatabaseTest {

    @TempDir
    Path home;

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        Path data = home.resolve("db");
        Path log = home.resolve("logs/postgres.log");

        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, log)) {
            assertTrue(db.url().jdbcUrl().endsWith("/" + EmbeddedDatabase.DATABASE), db.url().jdbcUrl());
            assertEquals(EmbeddedDatabase.USER, db.url().user());
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("create table notes (body text not null)");
                s.execute("insert into notes values ('kept across restarts')");
            }
        }
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "a clean close stops the postmaster");
        assertTrue(Files.size(log) > 0, "the server logs to the instance's log file");

        try (EmbeddedDatabase again = EmbeddedDatabase.start(data, log);
             Connection c = connect(again)) {
            assertEquals(List.of("kept across restarts"), query(c, "select body from notes"));
        }
    }

    @Test
    void durabilitySettingsAreBackOn() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(home.resolve("db"), home.resolve("postgres.log"));
             Connection c = connect(db)) {
            assertEquals(List.of("on"), query(c, "show fsync"));
            assertEquals(List.of("on"), query(c, "show synchronous_commit"));
            assertEquals(List.of("on"), query(c, "show full_page_writes"));
            assertEquals(List.of("UTF8"), query(c, "show server_encoding"));
        }
    }

    @Test
    void aRegularFileIsNoDataDirectory() throws IOException {
        Path file = Files.writeString(home.resolve("db"), "not a directory");

        LaunchException e = assertThrows(LaunchException.class,
                () -> EmbeddedDatabase.start(file, home.resolve("postgres.log")));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Set PAPERCLIP_HOME to a writable directory"), e.getMessage());
        assertEquals("not a directory", Files.readString(file), "the file is left alone");
    }

    /**
     * {@code kill -9} of the launcher leaves its postmaster running on the data directory. The
     * launcher must run in another JVM for this: zonky locks the directory per JVM, so a second
     * start inside one JVM could never succeed, orphan or not.
     */
    @Test
    void postmasterOrphanedByAKilledJvmIsStoppedAndTheNextStartSucceeds() throws Exception {
        Path data = home.resolve("db");
        Path log = home.resolve("logs/postgres.log");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledLauncher.class.getName(), data.toString(), log.toString())
                .redirectErrorStream(true)
                .start();
        ProcessHandle orphan = null;
        try {
            List<String> output = awaitLine(launcher, "READY", 120);
            launcher.destroyForcibly();
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher JVM dies");

            long pid = postmasterPid(data);
            orphan = ProcessHandle.of(pid).orElse(null);
            assertTrue(orphan != null && orphan.isAlive() && !isZombie(pid),
                    () -> "the killed JVM's postmaster " + pid + " should still run; launcher said " + output);

            try (EmbeddedDatabase db = EmbeddedDatabase.start(data, log);
                 Connection c = connect(db)) {
                assertTrue(!orphan.isAlive() || isZombie(pid), "the orphaned postmaster was stopped");
                assertNotEquals(pid, postmasterPid(data), "a new postmaster holds the directory");
                assertEquals(List.of("committed before the kill"), query(c, "select body from notes"),
                        "what the killed JVM committed is still there");
            }
        } finally {
            launcher.destroyForcibly();
            if (orphan != null && orphan.isAlive()) {
                orphan.destroyForcibly();
            }
        }
    }

    /** The launcher's part that the test kills: starts the database, commits a row, waits. */
    public static final class KilledLauncher {

        public static void main(String[] args) throws Exception {
            EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]), Path.of(args[1]));
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                s.execute("create table notes (body text not null)");
                s.execute("insert into notes values ('committed before the kill')");
            }
            System.out.println("READY " + db.port());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }

    static Connection connect(EmbeddedDatabase db) throws SQLException {
        return DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
    }

    private static List<String> query(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static long postmasterPid(Path data) throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
    }

    /** An exited postmaster whose new parent does not reap it is a zombie: as good as gone. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The child's output up to the first line starting with {@code prefix}; fails after the timeout. */
    private static List<String> awaitLine(Process process, String prefix, int seconds) throws Exception {
        List<String> lines = new ArrayList<>();
        CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith(prefix)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        boolean ready = found.get(seconds, TimeUnit.SECONDS);
        synchronized (lines) {
            assertTrue(ready, () -> "the launcher JVM never said " + prefix + ": " + lines);
            return List.copyOf(lines);
        }
    }
}
