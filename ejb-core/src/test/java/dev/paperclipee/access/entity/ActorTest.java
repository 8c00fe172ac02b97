package dev.paperclipee.access.entity;

import dev.paperclipee.shared.entity.ForbiddenException;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spec §9.3: board-only actions and the strict company boundary of agents. */
class ActorTest {

    private final UUID company = UUID.randomUUID();
    private final UUID otherCompany = UUID.randomUUID();
    private final UUID agentId = UUID.randomUUID();
    private final Actor agent = new Actor(ActorType.agent, agentId.toString(), company, null);

    @Test
    void requireBoardRefusesAnAgentWithUpstreamsWording() {
        ForbiddenException e = assertThrows(ForbiddenException.class, agent::requireBoard);

        assertEquals("Board access required", e.getMessage());
    }

    @Test
    void requireBoardLetsTheBoardAndTheSystemThrough() {
        assertDoesNotThrow(Actor.localBoard()::requireBoard);
        assertDoesNotThrow(Actor.boardUser(UUID.randomUUID())::requireBoard);
        assertDoesNotThrow(Actor.system("heartbeat")::requireBoard);
    }

    @Test
    void requireCompanyKeepsAnAgentInItsOwnCompany() {
        assertDoesNotThrow(() -> agent.requireCompany(company));

        ForbiddenException e = assertThrows(ForbiddenException.class, () -> agent.requireCompany(otherCompany));
        assertEquals("Agent key cannot access another company", e.getMessage());
    }

    @Test
    void anAgentWithoutACompanyReachesNone() {
        Actor homeless = new Actor(ActorType.agent, agentId.toString(), null, null);

        assertThrows(ForbiddenException.class, () -> homeless.requireCompany(company));
    }

    @Test
    void theBoardAndTheSystemReachEveryCompany() {
        assertDoesNotThrow(() -> Actor.localBoard().requireCompany(company));
        assertDoesNotThrow(() -> Actor.localBoard().requireCompany(otherCompany));
        assertDoesNotThrow(() -> Actor.system("importer").requireCompany(otherCompany));
    }

    @Test
    void identities() {
        Actor board = Actor.localBoard();
        UUID runId = UUID.randomUUID();
        Actor inRun = new Actor(ActorType.agent, agentId.toString(), company, runId);

        assertTrue(board.isBoard());
        assertFalse(board.isAgent());
        assertEquals(Actor.LOCAL_BOARD_USER_ID, board.userId());
        assertEquals(UUID.fromString("00000000-0000-0000-0000-000000000001"), Actor.LOCAL_BOARD_USER_ID);
        assertNull(board.agentId());
        assertNull(board.companyId());

        assertTrue(agent.isAgent());
        assertEquals(agentId, agent.agentId());
        assertNull(agent.userId());
        assertEquals(runId, inRun.runId());

        Actor system = Actor.system("scheduler");
        assertFalse(system.isBoard());
        assertFalse(system.isAgent());
        assertEquals("scheduler", system.id());
        assertNull(system.agentId());
        assertNull(system.userId());
    }
}
