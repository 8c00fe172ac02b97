package dev.paperclipee.db;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Start class of the runnable jar ({@code Start-Class} in its manifest; Payara Micro's own
 * {@code Main-Class} sets up the class path and then calls this).
 *
 * <p>Order matters: everything an operator can get wrong is checked first and reported as one
 * line on stderr with exit code 1; only then does Payara Micro boot, with a post-boot command
 * file that points the platform default data source ({@code jdbc/__default}, which is
 * {@code java:comp/DefaultDataSource}) at PostgreSQL and a pre-boot command file that binds the
 * HTTP listener to {@code PAPERCLIP_BIND}.
 */
public final class Launcher {

    /** System properties the application reads (never logged: the password is one of them). */
    public static final String PROP_DB_URL = "paperclip.db.url";
    public static final String PROP_DB_USER = "paperclip.db.user";
    public static final String PROP_DB_PASSWORD = "paperclip.db.password";
    public static final String PROP_HOME = "paperclip.home";
    public static final String PROP_INSTANCE_DIR = "paperclip.instance.dir";
    public static final String PROP_BIND = "paperclip.bind";
    public static final String PROP_PORT = "paperclip.port";
    /** Read by the application's object storage (attachments). */
    public static final String PROP_STORAGE_DIR = "paperclip.storage.dir";
    /** Read by ejb-core's DeploymentMode. */
    public static final String PROP_DEPLOYMENT_MODE = "paperclip.deployment.mode";

    private static final String PAYARA_MICRO_MAIN = "fish.payara.micro.impl.PayaraMicroImpl";

    private Launcher() {
    }

