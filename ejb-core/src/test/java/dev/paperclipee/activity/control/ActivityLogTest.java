package dev.paperclipee.activity.control;

import dev.paperclipee.access.entity.Actor;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which agent an activity row concerns, so that {@code ?agentId=} finds what was done to an agent too. */
class ActivityLogTest {

    private static final UUID AGENT = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();

    @Test
    void anAgentsOwnActionsConcernIt() {
        Actor agent = Actor.agent(AGENT, UUID.randomUUID());
        assertEquals(AGENT, ActivityLog.concernedAgent(agent, "issue", UUID.randomUUID()));
        assertEquals(AGENT, ActivityLog.concernedAgent(agent, "agent", AGENT));
    }

    @Test
    void theBoardsActionsOnAnAgentConcernThatAgent() {
        assertEquals(OTHER, ActivityLog.concernedAgent(Actor.localBoard(), "agent", OTHER));
        assertNull(ActivityLog.concernedAgent(Actor.localBoard(), "issue", OTHER));
        assertNull(ActivityLog.concernedAgent(Actor.system("scheduler"), "company", OTHER));
        assertEquals(OTHER, ActivityLog.concernedAgent(Actor.system("scheduler"), "agent", OTHER));
    }
}
