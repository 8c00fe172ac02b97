package dev.paperclipee.secret.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Where the {@code local_encrypted} provider's master key comes from (spec §7.12), first match wins:
 * <ol>
 *   <li>{@code PAPERCLIP_SECRETS_MASTER_KEY} (or the system property {@code
 *       paperclip.secrets.master.key}): 32 bytes, base64 (or 64 hex digits);</li>
 *   <li>{@code PAPERCLIP_SECRETS_MASTER_KEY_FILE} (or {@code paperclip.secrets.master.key.file}):
 *       a file holding such a key;</li>
 *   <li>{@code <instance dir>/secrets/master.key}, created on first use with a random key, readable
 *       by the owner only (0600, directory 0700).</li>
 * </ol>
 * Losing the key loses every stored secret: operators back the file up (docs/operator-guide.md).
 * Messages name the source of a bad key, never the key.
 *
 * @param key    the 32 key bytes
 * @param source where the key came from, for messages ("PAPERCLIP_SECRETS_MASTER_KEY" or a path)
 */
public record MasterKey(byte[] key, String source) {

    public static final String VARIABLE = "PAPERCLIP_SECRETS_MASTER_KEY";
    public static final String FILE_VARIABLE = "PAPERCLIP_SECRETS_MASTER_KEY_FILE";
    public static final String PROPERTY = "paperclip.secrets.master.key";
    public static final String FILE_PROPERTY = "paperclip.secrets.master.key.file";

    private static final Logger LOG = Logger.getLogger(MasterKey.class.getName());
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /** The key this server uses, created in the instance directory if there is none yet. */
    public static MasterKey current() {
        return load(System::getProperty, System.getenv());
    }

    static MasterKey load(UnaryOperator<String> properties, Map<String, String> env) {
        String inline = first(properties.apply(PROPERTY), env.get(VARIABLE));
        if (inline != null) {
            return new MasterKey(decode(inline, VARIABLE), VARIABLE);
        }
        String file = first(properties.apply(FILE_PROPERTY), env.get(FILE_VARIABLE));
        if (file != null) {
            Path path = Path.of(file).toAbsolutePath().normalize();
            if (!Files.exists(path)) {
                throw new IllegalStateException(FILE_VARIABLE + " names " + path + ", which does not exist");
            }
            return new MasterKey(read(path), path.toString());
        }
        Path path = defaultFile(properties, env);
        if (!Files.exists(path)) {
            create(path);
        }
        return new MasterKey(read(path), path.toString());
    }

    /** {@code <instance dir>/secrets/master.key}; the instance directory as the launcher sets it, else the default one. */
    static Path defaultFile(UnaryOperator<String> properties, Map<String, String> env) {
        String instance = properties.apply("paperclip.instance.dir");
        Path directory;
        if (instance != null && !instance.isBlank()) {
            directory = Path.of(instance.strip());
        } else {
            String home = first(properties.apply("paperclip.home"), env.get("PAPERCLIP_HOME"));
            String name = first(null, env.get("PAPERCLIP_INSTANCE"));
            directory = (home != null ? Path.of(home) : Path.of(properties.apply("user.home"), ".paperclip"))
                    .resolve("instances").resolve(name == null ? "default" : name);
        }
        return directory.resolve("secrets").resolve("master.key").toAbsolutePath().normalize();
    }

    /**
     * Writes a new random key without ever leaving a half-written or world-readable file: the key
     * goes into a private temporary file that is then linked into place, which fails if another
     * node or thread got there first (its key is then used).
     */
    private static void create(Path path) {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path directory = path.getParent();
        try {
            if (!Files.isDirectory(directory)) {
                if (posix(directory.getParent())) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } else {
                    Files.createDirectories(directory);
                }
            }
            Path temporary = posix(directory)
                    ? Files.createTempFile(directory, ".master", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(directory, ".master", ".tmp");
            try {
                Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.createLink(path, temporary);
                    LOG.info("Created the secrets master key file " + path + " (back it up: stored secrets cannot be read without it)");
                } catch (FileAlreadyExistsException raced) {
                    // another node created it first: use theirs
                } catch (UnsupportedOperationException noLinks) {
                    Files.move(temporary, path);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        } catch (IOException e) {
            throw new IllegalStateException("The secrets master key file " + path + " cannot be created: " + e.getMessage()
                    + ". Set " + VARIABLE + " or " + FILE_VARIABLE + ", or make the instance directory writable.", e);
        }
    }

    private static byte[] read(Path path) {
        try {
            if (posix(path)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    LOG.warning("The secrets master key file " + path + " is readable by others ("
                            + PosixFilePermissions.toString(permissions) + "); chmod 600 it");
                }
            }
            return decode(Files.readString(path, StandardCharsets.US_ASCII), path.toString());
        } catch (IOException e) {
            throw new IllegalStateException("The secrets master key file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** 32 bytes from base64 (standard or URL alphabet) or 64 hex digits; anything else names the source only. */
    static byte[] decode(String text, String source) {
        String trimmed = text.strip();
        byte[] key = null;
        if (trimmed.length() == 2 * SecretCipher.KEY_BYTES && trimmed.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            key = HexFormat.of().parseHex(trimmed);
        } else {
            try {
                key = (trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                        .decode(trimmed);
            } catch (IllegalArgumentException e) {
                key = null;
            }
        }
        if (key == null || key.length != SecretCipher.KEY_BYTES) {
            throw new IllegalStateException("The secrets master key from " + source + " must be " + SecretCipher.KEY_BYTES
                    + " bytes in base64 (e.g. the output of: openssl rand -base64 32) or 64 hex digits");
        }
        return key;
    }

    private static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String first(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }
}
