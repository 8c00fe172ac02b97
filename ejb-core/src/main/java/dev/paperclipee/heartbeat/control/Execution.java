package dev.paperclipee.heartbeat.control;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A started invocation: the spec's {@code status(run)} and {@code cancel(run)} (§11.1).
 * {@link #completion()} completes exactly once, with the run's end; it never completes
 * exceptionally (an adapter turns its own failures into a {@link RunResult} with status failed).
 */
public interface Execution {

    CompletionStage<RunResult> completion();

    /** Whether the work is still going on (false once {@link #completion()} is done). */
    boolean alive();

    /**
     * Stops the work: gracefully first (SIGTERM to the whole process tree, or nothing for a request
     * already accepted), forcefully after the configured grace period. Returns at once; the
     * completion then reports {@code cancelled}. Calling it again or after the end does nothing.
     */
    void cancel();

    /** The operating-system process, for the orphan reaper (absent for remote agents). */
    default Optional<ProcessHandle> process() {
        return Optional.empty();
    }

    /** When the process started, to tell it apart from a later process that reuses its pid. */
    default Optional<Instant> processStart() {
        return process().flatMap(p -> p.info().startInstant());
    }

    /** The remote side's id of this run (e.g. an http agent's job id), once known. */
    default Optional<String> externalRunId() {
        return Optional.empty();
    }

    /**
     * A remote agent reported the run's end through the callback endpoint (spec §11.3 "optional
     * callback endpoint allows asynchronous completion updates"): ends the run with that result.
     * Returns false when this execution takes no reports (a process, an http agent answering in
     * its response) or has already ended; the caller then leaves the run as it is.
     */
    default boolean report(RunResult result) {
        return false;
    }
}
