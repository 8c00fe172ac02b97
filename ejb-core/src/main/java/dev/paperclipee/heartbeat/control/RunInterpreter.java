package dev.paperclipee.heartbeat.control;

/**
 * What a process-based adapter makes of its child's output and end: the plain process adapter
 * looks at the exit code only, the agent CLIs parse their JSON stream for the session, the usage
 * and whether the agent itself reported a failure. Called from the pump threads, one line at a
 * time per stream; {@link #exited} and {@link #stopped} come after both streams are drained.
 */
interface RunInterpreter {

    /** Whether {@link #line} wants to see whole lines (costs a copy of each line). */
    default boolean readsLines() {
        return false;
    }

    /** One whole line of output, without its line break; lines longer than {@link OutputPump#MAX_LINE} are skipped. */
    default void line(RunOutput.Stream stream, String line) {
    }

    /** The process ended by itself with {@code exitCode}. */
    RunResult exited(int exitCode);

    /** The process was stopped (cancelled or timed out): {@code stop} plus whatever the output told. */
    default RunResult stopped(RunResult stop) {
        return stop;
    }
}
