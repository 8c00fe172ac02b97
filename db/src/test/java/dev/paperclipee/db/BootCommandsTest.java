package dev.paperclipee.db;

import dev.paperclipee.db.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The asadmin command files the launcher hands to Payara Micro. */
class BootCommandsTest {

    private static final String SECRET = "Sup3r-s3cret-" + Long.toHexString(System.nanoTime());

    @Test
    void emptyPasswordIsSpelledAsParentheses() {
        assertEquals("()", BootCommands.poolPassword(null));
        assertEquals("()", BootCommands.poolPassword(""));
        assertEquals("pw", BootCommands.poolPassword("pw"));
        assertEquals(" ", BootCommands.poolPassword(" "), "a blank password is still a password");
    }

    @Test
    void preBootBindsTheHttpListener() {
        assertEquals("set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1",
                BootCommands.preBoot("127.0.0.1").lines().findFirst().orElseThrow());
        assertTrue(BootCommands.preBoot("0.0.0.0").contains("http-listener.address=0.0.0.0\n"));
        assertTrue(BootCommands.preBoot("127.0.0.1").endsWith("\n"), "one command per line, the last one ended too");
    }

    /** api-contract.md "General": responses honour Accept-Encoding: gzip; JSON is among the compressed types. */
    @Test
    void preBootTurnsOnCompressionForJson() {
        List<String> lines = BootCommands.preBoot("127.0.0.1").lines().toList();
        String http = "set configs.config.server-config.network-config.protocols.protocol.http-listener.http.";
        assertTrue(lines.contains(http + "compression=on"), lines::toString);
        String types = lines.stream().filter(l -> l.startsWith(http + "compressable-mime-type=")).findFirst().orElseThrow();
        assertTrue(List.of(types.substring(types.indexOf('=') + 1).split(",")).contains("application/json"), types);
        assertTrue(lines.contains(http + "compression-min-size-bytes=2048"), lines::toString);
    }

    /** The OpenAPI document at /openapi stays on (it used to be switched off here). */
    @Test
    void postBootLeavesOpenApiOn() {
        assertFalse(BootCommands.postBoot().contains("openapi"), BootCommands.postBoot());
    }

    @Test
    void postBootMakesThePoolTheDefaultDataSourceFromSystemProperties() {
        List<String> lines = BootCommands.postBoot().lines().toList();

        assertTrue(lines.get(0).startsWith("create-jdbc-connection-pool "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" " + BootCommands.POOL), lines.get(0));
        // statements are reused per connection, so PostgreSQL plans a hot query once, not per request
        assertTrue(lines.get(0).contains(" --statementcachesize 200 "), lines.get(0));
        assertTrue(lines.contains("set resources.jdbc-connection-pool.PaperclipPool.property.url=${paperclip.db.url}"), lines::toString);
        assertTrue(lines.contains("set resources.jdbc-connection-pool.PaperclipPool.property.user=${paperclip.db.user}"), lines::toString);
        assertTrue(lines.contains("set resources.jdbc-connection-pool.PaperclipPool.property.password=${paperclip.db.password}"), lines::toString);
        assertTrue(lines.contains("set resources.jdbc-resource.jdbc/__default.pool-name=PaperclipPool"), lines::toString);
        assertTrue(lines.indexOf("set resources.jdbc-resource.jdbc/__default.pool-name=PaperclipPool")
                > lines.indexOf("set resources.jdbc-connection-pool.PaperclipPool.property.url=${paperclip.db.url}"),
                "the default data source moves to the pool only once the pool is complete");
    }

    /**
     * The real launcher path up to the Payara boot: with a password in DATABASE_URL, the
     * command files it writes reference the password and never contain it.
     */
    @Test
    void launcherWritesNoSecretIntoTheCommandFiles(@TempDir Path home) throws Exception {
        DatabaseUrl test = TestDatabase.get().url();
        // the test servers trust local connections, so any password logs in
        String url = test.jdbcUrl().replaceFirst("^jdbc:postgresql://", "postgres://" + test.user() + ":" + SECRET + "@");
        Map<String, String> env = new HashMap<>();
        env.put("PAPERCLIP_HOME", home.toString());
        env.put("PORT", String.valueOf(freePort()));
        env.put("DATABASE_URL", url);

        Properties saved = (Properties) System.getProperties().clone();
        try {
            String[] args = Launcher.prepare(Settings.fromEnvironment(env), new String[] {"--logtofile", "x.log"});

            Path run = home.resolve("instances/default/run");
            String preBoot = Files.readString(run.resolve("pre-boot-commands.txt"));
            String postBoot = Files.readString(run.resolve("post-boot-commands.txt"));
            assertEquals(BootCommands.preBoot("127.0.0.1"), preBoot);
            assertEquals(BootCommands.postBoot(), postBoot);
            assertFalse(preBoot.contains(SECRET) || postBoot.contains(SECRET), "a command file holds the password");
            assertFalse(String.join(" ", args).contains(SECRET), "Payara's arguments hold the password");
            assertEquals(SECRET, System.getProperty(Launcher.PROP_DB_PASSWORD), "the pool reads it from here");
            assertEquals(test.user(), System.getProperty(Launcher.PROP_DB_USER));
            assertEquals(test.jdbcUrl(), System.getProperty(Launcher.PROP_DB_URL));
            Path storage = home.resolve("instances/default/data/storage");
            assertEquals(storage.toString(), System.getProperty(Launcher.PROP_STORAGE_DIR), "attachments go here");
            assertTrue(Files.isDirectory(storage), "the launcher creates the storage directory");
            assertEquals(List.of("--nohazelcast", "--port", env.get("PORT"),
                    "--prebootcommandfile", run.resolve("pre-boot-commands.txt").toString(),
                    "--postbootcommandfile", run.resolve("post-boot-commands.txt").toString(),
                    "--logtofile", "x.log"), List.of(args));
        } finally {
            System.setProperties(saved);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
