package dev.paperclipee.heartbeat.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a heartbeat run (spec §7.8): {@code queued → running → succeeded | failed |
 * cancelled | timed_out}; a queued run may also be cancelled before it starts. The four ends are
 * final. Stored by name, as the SQL CHECK of {@code heartbeat_runs.status} lists them.
 */
public enum RunStatus {
    queued, running, succeeded, failed, cancelled, timed_out;

    public static final Set<RunStatus> ACTIVE = EnumSet.of(queued, running);

    public boolean terminal() {
        return !ACTIVE.contains(this);
    }

    public boolean canBecome(RunStatus next) {
        return switch (this) {
            case queued -> next == running || next == cancelled || next == failed;
            case running -> next.terminal();
            default -> false;
        };
    }
}
