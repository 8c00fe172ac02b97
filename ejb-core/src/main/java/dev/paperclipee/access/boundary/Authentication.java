package dev.paperclipee.access.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.entity.AgentApiKey;
import dev.paperclipee.agent.entity.AgentKeyTokens;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Who a bearer token belongs to (spec §9.2, api-contract "Who is calling"). A known, unrevoked
 * key of an agent that is not terminated makes the caller that agent, scoped to its company.
 * Anything else — a token of the wrong shape, an unknown or revoked key, a terminated agent —
 * is nobody, and the caller answers 401 without saying which.
 */
@Stateless
public class Authentication {

    /**
     * {@code last_used_at} is a "seen recently" hint, not an audit trail: it is written at most
     * once a minute per key, so an agent's burst of requests costs reads, not a write each.
     */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

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
}
