package dev.paperclipee.access.entity;

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
 * A board user's API key for scripts and CLIs (deployment-modes.md §4: "board API keys"): the
 * request is that user acting as the board. Like an agent key it is shown once; only the SHA-256
 * of the token is stored, and a revoked key stays revoked.
 */
@Entity
@Table(name = "board_api_keys")
@NamedQuery(name = BoardApiKey.BY_USER,
        query = "select k from BoardApiKey k where k.userId = :userId order by k.createdAt, k.id")
@NamedQuery(name = BoardApiKey.BY_HASH_WITH_USER,
        query = "select k, u from BoardApiKey k, BoardUser u where k.keyHash = :hash and u.id = k.userId")
@NamedQuery(name = BoardApiKey.TOUCH, query = "update BoardApiKey k set k.lastUsedAt = :now where k.id = :id"
        + " and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)")
public class BoardApiKey extends Timestamped {

    public static final String BY_USER = "BoardApiKey.byUser";
    public static final String BY_HASH_WITH_USER = "BoardApiKey.byHashWithUser";
    public static final String TOUCH = "BoardApiKey.touch";

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "key_hash", nullable = false, updatable = false)
    private String keyHash;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected BoardApiKey() {
        // JPA
    }

    public BoardApiKey(UUID userId, String name, String keyHash) {
        this.id = UUID.randomUUID();
        this.userId = userId;
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
    public UUID getUserId() { return userId; }
    public String getName() { return name; }
    public OffsetDateTime getLastUsedAt() { return lastUsedAt; }
    public OffsetDateTime getRevokedAt() { return revokedAt; }
}
