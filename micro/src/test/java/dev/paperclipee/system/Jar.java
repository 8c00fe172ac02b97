package dev.paperclipee.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The runnable jar under test ({@code paperclip.test.jar}, set by the micro pom) and how to start
 * and stop processes of it: the system tests run exactly what an operator runs, {@code java -jar}.
 */
final class Jar {

    private Jar() {
    }

    static Path path() {
        String configured = System.getProperty("paperclip.test.jar");
        Path jar = Path.of(configured == null || configured.isBlank() ? "target/paperclip-ee-microbundle.jar" : configured)
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The runnable jar " + jar + " does not exist: the system tests run in"
                    + " 'mvn -pl micro verify', after the package phase has built it.");
        }
        return jar;
    }

    /** Where the system tests keep their files ({@code paperclip.test.work}, target/system-test). */
    static Path work() {
        String configured = System.getProperty("paperclip.test.work");
        Path work = Path.of(configured == null || configured.isBlank() ? "target/system-test" : configured).toAbsolutePath();
        try {
            return Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code java -jar <bundle>} with the given environment on top of this JVM's, minus every
     * setting of the launcher that the caller did not give (a developer's own PORT or
     * DATABASE_URL must not leak into a test).
     */
    static ProcessBuilder process(Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", path().toString());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("PAPERCLIP_") || key.startsWith("DATABASE_") || key.equals("PORT"));
        environment.putAll(env);
        return builder;
    }

    /**
     * Stops a process of the jar and everything it started: SIGTERM first, so that Payara Micro and
     * the launcher's shutdown hooks stop the embedded PostgreSQL cleanly, then SIGKILL for
     * whatever is left after {@code grace}.
     */
    static void stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    /**
     * The embedded PostgreSQL runs detached from the JVM (pg_ctl), so it is no descendant. It stops
     * with the JVM's shutdown hook; if that JVM was killed, the postmaster named in the data
     * directory's pid file (one this test run started) is stopped here.
     */
    static void stopPostmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster;
        try (Stream<String> lines = Files.lines(pidFile)) {
            postmaster = lines.findFirst().map(String::trim).map(Long::parseLong).flatMap(ProcessHandle::of);
        } catch (IOException | RuntimeException e) {
            return;
        }
        postmaster.filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                .ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** The last {@code lines} lines of a log, for failure messages. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
