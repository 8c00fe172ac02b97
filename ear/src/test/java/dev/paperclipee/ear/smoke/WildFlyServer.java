package dev.paperclipee.ear.smoke;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * WildFly standalone with a server base directory of its own ({@code standalone/} copied fresh from
 * the distribution on each run) and every socket binding moved by a free port offset. The set-up is
 * {@code setup.cli}, run online against the started server, then a reload.
 */
final class WildFlyServer extends AppServer {

    private final int offset;
    private Process launcher;

    WildFlyServer(Path home, Path setupDir, Path work, java.util.Map<String, String> environment) {
        super(home, setupDir, work, environment);
        this.offset = freeBase(22000, 8080, 8443, 9990, 9993, 4712, 4713);
    }

    @Override
    String name() {
        return "wildfly";
    }

    private Path baseDir() {
        return work.resolve("standalone");
    }

    private String cli() {
        return home.resolve("bin/jboss-cli.sh").toString();
    }

    private String controller() {
        return "--controller=remote+http://127.0.0.1:" + (9990 + offset);
    }

    @Override
    void start() throws Exception {
        String marker = "-Djboss.server.base.dir=" + baseDir();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .forEach(stale -> {
                    System.out.println("smoke: killing a WildFly left from an earlier run, pid " + stale.pid());
                    killTree(stale);
                });
        deleteTree(baseDir());
        copyTree(home.resolve("standalone"), baseDir());
        Files.createDirectories(work);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(), marker,
                "-Djboss.socket.binding.port-offset=" + offset, "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1")
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("console.log").toFile());
        builder.environment().putAll(environment);
        launcher = builder.start();
        awaitStarted();
    }

    /** WFLYSRV0025 (started) or WFLYSRV0026 (started with errors) in the log of this start. */
    private void awaitStarted() throws Exception {
        Path log = log();
        Instant deadline = Instant.now().plus(TOOL_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("WildFly exited with " + launcher.exitValue() + " while starting; see "
                        + work.resolve("console.log"));
            }
            if (Files.exists(log)) {
                String text = Files.readString(log, StandardCharsets.UTF_8);
                if (text.contains("WFLYSRV0026")) {
                    throw new IllegalStateException("WildFly started with errors; see " + log);
                }
                if (text.contains("WFLYSRV0025")) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("WildFly has not started within " + TOOL_TIMEOUT + "; see " + log);
    }

    @Override
    void runSetUp() throws Exception {
        run(setupDir, cli(), "--connect", controller(), "--file=" + setupDir.resolve("setup.cli"));
    }

    @Override
    void applySetUp() throws Exception {
        run(setupDir, cli(), "--connect", controller(), "--command=reload");
        String state = run(setupDir, cli(), "--connect", controller(), "--command=:read-attribute(name=server-state)");
        if (!state.contains("\"running\"")) {
            throw new IllegalStateException("WildFly is not running after the reload: " + state);
        }
    }

    @Override
    void deploy(Path ear) throws Exception {
        run(setupDir, cli(), "--connect", controller(), "--command=deploy " + ear);
    }

    @Override
    void undeploy() throws Exception {
        run(setupDir, cli(), "--connect", controller(), "--command=undeploy " + ear());
    }

    private static String ear() {
        return "paperclip-ee.ear";
    }

    @Override
    void stop() throws Exception {
        run(setupDir, cli(), "--connect", controller(), "--command=shutdown");
        if (launcher != null && !awaitExit(launcher.toHandle(), Duration.ofMinutes(2))) {
            throw new IllegalStateException("WildFly pid " + launcher.pid() + " still runs after shutdown");
        }
    }

    /** The server's JVM: the launcher script's java child. */
    @Override
    Optional<ProcessHandle> process() {
        if (launcher == null || !launcher.isAlive()) {
            return Optional.empty();
        }
        return launcher.toHandle().descendants()
                .filter(p -> p.info().command().orElse("").endsWith("java"))
                .findFirst()
                .or(() -> Optional.of(launcher.toHandle()));
    }

    @Override
    void kill() {
        if (launcher != null) {
            killTree(launcher.toHandle());
        }
    }

    @Override
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + (8080 + offset) + "/");
    }

    @Override
    Path log() {
        return baseDir().resolve("log/server.log");
    }
}
