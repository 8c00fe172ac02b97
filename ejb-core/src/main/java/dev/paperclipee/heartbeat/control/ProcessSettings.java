package dev.paperclipee.heartbeat.control;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings every process-based adapter shares (spec §11.2): {@code cwd}, {@code env},
 * {@code timeoutSec}, {@code graceSec}, and how they become a child's environment.
 *
 * <p>The child does not inherit the server's environment: the server may hold database passwords,
 * cloud credentials and its own keys. It starts from a few harmless variables of the server
 * ({@link #BASE_ENVIRONMENT}, plus what an adapter names, e.g. the CLI's own API key), then the
 * config's {@code env}, then {@link Invocation#environment()}, which wins. The config can never
 * set {@code PAPERCLIP_*} names (api-contract "How a real agent runs a heartbeat"): those are
 * dropped and named in the log.
 */
final class ProcessSettings {

    static final long DEFAULT_GRACE_SEC = 15;
    static final long MAX_TIMEOUT_SEC = 7L * 24 * 3600;
    static final long MAX_GRACE_SEC = 3600;
    static final String RESERVED_PREFIX = "PAPERCLIP_";
    static final List<String> BASE_ENVIRONMENT =
            List.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR");

    private final String cwd;
    private final Map<String, String> env;
    private final Long timeoutSec;
    private final long graceSec;

    ProcessSettings(AdapterConfig config) {
        this.cwd = config.text("cwd", false);
        this.env = config.textMap("env");
        this.timeoutSec = config.wholeNumber("timeoutSec", 1, MAX_TIMEOUT_SEC);
        Long grace = config.wholeNumber("graceSec", 0, MAX_GRACE_SEC);
        this.graceSec = grace == null ? DEFAULT_GRACE_SEC : grace;
    }

    /**
     * The launch of {@code command} for {@code invocation}.
     *
     * @param serverEnvironment the server's own environment (normally {@code System.getenv()})
     * @param passThrough       names taken from the server's environment besides the base ones
     */
    ProcessLaunch launch(List<String> command, Invocation invocation, String stdin,
            Map<String, String> serverEnvironment, Collection<String> passThrough) {
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(BASE_ENVIRONMENT);
        names.addAll(passThrough);
        for (String name : names) {
            String value = serverEnvironment.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        List<String> ignored = new ArrayList<>();
        env.forEach((name, value) -> {
            if (name.startsWith(RESERVED_PREFIX)) {
                ignored.add(name);
            } else {
                environment.put(name, value);
            }
        });
        if (invocation.environment() != null) {
            environment.putAll(invocation.environment());
        }
        Duration timeout = timeoutSec != null ? Duration.ofSeconds(timeoutSec)
                : invocation.defaultTimeout() != null ? invocation.defaultTimeout() : Duration.ofSeconds(MAX_TIMEOUT_SEC);
        return new ProcessLaunch(command, directory(invocation), environment, stdin, timeout,
                Duration.ofSeconds(graceSec), ignored);
    }

    /** The configured {@code cwd} (relative to the run's work directory), or the work directory itself. */
    Path directory(Invocation invocation) {
        Path work = invocation.workDirectory();
        if (cwd == null) {
            return work;
        }
        Path configured = Path.of(cwd);
        return configured.isAbsolute() || work == null ? configured : work.resolve(configured);
    }

    /** The configured {@code env} (for secret-looking values to redact). */
    Map<String, String> env() {
        return env;
    }
}
