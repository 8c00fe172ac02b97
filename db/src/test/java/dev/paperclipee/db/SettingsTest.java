package dev.paperclipee.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's environment: defaults, and bad values refused before anything starts. */
class SettingsTest {

    /** The longest instance name allowed. */
    private static final String SIXTY_FOUR = "abcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefghabcdefgh";

    @Test
    void defaults() throws LaunchException {
        Settings settings = Settings.fromEnvironment(Map.of());

        assertEquals(Path.of(System.getProperty("user.home"), ".paperclip").toAbsolutePath().normalize(), settings.home());
        assertEquals("default", settings.instance());
        assertEquals("127.0.0.1", settings.bindAddress());
        assertEquals(8080, settings.port());
        assertNull(settings.databaseUrl());
        assertTrue(settings.embeddedDatabase());
        assertEquals(settings.home().resolve("instances/default"), settings.instanceDir());
        assertEquals(settings.home().resolve("instances/default/db"), settings.embeddedDataDir());
        assertEquals(settings.home().resolve("instances/default/data/storage"), settings.storageDir());
    }

    @Test
    void storageDirectoryFromTheEnvironment() throws LaunchException {
        Settings settings = Settings.fromEnvironment(env("PAPERCLIP_STORAGE_DIR", " /srv/files/../uploads "));

        assertEquals(Path.of("/srv/uploads"), settings.storageDir());
    }

    @Test
    void blankValuesMeanTheDefaults() throws LaunchException {
        Settings settings = Settings.fromEnvironment(env("PAPERCLIP_HOME", " ", "PAPERCLIP_INSTANCE", "",
                "PAPERCLIP_BIND", "  ", "PORT", "", "DATABASE_URL", " ", "PAPERCLIP_STORAGE_DIR", " "));

        assertEquals(Settings.fromEnvironment(Map.of()), settings);
    }

