package dev.paperclipee.agent.entity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.paperclipee.agent.entity.AgentStatus.active;
import static dev.paperclipee.agent.entity.AgentStatus.error;
import static dev.paperclipee.agent.entity.AgentStatus.idle;
import static dev.paperclipee.agent.entity.AgentStatus.paused;
import static dev.paperclipee.agent.entity.AgentStatus.pending_approval;
import static dev.paperclipee.agent.entity.AgentStatus.running;
import static dev.paperclipee.agent.entity.AgentStatus.terminated;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spec §8.1: every pair of statuses, allowed exactly when the spec lists it. */
class AgentStatusTest {

    /** The spec's list, written out independently of the enum's own table. */
    private static final Set<List<AgentStatus>> ALLOWED = Set.of(
            List.of(idle, running), List.of(running, idle), List.of(running, error), List.of(error, idle),
            List.of(idle, paused), List.of(running, paused), List.of(paused, idle),
            List.of(active, terminated), List.of(paused, terminated), List.of(idle, terminated),
            List.of(running, terminated), List.of(error, terminated), List.of(pending_approval, terminated));

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (AgentStatus from : AgentStatus.values()) {
            for (AgentStatus to : AgentStatus.values()) {
                pairs.add(Arguments.of(from, to, ALLOWED.contains(List.of(from, to))));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void canMoveExactlyAsTheSpecSays(AgentStatus from, AgentStatus to, boolean allowed) {
        assertEquals(allowed, from.canMoveTo(to));
    }
}
