package dev.paperclipee.heartbeat.control;

import jakarta.json.JsonObject;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The adapters by {@code adapterType} (spec §11.1): the runtime asks it which adapter reaches an
 * agent, the agent boundary asks it whether an agent's adapter settings can work.
 */
public final class Adapters {

    /** The types this server can run, in the order the UI offers them. */
    public static final List<String> TYPES =
            List.of(ProcessAdapter.TYPE, HttpAdapter.TYPE, ClaudeLocalAdapter.TYPE, CodexLocalAdapter.TYPE);

    private final Map<String, AgentAdapter> byType = new LinkedHashMap<>();

    /** A registry of exactly these adapters; two with the same type are a programming error. */
    public Adapters(Collection<? extends AgentAdapter> adapters) {
        for (AgentAdapter adapter : adapters) {
            if (byType.putIfAbsent(adapter.type(), adapter) != null) {
                throw new IllegalArgumentException("two adapters for type " + adapter.type());
            }
        }
    }

    /**
     * The four standard adapters.
     *
     * @param executor runs output pumps, HTTP exchanges and run completions (a managed executor:
     *                 each running process holds two of its threads until it ends)
     * @param timer    runs deadlines and SIGKILLs after grace periods (a managed scheduled executor)
     */
    public static Adapters standard(Executor executor, ScheduledExecutorService timer) {
        return new Adapters(List.of(new ProcessAdapter(executor, timer), new HttpAdapter(executor, timer),
                new ClaudeLocalAdapter(executor, timer), new CodexLocalAdapter(executor, timer)));
    }

    /** The adapter for {@code adapterType}; {@code adapter_unknown} when there is none. */
    public AgentAdapter forType(String adapterType) throws AdapterException {
        AgentAdapter adapter = adapterType == null ? null : byType.get(adapterType);
        if (adapter == null) {
            throw new AdapterException("adapter_unknown", "Unknown adapter type: " + adapterType);
        }
        return adapter;
    }

    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }

    /**
     * What is wrong with an agent's adapter settings; empty when they can run. An unknown type is
     * one problem at {@code [adapterType]} (code {@code unknown_adapter_type}); a missing required
     * key has code {@code required}, so that a caller may tolerate an empty config (e.g. an agent
     * created with only a name, whose adapter is configured later).
     */
    public static List<ConfigProblem> validate(String adapterType, JsonObject adapterConfig) {
        if (adapterType == null) {
            return List.of(new ConfigProblem(List.of("adapterType"), "is required", "required"));
        }
        return switch (adapterType) {
            case ProcessAdapter.TYPE -> ProcessAdapter.validate(adapterConfig);
            case HttpAdapter.TYPE -> HttpAdapter.validate(adapterConfig);
            case ClaudeLocalAdapter.TYPE -> ClaudeLocalAdapter.validate(adapterConfig);
            case CodexLocalAdapter.TYPE -> CodexLocalAdapter.validate(adapterConfig);
            default -> List.of(new ConfigProblem(List.of("adapterType"),
                    "must be one of " + String.join(", ", TYPES), "unknown_adapter_type"));
        };
    }
}