    @Test
    void aShortAgentJwtSecretIsRefusedWithoutShowingIt() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Settings.fromEnvironment(env("PAPERCLIP_AGENT_JWT_SECRET", "s3cret-but-only-24-bytes")));

        assertTrue(e.getMessage().startsWith("PAPERCLIP_AGENT_JWT_SECRET must be at least 32 bytes long (it has 24)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "0123456789abcdef0123456789abcdef", "€€€€€€€€€€€"})
    void anAgentJwtSecretOf32BytesOrNoneIsAccepted(String secret) throws LaunchException {
        Settings settings = Settings.fromEnvironment(env("PAPERCLIP_AGENT_JWT_SECRET", secret));

        assertFalse(settings.toString().contains(secret.isBlank() ? "PAPERCLIP_AGENT_JWT_SECRET" : secret), "not kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "80", "8081", " 9000 ", "65535"})
    void portsFromOneTo65535(String port) throws LaunchException {
        assertEquals(Integer.parseInt(port.trim()), Settings.fromEnvironment(env("PORT", port)).port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "65536", "99999999999", "abc", "80a", "8080.0", "0x50"})
    void otherPortsAreRefused(String port) {
        LaunchException e = assertThrows(LaunchException.class, () -> Settings.fromEnvironment(env("PORT", port)));

        assertEquals("PORT must be a number from 1 to 65535, got '" + port + "'.", e.getMessage());
    }

    @Test
    void bindAddress() throws LaunchException {
        assertEquals("0.0.0.0", Settings.fromEnvironment(env("PAPERCLIP_BIND", "0.0.0.0")).bindAddress());
        assertEquals("::1", Settings.fromEnvironment(env("PAPERCLIP_BIND", " ::1 ")).bindAddress());
    }

    @Test
    void homeIsMadeAbsoluteAndNormal() throws LaunchException {
        Settings settings = Settings.fromEnvironment(env("PAPERCLIP_HOME", "work/../pc-home", "PAPERCLIP_INSTANCE", "staging"));

        assertEquals(Path.of("pc-home").toAbsolutePath().normalize(), settings.home());
        assertTrue(settings.home().isAbsolute());
        assertEquals(settings.home().resolve("instances").resolve("staging").resolve("db"), settings.embeddedDataDir());
    }

    @Test
    void homeAsGiven() throws LaunchException {
        assertEquals(Path.of("/srv/paperclip"), Settings.fromEnvironment(env("PAPERCLIP_HOME", "/srv/paperclip")).home());
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "staging", "a", "A1", "team-2.blue_green", SIXTY_FOUR, "9lives"})
    void simpleInstanceNames(String name) throws LaunchException {
        assertEquals(name, Settings.fromEnvironment(env("PAPERCLIP_INSTANCE", name)).instance());
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".hidden", "../etc", "a/b", "a\\b", "-rf", "_x", "two words", SIXTY_FOUR + "x",
            "naïve", "a:b", "a\u0000b"})
    void otherInstanceNamesAreRefused(String name) {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Settings.fromEnvironment(env("PAPERCLIP_INSTANCE", name)));

        assertTrue(e.getMessage().startsWith("PAPERCLIP_INSTANCE must be a simple name"), e.getMessage());
    }

    @Test
    void databaseUrlMeansNoEmbeddedDatabase() throws LaunchException {
        Settings settings = Settings.fromEnvironment(env("DATABASE_URL", "postgres://u:pw@db:5432/pc"));

        assertFalse(settings.embeddedDatabase());
        assertEquals("jdbc:postgresql://db:5432/pc", settings.databaseUrl().jdbcUrl());
        assertEquals("u", settings.databaseUrl().user());
    }

    @Test
    void databaseUserAndPasswordGoWithAJdbcUrl() throws LaunchException {
        Settings settings = Settings.fromEnvironment(env("DATABASE_URL", "jdbc:postgresql://db/pc",
                "DATABASE_USER", "app", "DATABASE_PASSWORD", "pw"));

        assertEquals("app", settings.databaseUrl().user());
        assertEquals("pw", settings.databaseUrl().password());
    }

    @Test
    void badDatabaseUrlIsRefused() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Settings.fromEnvironment(env("DATABASE_URL", "mysql://u:pw@db/pc")));

        assertTrue(e.getMessage().startsWith("DATABASE_URL must start with"), e.getMessage());
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    @Test
    void deploymentModeIsLocalTrustedUnlessAuthenticatedIsAsked() throws LaunchException {
        assertEquals("local_trusted", Settings.fromEnvironment(Map.of()).deploymentMode());
        assertTrue(Settings.fromEnvironment(Map.of()).localTrusted());
        Settings authenticated = Settings.fromEnvironment(env("PAPERCLIP_DEPLOYMENT_MODE", " authenticated "));
        assertEquals("authenticated", authenticated.deploymentMode());
        assertFalse(authenticated.localTrusted());
    }

    @ParameterizedTest
    @ValueSource(strings = {"public", "LOCAL_TRUSTED", "auth", "none"})
    void otherDeploymentModesAreRefused(String mode) {
        LaunchException e = assertThrows(LaunchException.class,
                () -> Settings.fromEnvironment(env("PAPERCLIP_DEPLOYMENT_MODE", mode)));
        assertEquals("PAPERCLIP_DEPLOYMENT_MODE must be local_trusted or authenticated, got '" + mode + "'.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.10", "::"})
    void localTrustedRefusesANonLoopbackBind(String bind) throws Exception {
        Settings settings = Settings.fromEnvironment(env("PAPERCLIP_BIND", bind));
        LaunchException e = assertThrows(LaunchException.class,
                () -> Launcher.checkModeAllowsBind(settings, java.net.InetAddress.getByName(bind)));
        assertTrue(e.getMessage().startsWith("PAPERCLIP_BIND '" + bind + "' is not a loopback address"), e.getMessage());
        assertTrue(e.getMessage().contains("PAPERCLIP_DEPLOYMENT_MODE=authenticated"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "::1", "127.0.0.2"})
    void localTrustedAcceptsLoopback(String bind) throws Exception {
        Launcher.checkModeAllowsBind(Settings.fromEnvironment(env("PAPERCLIP_BIND", bind)), java.net.InetAddress.getByName(bind));
    }

    @Test
    void authenticatedMayBindAnywhere() throws Exception {
        Settings settings = Settings.fromEnvironment(env("PAPERCLIP_BIND", "0.0.0.0", "PAPERCLIP_DEPLOYMENT_MODE", "authenticated"));
        Launcher.checkModeAllowsBind(settings, java.net.InetAddress.getByName("0.0.0.0"));
    }

    @Test
    void bootstrapAdminNeedsBothVariablesAndALongPasswordNeverShown() throws LaunchException {
        LaunchException half = assertThrows(LaunchException.class,
                () -> Settings.fromEnvironment(env("PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL", "ann@example.com")));
        assertTrue(half.getMessage().contains("both"), half.getMessage());
        LaunchException shortOne = assertThrows(LaunchException.class, () -> Settings.fromEnvironment(env(
                "PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL", "ann@example.com", "PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD", "s3cret")));
        assertEquals("PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters long (it has 6).", shortOne.getMessage());
        Settings.fromEnvironment(env("PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL", "ann@example.com",
                "PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD", "long-enough-password"));
    }
}
