package dev.paperclipee.heartbeat.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Settings of the heartbeat runtime, from system properties (the runnable jar's launcher and the
 * tests set them) or the environment (an EAR on a server).
 *
 * @param node         this node's name in {@code heartbeat_runs.runner_node}: {@code PAPERCLIP_NODE_ID},
 *                     else host name and instance directory — stable across restarts, so a restarted
 *                     node recognises the runs its previous life left behind
 * @param apiUrl       the base URL agents call ({@code PAPERCLIP_API_URL} given to runs): {@code
 *                     PAPERCLIP_PUBLIC_URL}, else the local listener
 * @param tick         the scheduler period: {@code HEARTBEAT_SCHEDULER_INTERVAL_MS} (default 30 s,
 *                     at least 10 s, execution-semantics §8); the system property
 *                     {@code paperclip.heartbeat.tick.ms} may go down to 1 s for tests
 * @param lease        how long a running run stays its node's without renewal (5 min, §8)
 * @param dataDirectory where run logs ({@code run-logs/}) and run work directories ({@code runs/}) live
 * @param enabled      {@code HEARTBEAT_SCHEDULER_ENABLED=false} turns timer ticks off (the queue
 *                     still runs invocations and wakes)
 */
public record RuntimeSettings(String node, URI apiUrl, Duration tick, Duration lease, Path dataDirectory,
                              boolean enabled) {

    static final Duration DEFAULT_TICK = Duration.ofSeconds(30);
    static final Duration MIN_TICK = Duration.ofSeconds(10);
    static final Duration MIN_TEST_TICK = Duration.ofSeconds(1);
    static final Duration DEFAULT_LEASE = Duration.ofMinutes(5);

    public static RuntimeSettings current() {
        return resolve(System::getProperty, System.getenv());
    }

    static RuntimeSettings resolve(UnaryOperator<String> properties, Map<String, String> env) {
        Path dataDirectory = dataDirectory(properties, env);
        String node = first(properties.apply("paperclip.node.id"), env.get("PAPERCLIP_NODE_ID"));
        if (node == null) {
            node = hostName() + ":" + dataDirectory;
        }
        String publicUrl = first(properties.apply("paperclip.public.url"), env.get("PAPERCLIP_PUBLIC_URL"));
        URI apiUrl;
        if (publicUrl != null) {
            apiUrl = URI.create(publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl);
        } else {
            String bind = first(properties.apply("paperclip.bind"), env.get("PAPERCLIP_BIND"));
            String host = bind == null || bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
            String port = first(properties.apply("paperclip.port"), env.get("PORT"));
            apiUrl = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + (port == null ? "8080" : port));
        }
        Duration tick = DEFAULT_TICK;
        String testTick = properties.apply("paperclip.heartbeat.tick.ms");
        String envTick = env.get("HEARTBEAT_SCHEDULER_INTERVAL_MS");
        if (testTick != null && millis(testTick) != null) {
            tick = max(Duration.ofMillis(millis(testTick)), MIN_TEST_TICK);
        } else if (envTick != null && millis(envTick) != null) {
            tick = max(Duration.ofMillis(millis(envTick)), MIN_TICK);
        }
        Duration lease = DEFAULT_LEASE;
        String leaseSec = properties.apply("paperclip.heartbeat.lease.sec");
        if (leaseSec != null && millis(leaseSec) != null) {
            lease = max(Duration.ofSeconds(millis(leaseSec)), Duration.ofSeconds(5));
        }
        String enabled = first(properties.apply("paperclip.heartbeat.scheduler.enabled"), env.get("HEARTBEAT_SCHEDULER_ENABLED"));
        return new RuntimeSettings(node, apiUrl, tick, lease, dataDirectory, !"false".equalsIgnoreCase(enabled));
    }

    public Path logDirectory() {
        return dataDirectory.resolve("run-logs");
    }

    public Path workDirectory() {
        return dataDirectory.resolve("runs");
    }

    /** {@code <instance>/data}: next to the attachments' storage the launcher creates there. */
    private static Path dataDirectory(UnaryOperator<String> properties, Map<String, String> env) {
        String instance = properties.apply("paperclip.instance.dir");
        if (instance != null && !instance.isBlank()) {
            return Path.of(instance.strip(), "data").toAbsolutePath().normalize();
        }
        String home = first(properties.apply("paperclip.home"), env.get("PAPERCLIP_HOME"));
        Path root = home != null ? Path.of(home) : Path.of(properties.apply("user.home"), ".paperclip");
        return root.resolve("instances").resolve("default").resolve("data").toAbsolutePath().normalize();
    }

    private static Long millis(String text) {
        try {
            long value = Long.parseLong(text.strip());
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String first(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