    public static void main(String[] args) {
        try {
            String[] payaraArgs = prepare(Settings.fromEnvironment(System.getenv()), args);
            bootPayaraMicro(payaraArgs);
        } catch (LaunchException e) {
            System.err.println("paperclip: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Checks the environment, starts or reaches the database and writes the boot command files.
     * Returns the arguments for Payara Micro.
     */
    static String[] prepare(Settings settings, String[] userArgs) throws LaunchException {
        Path instanceDir = settings.instanceDir();
        createDirectory(instanceDir);
        Path storageDir = createStorageDirectory(settings.storageDir());
        holdInstanceLock(instanceDir);
        InetAddress bind = resolveBindAddress(settings.bindAddress());
        checkModeAllowsBind(settings, bind);
        checkPortFree(bind, settings.port());

        DatabaseUrl database;
        if (settings.embeddedDatabase()) {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(settings.embeddedDataDir(),
                    instanceDir.resolve("logs").resolve("postgres.log"));
            database = embedded.url();
            System.err.println("paperclip: embedded PostgreSQL on port " + embedded.port()
                    + ", data in " + settings.embeddedDataDir());
        } else {
            database = settings.databaseUrl();
            checkReachable(database);
        }

        System.setProperty(PROP_DB_URL, database.jdbcUrl());
        System.setProperty(PROP_DB_USER, database.user() == null ? "" : database.user());
        System.setProperty(PROP_DB_PASSWORD, BootCommands.poolPassword(database.password()));
        System.setProperty(PROP_HOME, settings.home().toString());
        System.setProperty(PROP_INSTANCE_DIR, instanceDir.toString());
        System.setProperty(PROP_BIND, settings.bindAddress());
        System.setProperty(PROP_PORT, String.valueOf(settings.port()));
        System.setProperty(PROP_STORAGE_DIR, storageDir.toString());
        System.setProperty(PROP_DEPLOYMENT_MODE, settings.deploymentMode());

        Path runDir = createDirectory(instanceDir.resolve("run"));
        Path preBoot = write(runDir.resolve("pre-boot-commands.txt"), BootCommands.preBoot(settings.bindAddress()));
        Path postBoot = write(runDir.resolve("post-boot-commands.txt"), BootCommands.postBoot());

        List<String> args = new ArrayList<>(List.of(
                "--nohazelcast",
                "--port", String.valueOf(settings.port()),
                "--prebootcommandfile", preBoot.toString(),
                "--postbootcommandfile", postBoot.toString()));
        args.addAll(Arrays.asList(userArgs));
        return args.toArray(String[]::new);
    }

    private static void bootPayaraMicro(String[] args) throws LaunchException {
        try {
            Class<?> micro = Class.forName(PAYARA_MICRO_MAIN, true, Thread.currentThread().getContextClassLoader());
            micro.getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (ClassNotFoundException e) {
            throw new LaunchException("Payara Micro is not on the class path: start the application with "
                    + "'java -jar paperclip-ee.jar', not from the db jar alone.");
        } catch (InvocationTargetException e) {
            throw new LaunchException("Payara Micro failed to start: " + EmbeddedDatabase.rootMessage(e.getCause()), e);
        } catch (ReflectiveOperationException e) {
            throw new LaunchException("Payara Micro could not be started: " + e, e);
        }
    }

    private static Path createDirectory(Path dir) throws LaunchException {
        try {
            return Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new LaunchException("The instance directory " + dir + " cannot be created: "
                    + EmbeddedDatabase.rootMessage(e) + ". Set PAPERCLIP_HOME to a writable directory.", e);
        }
    }

    private static Path createStorageDirectory(Path dir) throws LaunchException {
        try {
            Path created = Files.createDirectories(dir);
            if (!Files.isWritable(created)) {
                throw new IOException("not writable");
            }
            return created;
        } catch (IOException | SecurityException e) {
            throw new LaunchException("The storage directory " + dir + " cannot be used: "
                    + EmbeddedDatabase.rootMessage(e) + ". Set PAPERCLIP_STORAGE_DIR (or PAPERCLIP_HOME) to a writable directory.", e);
        }
    }

    /**
     * One process per instance directory: two would fight over the embedded database and the
     * run logs. The lock is released by the operating system when this JVM ends, however it ends.
     */
    private static void holdInstanceLock(Path instanceDir) throws LaunchException {
        Path lockFile = instanceDir.resolve("paperclip.lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new LaunchException("Another Paperclip EE is already running on " + instanceDir
                        + ". Stop it, or set PAPERCLIP_HOME / PAPERCLIP_INSTANCE to use another instance.");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    lock.release();
                    channel.close();
                } catch (IOException ignored) {
                    // the OS releases it anyway
                }
            }, "paperclip-instance-lock"));
        } catch (OverlappingFileLockException e) {
            throw new LaunchException("This process already runs an instance on " + instanceDir + ".");
        } catch (IOException e) {
            throw new LaunchException("The instance directory " + instanceDir + " is not usable: "
                    + EmbeddedDatabase.rootMessage(e) + ". Set PAPERCLIP_HOME to a writable directory.", e);
        }
    }

    private static InetAddress resolveBindAddress(String bind) throws LaunchException {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new LaunchException("PAPERCLIP_BIND '" + bind + "' is not an address of this machine.");
        }
    }

    /**
     * {@code local_trusted} makes every request without credentials the board operator, so it is
     * only safe where no other machine can reach the server (deployment-modes.md §3).
     */
    static void checkModeAllowsBind(Settings settings, InetAddress bind) throws LaunchException {
        if (settings.localTrusted() && !bind.isLoopbackAddress()) {
            throw new LaunchException("PAPERCLIP_BIND '" + settings.bindAddress() + "' is not a loopback address, and"
                    + " local_trusted mode lets anyone who reaches the server act as the board. Bind to 127.0.0.1, or set"
                    + " PAPERCLIP_DEPLOYMENT_MODE=authenticated (board users log in).");
        }
    }

    static void checkPortFree(InetAddress bind, int port) throws LaunchException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            throw new LaunchException("Port " + port + " on " + bind.getHostAddress()
                    + " is already in use (or not allowed). Stop what uses it, or set PORT to another port.");
        }
    }

    static void checkReachable(DatabaseUrl database) throws LaunchException {
        Properties props = new Properties();
        if (database.user() != null) {
            props.setProperty("user", database.user());
        }
        if (database.password() != null) {
            props.setProperty("password", database.password());
        }
        props.setProperty("connectTimeout", "10");
        props.setProperty("loginTimeout", "15");
        try (Connection ignored = new org.postgresql.Driver().connect(database.jdbcUrl(), props)) {
            if (ignored == null) {
                throw new LaunchException("DATABASE_URL is not a PostgreSQL JDBC URL: " + database.describe());
            }
        } catch (SQLException e) {
            throw new LaunchException("Cannot reach the database at " + database.describe() + ": "
                    + withoutFinalStop(oneLine(e.getMessage())) + ". Check DATABASE_URL (and DATABASE_USER / DATABASE_PASSWORD).", e);
        }
    }

    private static String withoutFinalStop(String message) {
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private static String oneLine(String message) {
        return message == null ? "no answer" : message.replaceAll("\\s+", " ").trim();
    }

    private static Path write(Path file, String content) throws LaunchException {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new LaunchException("Cannot write " + file + ": " + EmbeddedDatabase.rootMessage(e), e);
        }
    }
}
