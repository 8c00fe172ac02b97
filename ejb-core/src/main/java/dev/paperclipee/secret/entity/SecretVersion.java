package dev.paperclipee.secret.entity;

import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Timestamps;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One value of a secret (spec §7.12), immutable once written: the provider's material (for
 * {@code local_encrypted} the AES-GCM ciphertext, never the plain value) and a keyed digest of
 * the value, so that re-use can be seen without decrypting and without a guessable plain hash.
 */
@Entity
@Table(name = "company_secret_versions")
@NamedQuery(name = SecretVersion.OF_SECRET,
        query = "select v from SecretVersion v where v.secretId = :secretId and v.version = :version")
@NamedQuery(name = SecretVersion.VERSIONS,
        query = "select v.version from SecretVersion v where v.secretId = :secretId order by v.version")
public class SecretVersion {

    public static final String OF_SECRET = "SecretVersion.ofSecret";
    public static final String VERSIONS = "SecretVersion.versions";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(name = "secret_id", nullable = false, updatable = false)
    private UUID secretId;

    @Column(nullable = false, updatable = false)
    private int version;

    @Column(nullable = false, updatable = false, columnDefinition = "jsonb")
    private String material;

    @Column(name = "value_sha256", nullable = false, updatable = false)
    private String valueDigest;

    @Column(name = "created_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByUserId;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected SecretVersion() {
        // JPA
    }

    public SecretVersion(CompanySecret secret, int version, String material, String valueDigest, UUID createdByUserId) {
        this.id = UUID.randomUUID();
        this.companyId = secret.getCompanyId();
        this.secretId = secret.getId();
        this.version = version;
        this.material = material;
        this.valueDigest = valueDigest;
        this.createdByUserId = createdByUserId;
    }

    @PrePersist
    void stamp() {
        createdAt = Timestamps.now();
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public UUID getSecretId() { return secretId; }
    public int getVersion() { return version; }
    public String getMaterial() { return material; }
    public String getValueDigest() { return valueDigest; }
    public OffsetDateTime getRevokedAt() { return revokedAt; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
