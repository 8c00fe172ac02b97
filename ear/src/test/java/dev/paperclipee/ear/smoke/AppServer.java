package dev.paperclipee.ear.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An application server unpacked under {@code target/}, driven by its own command-line tools
 * (asadmin, jboss-cli) exactly as an operator would. Every tool call is logged to
 * {@code commands.log} in the server's work directory.
 */
abstract class AppServer {

    /** Generous: the build machine may be busy with other builds. */
    static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);

    final Path home;
    final Path setupDir;
    final Path work;
    final Map<String, String> environment;

    AppServer(Path home, Path setupDir, Path work, Map<String, String> environment) {
        this.home = home;
        this.setupDir = setupDir;
        this.work = work;
        this.environment = environment;
    }

    abstract String name();

    /** A fresh configuration (copied from the distribution's own), started with the environment. */
    abstract void start() throws Exception;

    /** The set-up script, as shipped in target/server-setup. */
    abstract void runSetUp() throws Exception;

    /** Whatever the set-up needs to take effect (restart, reload). */
    abstract void applySetUp() throws Exception;

    abstract void deploy(Path ear) throws Exception;

    abstract void undeploy() throws Exception;

    /** Stops the server with its own tool and waits for its process to end. */
    abstract void stop() throws Exception;

    /** The server's JVM, while it runs. */
    abstract Optional<ProcessHandle> process();

    abstract URI baseUri();

    /** The server's log, for failure messages. */
    abstract Path log();

    /** Kills the server's JVM and everything it started, if anything is left. */
    void kill() {
        process().ifPresent(AppServer::killTree);
    }

    static void killTree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the caller's check that nothing is left
            }
        }
    }

    /** The resident memory of the server's JVM in KiB (VmRSS), or -1. */
    long residentKib() {
        return process().map(p -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1L;
            }
            return -1L;
        }).orElse(-1L);
    }

    /** Runs a tool to its end; fails with its output unless it exits 0. */
    String run(Path directory, String... command) throws IOException, InterruptedException {
        return run(directory, TOOL_TIMEOUT, command);
    }

    String run(Path directory, Duration timeout, String... command) throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path output = Files.createTempFile(work, "tool-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("TERM", "dumb");
        Instant started = Instant.now();
        Process process = builder.start();
        boolean ended = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            killTree(process.toHandle());
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        String entry = "$ " + String.join(" ", command) + "\n" + text + "(" + (ended ? "exit " + process.exitValue() : "timed out")
                + ", " + Duration.between(started, Instant.now()).toMillis() + " ms)\n\n";
        Files.writeString(work.resolve("commands.log"), entry, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!ended || process.exitValue() != 0) {
            throw new IllegalStateException(name() + ": " + String.join(" ", command) + " "
                    + (ended ? "exited " + process.exitValue() : "timed out") + ":\n" + text + "\nserver log: " + log());
        }
        return text;
    }

    /** Waits until a process has ended; false if it has not within the time. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }

    /**
     * The first base from {@code first} on (in steps of 1000) where every {@code base + offset}
     * is free on loopback and on all interfaces.
     */
    static int freeBase(int first, int... offsets) {
        for (int base = first; base + 1000 < 65000; base += 1000) {
            boolean free = true;
            for (int offset : offsets) {
                free &= isFree(base + offset);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of ports from " + first);
    }

    static boolean isFree(int port) {
        for (InetSocketAddress address : List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                new InetSocketAddress(port))) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(address);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
