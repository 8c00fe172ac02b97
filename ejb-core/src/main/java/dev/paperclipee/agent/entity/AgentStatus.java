package dev.paperclipee.agent.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Spec §8.1. Names are wire and column values. The allowed moves:
 * {@code idle → running | paused}, {@code running → idle | error | paused}, {@code error → idle},
 * {@code paused → idle}, and from anything but {@code terminated} to {@code terminated} (the
 * board's, irreversible). {@code active} and {@code pending_approval} are column values upstream
 * data may carry; from them only termination is allowed here (hire approvals bring their own move).
 */
public enum AgentStatus {
    active, paused, idle, running, error, pending_approval, terminated;

    /** Whether §8.1 allows moving from this status to {@code target}. */
    public boolean canMoveTo(AgentStatus target) {
        if (this == terminated) {
            return false;
        }
        return target == terminated || next().contains(target);
    }

    private Set<AgentStatus> next() {
        return switch (this) {
            case idle -> EnumSet.of(running, paused);
            case running -> EnumSet.of(idle, error, paused);
            case error, paused -> EnumSet.of(idle);
            case active, pending_approval, terminated -> EnumSet.noneOf(AgentStatus.class);
        };
    }
}
