package dev.paperclipee.db.testing;

import dev.paperclipee.db.BootCommands;
import dev.paperclipee.db.DatabaseUrl;
import dev.paperclipee.db.LaunchException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL a test run uses: a fresh database on the server named by
 * {@code PAPERCLIP_TEST_DATABASE_URL} (system property {@code paperclip.test.database.url}),
 * dropped at the end, or else an embedded PostgreSQL started once for the run. One per JVM,
 * started on first use (or eagerly by {@link TestDatabaseSession}) and stopped when the JUnit
 * launcher session closes.
 */
public final class TestDatabase {

    private static TestDatabase current;

    private final DatabaseUrl url;
    private final EmbeddedPostgres embedded;
    private final DatabaseUrl adminUrl;
    private final String databaseName;

    private TestDatabase(DatabaseUrl url, EmbeddedPostgres embedded, DatabaseUrl adminUrl, String databaseName) {
        this.url = url;
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.databaseName = databaseName;
    }

    public static synchronized TestDatabase get() {
        if (current == null) {
            current = start();
        }
        return current;
    }

    /** The external server's URL, or null when tests use the embedded database. */
    public static String externalUrl() {
        String url = System.getProperty("paperclip.test.database.url");
        if (url == null || url.isBlank() || url.startsWith("${")) {
            url = System.getenv("PAPERCLIP_TEST_DATABASE_URL");
        }
        return url == null || url.isBlank() ? null : url.trim();
    }

    public DatabaseUrl url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    /** A second fresh, empty database on the same server (for tests that need their own). */
    public DatabaseUrl createDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        DatabaseUrl admin = adminUrl;
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
             Statement s = c.createStatement()) {
            s.execute("create database " + name + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new DatabaseUrl(admin.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), admin.user(), admin.password());
    }

    /** Drops a database made by {@link #createDatabase}. */
    public void dropDatabase(DatabaseUrl database) {
        String name = database.jdbcUrl().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = DriverManager.getConnection(adminUrl.jdbcUrl(), adminUrl.user(), adminUrl.password());
             Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }

    /**
     * Writes the launcher's real boot command files for a Payara Micro started by Arquillian and
     * returns the JVM options that supply the values those files reference.
     */
    public String writeContainerConfig(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("pre-boot-commands.txt"), BootCommands.preBoot("127.0.0.1"));
            Files.writeString(dir.resolve("post-boot-commands.txt"), BootCommands.postBoot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "-Dpaperclip.db.url=" + url.jdbcUrl()
                + " -Dpaperclip.db.user=" + (url.user() == null ? "" : url.user())
                + " -Dpaperclip.db.password=" + BootCommands.poolPassword(url.password())
                + " -Xmx768m";
    }

    static synchronized void stop() {
        if (current == null) {
            return;
        }
        try {
            if (current.embedded != null) {
                current.embedded.close();
            } else {
                current.dropDatabase(current.url);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("test database: could not clean up: " + e);
        } finally {
            current = null;
        }
    }

    private static TestDatabase start() {
        String external = externalUrl();
        try {
            if (external != null) {
                DatabaseUrl admin = DatabaseUrl.parse(external, System.getenv("DATABASE_USER"), System.getenv("DATABASE_PASSWORD"));
                TestDatabase probe = new TestDatabase(admin, null, admin, null);
                DatabaseUrl fresh = probe.createDatabase("paperclip_test");
                return new TestDatabase(fresh, null, admin, fresh.jdbcUrl());
            }
            Path dir = Files.createTempDirectory("paperclip-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    .setLocaleConfig("encoding", "UTF8")
                    .start();
            DatabaseUrl admin = new DatabaseUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", null);
            TestDatabase probe = new TestDatabase(admin, pg, admin, null);
            DatabaseUrl fresh = probe.createDatabase("paperclip_test");
            return new TestDatabase(fresh, pg, admin, fresh.jdbcUrl());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test PostgreSQL", e);
        } catch (LaunchException e) {
            throw new IllegalStateException("PAPERCLIP_TEST_DATABASE_URL: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TestDatabase[" + url + (embedded != null ? ", embedded" : ", external") + "]"
                + (databaseName == null ? "" : "").toLowerCase(Locale.ROOT);
    }
}
