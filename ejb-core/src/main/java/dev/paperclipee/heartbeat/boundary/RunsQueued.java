package dev.paperclipee.heartbeat.boundary;

/** CDI event: runs were queued in the current transaction; once it commits the dispatcher starts them. */
public record RunsQueued() {
}
