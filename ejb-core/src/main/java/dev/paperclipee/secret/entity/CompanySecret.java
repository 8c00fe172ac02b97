package dev.paperclipee.secret.entity;

import dev.paperclipee.shared.entity.NullableUuid;
import dev.paperclipee.shared.entity.Text;
import dev.paperclipee.shared.entity.Versioned;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A company secret (spec §7.12): its name (unique in the company), provider and description, and
 * the number of its latest version. The value itself is in {@link SecretVersion}s; this row never
 * holds it, so reading a secret shows metadata only.
 */
@Entity
@Table(name = "company_secrets")
@NamedQuery(name = CompanySecret.BY_COMPANY,
        query = "select s from CompanySecret s where s.companyId = :companyId order by s.name, s.id")
@NamedQuery(name = CompanySecret.BY_NAME,
        query = "select s from CompanySecret s where s.companyId = :companyId and s.name = :name")
public class CompanySecret extends Versioned {

    public static final String BY_COMPANY = "CompanySecret.byCompany";
    public static final String BY_NAME = "CompanySecret.byName";

    /** The provider of local deployments (spec §7.12), and the only one this server has. */
    public static final String LOCAL_ENCRYPTED = "local_encrypted";

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false, updatable = false)
    private UUID companyId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, updatable = false)
    private String provider;

    @Column(name = "external_ref")
    private String externalRef;

    @Column(name = "latest_version", nullable = false)
    private int latestVersion;

    private String description;

    @Column(name = "created_by_agent_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByAgentId;

    @Column(name = "created_by_user_id", updatable = false)
    @Convert(converter = NullableUuid.class)
    private UUID createdByUserId;

    protected CompanySecret() {
        // JPA
    }

    /** A new secret; its first version is added by {@link #nextVersion()} with the value. */
    public CompanySecret(UUID companyId, String name, String description, UUID createdByUserId) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.provider = LOCAL_ENCRYPTED;
        this.latestVersion = 0;
        this.createdByUserId = createdByUserId;
        rename(name);
        describe(description);
    }

    public void rename(String newName) {
        this.name = Text.required("name", newName, Text.NAME);
    }

    public void describe(String newDescription) {
        this.description = Text.optional("description", Text.blankToNull(newDescription), Text.SHORT);
    }

    /** Moves on to the next version number (1 for a new secret) and returns it: a rotation. */
    public int nextVersion() {
        latestVersion++;
        return latestVersion;
    }

    public UUID getId() { return id; }
    public UUID getCompanyId() { return companyId; }
    public String getName() { return name; }
    public String getProvider() { return provider; }
    public String getExternalRef() { return externalRef; }
    public int getLatestVersion() { return latestVersion; }
    public String getDescription() { return description; }
    public UUID getCreatedByAgentId() { return createdByAgentId; }
    public UUID getCreatedByUserId() { return createdByUserId; }
}
