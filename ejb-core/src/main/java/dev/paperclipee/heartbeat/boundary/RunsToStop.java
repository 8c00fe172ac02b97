package dev.paperclipee.heartbeat.boundary;

import java.util.List;
import java.util.UUID;

/**
 * CDI event: these running runs are to be stopped (cancelled by the board, their agent paused or
 * terminated, or finished by a callback). Once the transaction commits, the node running them stops
 * them at once; other nodes notice {@code cancel_requested_at} on their next tick.
 */
public record RunsToStop(List<UUID> runIds) {
}
