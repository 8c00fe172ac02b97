package dev.paperclipee.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The operator's choices for one start, read from the environment (see the README's
 * configuration table). Bad values are refused here, before anything starts.
 *
 * @param home         {@code PAPERCLIP_HOME}, default {@code ~/.paperclip}
 * @param instance     {@code PAPERCLIP_INSTANCE}, default {@code default}
 * @param bindAddress  {@code PAPERCLIP_BIND}, default loopback
 * @param port         {@code PORT}, default 8080
 * @param databaseUrl  {@code DATABASE_URL} (+ {@code DATABASE_USER}/{@code DATABASE_PASSWORD}), or null for the embedded database
 * @param storage      {@code PAPERCLIP_STORAGE_DIR}, or null for {@code <instance dir>/data/storage}
 * @param deploymentMode {@code PAPERCLIP_DEPLOYMENT_MODE}: {@code local_trusted} (default) or {@code authenticated}
 *
 * <p>{@code PAPERCLIP_AGENT_JWT_SECRET} is only checked here (long enough), not kept: the
 * application reads it from the environment, and a record's {@code toString} must not carry it.
 */
public record Settings(Path home, String instance, String bindAddress, int port, DatabaseUrl databaseUrl, Path storage,
                       String deploymentMode) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String LOCAL_TRUSTED = "local_trusted";
    public static final String AUTHENTICATED = "authenticated";
    /** The key of run-scoped agent tokens; the application reads it itself (ejb-core's RunTokens). */
    static final String AGENT_JWT_SECRET = "PAPERCLIP_AGENT_JWT_SECRET";
    /** HS256 needs 256 bits; RunTokens refuses a shorter key too, this only says so before the server boots. */
    static final int AGENT_JWT_SECRET_MIN_BYTES = 32;
    /** The same minimum as ejb-core's Passwords.MIN_LENGTH. */
    static final int BOOTSTRAP_PASSWORD_MIN_LENGTH = 12;

    public static Settings fromEnvironment(Map<String, String> env) throws LaunchException {
        Path home = env.containsKey("PAPERCLIP_HOME") && !env.get("PAPERCLIP_HOME").isBlank()
                ? Path.of(env.get("PAPERCLIP_HOME"))
                : Path.of(System.getProperty("user.home"), ".paperclip");
        String instance = valueOr(env, "PAPERCLIP_INSTANCE", "default");
        if (!instance.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new LaunchException("PAPERCLIP_INSTANCE must be a simple name (letters, digits, . _ -), got '" + instance + "'.");
        }
        String bind = valueOr(env, "PAPERCLIP_BIND", DEFAULT_BIND);
        int port = parsePort(valueOr(env, "PORT", String.valueOf(DEFAULT_PORT)));
        String url = env.get("DATABASE_URL");
        DatabaseUrl database = url == null || url.isBlank()
                ? null
                : DatabaseUrl.parse(url, env.get("DATABASE_USER"), env.get("DATABASE_PASSWORD"));
        checkAgentJwtSecret(env.get(AGENT_JWT_SECRET));
        checkBootstrapAdmin(env.get("PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL"), env.get("PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD"));
        String storage = env.get("PAPERCLIP_STORAGE_DIR");
        String mode = valueOr(env, "PAPERCLIP_DEPLOYMENT_MODE", LOCAL_TRUSTED);
        if (!mode.equals(LOCAL_TRUSTED) && !mode.equals(AUTHENTICATED)) {
            throw new LaunchException("PAPERCLIP_DEPLOYMENT_MODE must be local_trusted or authenticated, got '" + mode + "'.");
        }
        return new Settings(home.toAbsolutePath().normalize(), instance, bind, port, database,
                storage == null || storage.isBlank() ? null : Path.of(storage.strip()).toAbsolutePath().normalize(), mode);
    }

    /** {@code $PAPERCLIP_HOME/instances/<instance>}: everything this instance keeps on disk. */
    public Path instanceDir() {
        return home.resolve("instances").resolve(instance);
    }

    /** Where uploaded files (attachments) are kept. */
    public Path storageDir() {
        return storage != null ? storage : instanceDir().resolve("data").resolve("storage");
    }

    /** The embedded PostgreSQL's data directory. */
    public Path embeddedDataDir() {
        return instanceDir().resolve("db");
    }

    /** {@code local_trusted}: every request without credentials is the board operator (deployment-modes.md §4). */
    public boolean localTrusted() {
        return LOCAL_TRUSTED.equals(deploymentMode);
    }

    public boolean embeddedDatabase() {
        return databaseUrl == null;
    }

    /** A set secret must be long enough; its value is never kept here nor shown. Blank means unset. */
    private static void checkAgentJwtSecret(String secret) throws LaunchException {
        if (secret == null || secret.isBlank()) {
            return;
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < AGENT_JWT_SECRET_MIN_BYTES) {
            throw new LaunchException(AGENT_JWT_SECRET + " must be at least " + AGENT_JWT_SECRET_MIN_BYTES
                    + " bytes long (it has " + bytes + "). Set a longer random value, or unset it to let the server"
                    + " keep a generated key in the database.");
        }
    }

    /** Both or neither; the password (never shown) at least 12 characters, as the application requires. */
    private static void checkBootstrapAdmin(String email, String password) throws LaunchException {
        boolean hasEmail = email != null && !email.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasEmail != hasPassword) {
            throw new LaunchException("Set both PAPERCLIP_BOOTSTRAP_ADMIN_EMAIL and PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD,"
                    + " or neither.");
        }
        if (hasPassword && password.length() < BOOTSTRAP_PASSWORD_MIN_LENGTH) {
            throw new LaunchException("PAPERCLIP_BOOTSTRAP_ADMIN_PASSWORD must be at least " + BOOTSTRAP_PASSWORD_MIN_LENGTH
                    + " characters long (it has " + password.length() + ").");
        }
    }

    private static int parsePort(String value) throws LaunchException {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new LaunchException("PORT must be a number from 1 to 65535, got '" + value + "'.");
        }
    }

    private static String valueOr(Map<String, String> env, String key, String fallback) {
        String value = env.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
