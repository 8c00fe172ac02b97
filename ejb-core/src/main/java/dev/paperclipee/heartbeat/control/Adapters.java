package dev.paperclipee.heartbeat.control;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** The adapters by {@code adapterType} (spec §11.1). */
public final class Adapters {

    private final Map<String, AgentAdapter> byType;

    private Adapters(Map<String, AgentAdapter> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static Adapters standard(Executor executor, ScheduledExecutorService timer) {
        return new Adapters(Map.of(ProcessAdapter.TYPE, new ProcessAdapter(executor, timer)));
    }

    public AgentAdapter forType(String type) throws AdapterException {
        AgentAdapter adapter = byType.get(type);
        if (adapter == null) {
            throw new AdapterException("adapter_unknown", "No adapter for adapterType '" + type + "'");
        }
        return adapter;
    }
}
