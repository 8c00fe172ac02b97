package dev.paperclipee.access.entity;

import dev.paperclipee.shared.entity.ForbiddenException;

import java.util.UUID;

/**
 * The principal a boundary acts for. Boundaries take it as a parameter so that REST, the board
 * and background jobs are held to the same permission rules (spec §9).
 *
 * @param type      board user, agent or the system itself
 * @param id        the user id, agent id or a system component name
 * @param companyId an agent's company (null for the board and the system)
 * @param runId     the heartbeat run an agent acts in, if any
 */
public record Actor(ActorType type, String id, UUID companyId, UUID runId) {

    /** The implicit board operator of {@code local_trusted} mode (a row of {@code users}). */
    public static final UUID LOCAL_BOARD_USER_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    /**
     * The servlet request attribute under which the web tier's authentication mechanism leaves
     * the authenticated actor of a request (the API and the board pages read it from there).
     */
    public static final String REQUEST_ATTRIBUTE = "dev.paperclipee.actor";

    public static Actor localBoard() {
        return new Actor(ActorType.user, LOCAL_BOARD_USER_ID.toString(), null, null);
    }

    public static Actor boardUser(UUID userId) {
        return new Actor(ActorType.user, userId.toString(), null, null);
    }

    /** An agent authenticated by one of its API keys: it acts in its own company only. */
    public static Actor agent(UUID agentId, UUID companyId) {
        return new Actor(ActorType.agent, agentId.toString(), companyId, null);
    }

    /** An agent acting in one heartbeat run: what it writes is recorded against that run (checkout locks, activity). */
    public static Actor agentInRun(UUID agentId, UUID companyId, UUID runId) {
        return new Actor(ActorType.agent, agentId.toString(), companyId, runId);
    }

    public static Actor system(String component) {
        return new Actor(ActorType.system, component, null, null);
    }

    public boolean isBoard() {
        return type == ActorType.user;
    }

    public boolean isAgent() {
        return type == ActorType.agent;
    }

    /** The agent id of an agent actor, else null. */
    public UUID agentId() {
        return isAgent() ? UUID.fromString(id) : null;
    }

    /** The board user id of a board actor, else null. */
    public UUID userId() {
        return isBoard() ? UUID.fromString(id) : null;
    }

    /** Board-only actions (spec §9.3): agents get 403 with upstream's wording. */
    public void requireBoard() {
        if (!isBoard() && type != ActorType.system) {
            throw ForbiddenException.boardOnly();
        }
    }

    /** Strict company boundary (spec §16): an agent only ever touches its own company. */
    public void requireCompany(UUID company) {
        if (isAgent() && !company.equals(companyId)) {
            throw new ForbiddenException("Agent key cannot access another company");
        }
    }
}
