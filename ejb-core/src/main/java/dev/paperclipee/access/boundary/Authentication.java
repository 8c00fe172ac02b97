package dev.paperclipee.access.boundary;

import dev.paperclipee.access.control.RunClaims;
import dev.paperclipee.access.control.RunTokens;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.BoardApiKey;
import dev.paperclipee.access.entity.BoardKeyTokens;
import dev.paperclipee.access.entity.BoardUser;
import dev.paperclipee.agent.entity.AgentApiKey;
import dev.paperclipee.agent.entity.AgentKeyTokens;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a bearer token belongs to (spec §9.2, api-contract "Who is calling"). A known, unrevoked
 * key of an agent that is not terminated makes the caller that agent, scoped to its company; a
 * run-scoped token ({@link RunTokens}) makes it that agent acting in that run, for as long as the
 * run is queued or running. Anything else — a token of the wrong shape, an unknown or revoked
 * key, a forged or expired token, a finished run, a terminated agent — is nobody, and the caller
 * answers 401 without saying which.
 */
@Stateless
public class Authentication {

    /**
     * {@code last_used_at} is a "seen recently" hint, not an audit trail: it is written at most
     * once a minute per key, so an agent's burst of requests costs reads, not a write each.
     */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** The run named exists, belongs to this agent of this company and has not finished. */
    private static final String LIVE_RUN_OF_AGENT = """
            select count(*) from heartbeat_runs r
             where r.id = cast(?1 as uuid) and r.agent_id = cast(?2 as uuid) and r.company_id = cast(?3 as uuid)
               and r.status in ('queued', 'running')
            """;
    /** The same, and the agent is not terminated: all a run token needs, in one query. */
    private static final String LIVE_RUN_OF_LIVE_AGENT = LIVE_RUN_OF_AGENT + """
               and exists (select 1 from agents a where a.id = r.agent_id and a.company_id = r.company_id
                                                    and a.status <> 'terminated')
            """;

    @PersistenceContext
    EntityManager em;

    @Inject
    RunTokens runTokens;

    /** The agent holding this API key, or empty. One indexed query; at most one small update a minute. */
    public Optional<Actor> agentKey(String token) {
        if (!AgentKeyTokens.wellFormed(token)) {
            return Optional.empty();
        }
        List<Object[]> found = em.createNamedQuery(AgentApiKey.BY_HASH_WITH_AGENT_STATUS, Object[].class)
                .setParameter("hash", AgentKeyTokens.hash(token))
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AgentApiKey key = (AgentApiKey) found.get(0)[0];
        AgentStatus status = (AgentStatus) found.get(0)[1];
        if (key.isRevoked() || status == AgentStatus.terminated) {
            return Optional.empty();
        }
        OffsetDateTime now = Timestamps.now();
        OffsetDateTime staleBefore = now.minus(LAST_USED_RESOLUTION);
        if (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(staleBefore)) {
            // conditional, so concurrent requests of several nodes still write once
            em.createNamedQuery(AgentApiKey.TOUCH)
                    .setParameter("now", now)
                    .setParameter("id", key.getId())
                    .setParameter("staleBefore", staleBefore)
                    .executeUpdate();
        }
        return Optional.of(Actor.agent(key.getAgentId(), key.getCompanyId()));
    }

    /**
     * The board user holding this board API key ({@code pcb_…}), or empty: unknown, revoked, or a
     * disabled user. One indexed query; at most one small update a minute.
     */
    public Optional<Actor> boardKey(String token) {
        if (!BoardKeyTokens.wellFormed(token)) {
            return Optional.empty();
        }
        List<Object[]> found = em.createNamedQuery(BoardApiKey.BY_HASH_WITH_USER, Object[].class)
                .setParameter("hash", BoardKeyTokens.hash(token))
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        BoardApiKey key = (BoardApiKey) found.get(0)[0];
        BoardUser user = (BoardUser) found.get(0)[1];
        if (key.isRevoked() || user.isDisabled()) {
            return Optional.empty();
        }
        OffsetDateTime now = Timestamps.now();
        OffsetDateTime staleBefore = now.minus(LAST_USED_RESOLUTION);
        if (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(staleBefore)) {
            em.createNamedQuery(BoardApiKey.TOUCH)
                    .setParameter("now", now)
                    .setParameter("id", key.getId())
                    .setParameter("staleBefore", staleBefore)
                    .executeUpdate();
        }
        return Optional.of(Actor.boardUser(user.getId()));
    }

    /**
     * The agent of a run-scoped token, acting in that run: a genuine, unexpired token whose run is
     * still queued or running and whose agent is not terminated. One query; the key dies with the
     * run, whatever its {@code exp} says.
     */
    public Optional<Actor> runToken(String token) {
        Optional<RunClaims> verified = runTokens.verify(token);
        if (verified.isEmpty()) {
            return Optional.empty();
        }
        RunClaims claims = verified.get();
        if (!liveRun(LIVE_RUN_OF_LIVE_AGENT, claims.runId(), claims.agentId(), claims.companyId())) {
            return Optional.empty();
        }
        return Optional.of(Actor.agentInRun(claims.agentId(), claims.companyId(), claims.runId()));
    }

    /**
     * An agent authenticated by its long-lived key, acting in {@code runId} as its
     * {@code X-Paperclip-Run-Id} header says (api-contract "Rules clients rely on"): only a queued
     * or running run of that same agent qualifies, else empty. One query.
     */
    public Optional<Actor> inRun(Actor agent, UUID runId) {
        if (!agent.isAgent() || runId == null || !liveRun(LIVE_RUN_OF_AGENT, runId, agent.agentId(), agent.companyId())) {
            return Optional.empty();
        }
        return Optional.of(Actor.agentInRun(agent.agentId(), agent.companyId(), runId));
    }

    private boolean liveRun(String sql, UUID runId, UUID agentId, UUID companyId) {
        Number found = (Number) em.createNativeQuery(sql)
                .setParameter(1, runId.toString())
                .setParameter(2, agentId.toString())
                .setParameter(3, companyId.toString())
                .getSingleResult();
        return found.longValue() > 0;
    }
}
