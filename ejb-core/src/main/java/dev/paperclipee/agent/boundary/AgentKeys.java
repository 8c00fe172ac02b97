package dev.paperclipee.agent.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentApiKey;
import dev.paperclipee.agent.entity.AgentKeyTokens;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.NotFoundException;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An agent's long-lived API keys (spec §7.3, §10.3): create (the token is shown once, only its
 * hash is stored), list, revoke. Key management is the board's (§9.2: agents cannot mutate auth
 * or keys). Activity rows name the key by id and name, never by token or hash.
 */
@Stateless
public class AgentKeys {

    @PersistenceContext
    EntityManager em;

    @Inject
    ActivityLog activity;

    /** A new key for a live agent; a terminated agent gets none (409). */
    public IssuedKey create(Actor actor, UUID agentId, String name) {
        actor.requireBoard();
        Agent agent = agent(agentId);
        if (agent.isTerminated()) {
            throw new ConflictException("A terminated agent cannot get API keys", Map.of("agentId", agentId.toString()));
        }
        String token = AgentKeyTokens.generate();
        AgentApiKey key = new AgentApiKey(agent, name, AgentKeyTokens.hash(token));
        em.persist(key);
        activity.record(actor, agent.getCompanyId(), "agent.key_created", "agent", agentId,
                Map.of("keyId", key.getId().toString(), "name", key.getName()));
        return new IssuedKey(key, token);
    }

    /** The agent's keys, revoked ones included, oldest first. */
    public List<AgentApiKey> list(Actor actor, UUID agentId) {
        actor.requireBoard();
        agent(agentId);
        return em.createNamedQuery(AgentApiKey.BY_AGENT, AgentApiKey.class).setParameter("agentId", agentId).getResultList();
    }

    /**
     * Revokes the key at once: the next request with it is a 401. Revoking a revoked key answers
     * it unchanged (its first revocation time, no second activity row), as a repeated DELETE should.
     */
    public AgentApiKey revoke(Actor actor, UUID agentId, UUID keyId) {
        actor.requireBoard();
        agent(agentId);
        AgentApiKey key = em.find(AgentApiKey.class, keyId);
        if (key == null || !key.getAgentId().equals(agentId)) {
            throw NotFoundException.of("API key", keyId);
        }
        if (!key.isRevoked()) {
            key.revoke();
            activity.record(actor, key.getCompanyId(), "agent.key_revoked", "agent", agentId,
                    Map.of("keyId", key.getId().toString(), "name", key.getName()));
        }
        return key;
    }

    private Agent agent(UUID agentId) {
        Agent agent = em.find(Agent.class, agentId);
        if (agent == null) {
            throw NotFoundException.of("Agent", agentId);
        }
        return agent;
    }
}
