package dev.paperclipee.heartbeat.control;

import java.nio.file.Path;

/**
 * A claimed run, ready to hand to its adapter: the invocation, the adapter to use, where its log
 * goes, and the JSON context to keep as the run's {@code context_snapshot}.
 */
public record RunPlan(String adapterType, Invocation invocation, Path logFile, String contextJson) {
}
