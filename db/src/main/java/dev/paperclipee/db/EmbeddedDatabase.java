package dev.paperclipee.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL that runs inside the instance directory when no {@code DATABASE_URL} is given.
 *
 * <p>Durability first: zonky's defaults are tuned for throw-away test databases ({@code fsync},
 * {@code synchronous_commit} and {@code full_page_writes} off); here they are switched back on,
 * because this is the operator's only copy of their companies. The data directory persists
 * across starts, and a postmaster orphaned by a killed JVM ({@code kill -9}) is shut down before
 * a new one starts on the same directory, so a crash never blocks the next start.
 *
 * <p>As root, zonky runs PostgreSQL in a user namespace ({@code unshare -U}), which PostgreSQL
 * accepts; nothing special is needed here.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "paperclip";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final DatabaseUrl url;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseUrl url) {
        this.postgres = postgres;
        this.url = url;
    }

    /**
     * Starts (and on first use initialises) the database in {@code dataDir}, logging the server's
     * own output to {@code logFile}.
     */
    public static EmbeddedDatabase start(Path dataDir, Path logFile) throws LaunchException {
        prepareDirectory(dataDir);
        stopOrphanedPostmaster(dataDir);
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(logFile.getParent());
            var redirect = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .setLocaleConfig("encoding", "UTF8")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(redirect)
                    .setErrorRedirector(redirect)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("The embedded PostgreSQL did not start in " + dataDir + ": " + rootMessage(e)
                    + " (its log: " + logFile + ").", e);
        }
        String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
        try {
            createDatabaseIfMissing(postgres);
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new LaunchException("The embedded PostgreSQL started but the database '" + DATABASE
                    + "' could not be created: " + e.getMessage(), e);
        }
        return new EmbeddedDatabase(postgres, new DatabaseUrl(jdbcUrl, USER, null));
    }

    public DatabaseUrl url() {
        return url;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        closeQuietly(postgres);
    }

    private static void prepareDirectory(Path dataDir) throws LaunchException {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | SecurityException e) {
            throw new LaunchException("The data directory " + dataDir + " cannot be created: " + rootMessage(e)
                    + ". Set PAPERCLIP_HOME to a writable directory.", e);
        }
        if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir) || !Files.isExecutable(dataDir)) {
            throw new LaunchException("The data directory " + dataDir
                    + " is not a writable directory. Set PAPERCLIP_HOME to a writable directory.");
        }
        try {
            Path probe = Files.createTempFile(dataDir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new LaunchException("The data directory " + dataDir + " is not writable: " + rootMessage(e)
                    + ". Set PAPERCLIP_HOME to a writable directory.", e);
        }
    }

    /**
     * A JVM killed with SIGKILL leaves its postmaster running; it holds the data directory, so it
     * is asked to shut down (SIGTERM = smart shutdown; its clients are gone) and, if it hangs,
     * killed — PostgreSQL's crash recovery then replays the WAL, losing nothing committed.
     * Only called while this process holds the instance lock, so it cannot be a live sibling's.
     */
    static void stopOrphanedPostmaster(Path dataDir) throws LaunchException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster;
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
            postmaster = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return; // unreadable: PostgreSQL itself will judge the stale pid file
        }
        if (postmaster.isEmpty() || !postmaster.get().isAlive() || !isPostgres(postmaster.get())) {
            return;
        }
        ProcessHandle process = postmaster.get();
        System.err.println("paperclip: stopping the PostgreSQL (pid " + process.pid()
                + ") left running by an earlier start that did not shut down cleanly");
        process.destroy(); // SIGTERM: smart shutdown; its clients died with the old JVM
        if (awaitGone(process, pidFile, Duration.ofSeconds(30))) {
            return;
        }
        process.destroyForcibly();
        if (!awaitGone(process, pidFile, Duration.ofSeconds(10))) {
            throw new LaunchException("An old PostgreSQL (pid " + process.pid() + ") still holds " + dataDir
                    + " and does not stop. Stop it, then start again.");
        }
        try {
            // killed, not shut down: its pid file stays behind and would block the next postmaster
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new LaunchException("Cannot remove the stale " + pidFile + ": " + rootMessage(e), e);
        }
    }

    /**
     * Waits until the postmaster has removed its pid file (clean shutdown) or is no longer running.
     * An orphan's parent is gone, so once it exits it may linger as a zombie nobody reaps: a zombie
     * counts as gone.
     */
    private static boolean awaitGone(ProcessHandle process, Path pidFile, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!Files.exists(pidFile) || !process.isAlive() || isZombie(process.pid())) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("postgres")).orElse(true);
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + DATABASE + " encoding 'UTF8' template template0");
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // shutting down anyway
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
