package dev.paperclipee.agent.entity;

import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Timestamped;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A long-lived API key of an agent (spec §7.3): a name, the hash of the token (never the token),
 * when it was last used and when it was revoked. A key grants exactly its agent's company; it is
 * shown once at creation and a revoked key stays revoked.
 */
@Entity
@Table(name = "agent_api_keys")
@NamedQuery(name = AgentApiKey.BY_AGENT,
        query = "select k from AgentApiKey k where k.agentId = :agentId order by k.createdAt, k.id")
@NamedQuery(name = AgentApiKey.BY_HASH_WITH_AGENT_STATUS,
        query = "select k, a.status from AgentApiKey k, Agent a where k.keyHash = :hash and a.id = k.agentId")
@NamedQuery(name = AgentApiKey.TOUCH, query = "update AgentApiKey k set k.lastUsedAt = :now where k.id = :id"
        + " and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)")
public class AgentApiKey extends Timestamped {

    public static final String BY_AGENT = "AgentApiKey.byAgent";
    /** The key of a token hash and its agent's status, in one query on the unique hash index. */
    public static final String BY_HASH_WITH_AGENT_STATUS = "AgentApiKey.byHashWithAgentStatus";
    /** Sets {@code last_used_at} unless another request did so recently (at most one write a minute). */
    public static final String TOUCH = "AgentApiKey.touch";

    @Id
    private UUID id;

    @Column(name = "agent_id", nullable = false, updatable = false)
    private UUID agentId;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "key_hash", nullable = false, updatable = false)
    private String keyHash;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected AgentApiKey() {
        // JPA
    }

    /** A key of {@code agent} for the token whose hash is given ({@link AgentKeyTokens#hash}). */
    public AgentApiKey(Agent agent, String name, String keyHash) {
        this.id = UUID.randomUUID();
        this.agentId = agent.getId();
        this.companyId = agent.getCompanyId();
        this.name = Text.required("name", name, Text.NAME);
        this.keyHash = keyHash;
    }

    /** Revokes the key; revoking a revoked key keeps its first revocation time. */
    public void revoke() {
        if (revokedAt == null) {
            revokedAt = Timestamps.now();
        }
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public UUID getId() { return id; }
    public UUID getAgentId() { return agentId; }
    public UUID getCompanyId() { return companyId; }
    public String getName() { return name; }
    public String getKeyHash() { return keyHash; }
    public OffsetDateTime getLastUsedAt() { return lastUsedAt; }
    public OffsetDateTime getRevokedAt() { return revokedAt; }
}
