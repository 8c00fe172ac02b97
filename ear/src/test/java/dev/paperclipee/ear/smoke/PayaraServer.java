package dev.paperclipee.ear.smoke;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Payara Server 6 with a domain of its own ({@code smoke}), copied fresh from the distribution's
 * {@code domain1} on each run with every port moved to a free block (creating a domain takes half
 * a minute here; copying takes none). The set-up is {@code setup.sh} / {@code setup.asadmin}.
 */
final class PayaraServer extends AppServer {

    static final String DOMAIN = "smoke";
    /** domain1's ports and their offsets in asadmin's --portbase scheme. */
    private static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("port=\"8080\"", 80);
        PORTS.put("port=\"8181\"", 81);
        PORTS.put("port=\"4848\"", 48);
        PORTS.put("port=\"3700\"", 37);
        PORTS.put("port=\"3820\"", 38);
        PORTS.put("port=\"3920\"", 39);
        PORTS.put("port=\"8686\"", 86);
        PORTS.put("value=\"7676\"", 76);
        PORTS.put("telnet.port=6666", 66);
        PORTS.put("das-port=\"4900\"", 49);
        PORTS.put("start-port=\"5900\"", 59);
    }

    private final int base;
    private ProcessHandle jvm;

    PayaraServer(Path home, Path setupDir, Path work, Map<String, String> environment) {
        super(home, setupDir, work, withAsadmin(environment, home));
        this.base = freeBase(32000, PORTS.values().stream().mapToInt(Integer::intValue).toArray());
    }

    private static Map<String, String> withAsadmin(Map<String, String> environment, Path home) {
        Map<String, String> all = new HashMap<>(environment);
        all.put("ASADMIN", home.resolve("bin/asadmin").toString());
        return all;
    }

    @Override
    String name() {
        return "payara-server";
    }

    private Path domain() {
        return home.resolve("glassfish/domains/" + DOMAIN);
    }

    private String asadmin() {
        return home.resolve("bin/asadmin").toString();
    }

    private String adminPort() {
        return String.valueOf(base + 48);
    }

    @Override
    void start() throws Exception {
        pidFromFile().ifPresent(stale -> {
            System.out.println("smoke: killing a Payara Server left from an earlier run, pid " + stale.pid());
            killTree(stale);
        });
        deleteTree(domain());
        copyTree(home.resolve("glassfish/domains/domain1"), domain());
        Path xml = domain().resolve("config/domain.xml");
        String config = Files.readString(xml, StandardCharsets.UTF_8);
        for (Map.Entry<String, Integer> port : PORTS.entrySet()) {
            String from = port.getKey();
            String number = from.replaceAll("[^0-9]", "");
            config = config.replace(from, from.replace(number, String.valueOf(base + port.getValue())));
        }
        // the smoke test wants no data grid (one server; it binds more ports and takes seconds to form)
        config = config.replaceFirst("<hazelcast-config-specific-configuration>",
                "<hazelcast-config-specific-configuration enabled=\"false\">");
        // the IIOP and JMX listeners of domain1 listen everywhere; the test binds to loopback only
        config = config.replace("address=\"0.0.0.0\"", "address=\"127.0.0.1\"");
        Files.writeString(xml, config, StandardCharsets.UTF_8);
        startDomain();
    }

    private void startDomain() throws Exception {
        run(home, asadmin(), "start-domain", DOMAIN);
        jvm = pidFromFile().orElseThrow(() -> new IllegalStateException("Payara Server started but wrote no pid file"));
    }

    private Optional<ProcessHandle> pidFromFile() throws Exception {
        Path pid = domain().resolve("config/pid");
        if (!Files.exists(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim()))
                .filter(p -> p.info().commandLine().orElse("").contains(home.toString()));
    }

    @Override
    void runSetUp() throws Exception {
        run(setupDir, "bash", setupDir.resolve("setup.sh").toString(), "--port", adminPort());
    }

    /**
     * Stop and start, not restart-domain: a restarted domain keeps the environment of its first
     * start, and the pool reads DATABASE_URL and the credentials from it.
     */
    @Override
    void applySetUp() throws Exception {
        stop();
        startDomain();
    }

    @Override
    void deploy(Path ear) throws Exception {
        run(home, asadmin(), "--port", adminPort(), "deploy", "--name", "paperclip-ee", ear.toString());
    }

    @Override
    void undeploy() throws Exception {
        run(home, asadmin(), "--port", adminPort(), "undeploy", "paperclip-ee");
    }

    @Override
    void stop() throws Exception {
        ProcessHandle running = jvm;
        run(home, asadmin(), "--port", adminPort(), "stop-domain", DOMAIN);
        if (running != null && !awaitExit(running, Duration.ofMinutes(2))) {
            throw new IllegalStateException("Payara Server pid " + running.pid() + " still runs after stop-domain");
        }
    }

    /** The JVM seen at the last start, or the one the domain's pid file names (a start that failed half-way). */
    @Override
    Optional<ProcessHandle> process() {
        Optional<ProcessHandle> known = Optional.ofNullable(jvm).filter(ProcessHandle::isAlive);
        if (known.isPresent()) {
            return known;
        }
        try {
            return pidFromFile().filter(ProcessHandle::isAlive);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + (base + 80) + "/");
    }

    @Override
    Path log() {
        return domain().resolve("logs/server.log");
    }
}
