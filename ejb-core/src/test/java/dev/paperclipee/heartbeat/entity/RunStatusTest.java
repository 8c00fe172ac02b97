package dev.paperclipee.heartbeat.entity;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The run life of spec §7.8, checked against every pair of statuses. */
class RunStatusTest {

    @Test
    void everyMoveIsAllowedExactlyWhenTheRunLifeSaysSo() {
        Set<RunStatus> ends = EnumSet.of(RunStatus.succeeded, RunStatus.failed, RunStatus.cancelled, RunStatus.timed_out);
        for (RunStatus from : RunStatus.values()) {
            for (RunStatus to : RunStatus.values()) {
                boolean expected = switch (from) {
                    case queued -> to == RunStatus.running || to == RunStatus.cancelled || to == RunStatus.failed;
                    case running -> ends.contains(to);
                    default -> false;
                };
                assertEquals(expected, from.canBecome(to), from + " → " + to);
            }
            assertEquals(ends.contains(from), from.terminal(), from + " is final");
        }
    }
}
