package dev.paperclipee.heartbeat.control;

/**
 * Where an adapter sends what the agent prints, as it arrives (spec §11.2 "stream stdout/stderr to
 * run logs"). The runtime's implementation appends NDJSON lines {@code {ts, stream, chunk, seq}}
 * to the run's log with secrets redacted. Thread-safe: stdout and stderr are usually read by two
 * threads.
 */
public interface RunOutput {

    enum Stream { stdout, stderr, system }

    void write(Stream stream, String chunk);

    default void stdout(String chunk) {
        write(Stream.stdout, chunk);
    }

    default void stderr(String chunk) {
        write(Stream.stderr, chunk);
    }

    /** A line from Paperclip itself (start, exit code, timeout, cancel), shown among the output. */
    default void system(String chunk) {
        write(Stream.system, chunk);
    }
}
