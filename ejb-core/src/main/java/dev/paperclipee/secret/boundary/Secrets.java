package dev.paperclipee.secret.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.activity.control.ActivityLog;
import dev.paperclipee.activity.control.ChangeSet;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.secret.control.SecretRefs;
import dev.paperclipee.secret.control.SecretVault;
import dev.paperclipee.secret.entity.CompanySecret;
import dev.paperclipee.secret.entity.SecretVersion;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.NotFoundException;
import dev.paperclipee.shared.entity.Text;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Company secrets (spec §7.12, §9.3): the board lists, creates, renames, rotates and deletes them;
 * agents get 403 on every call (they receive values only as env of their runs). Reads and answers
 * carry metadata and version numbers, never a value. A value is encrypted before it is stored
 * ({@code local_encrypted}); rotating adds a version, and bindings to {@code latest} use it from
 * the next run on, while pinned ones keep theirs. A secret still referenced by an agent's or
 * project's env is not deleted (409 naming them): its runs would fail. Every mutation writes its
 * activity row — names and version numbers only — in the same transaction.
 */
@Stateless
public class Secrets {

    /** Longest value kept: large enough for a private key or a service-account JSON. */
    static final int MAX_VALUE = 64 * 1024;

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyScope scope;

    @Inject
    SecretVault vault;

    @Inject
    SecretRefs refs;

    @Inject
    ActivityLog activity;

    /** The company's secrets by name. */
    public List<CompanySecret> list(Actor actor, UUID companyId) {
        actor.requireBoard();
        scope.require(actor, companyId);
        return em.createNamedQuery(CompanySecret.BY_COMPANY, CompanySecret.class).setParameter("companyId", companyId)
                .getResultList();
    }

    public CompanySecret find(Actor actor, UUID secretId) {
        actor.requireBoard();
        CompanySecret secret = em.find(CompanySecret.class, secretId);
        if (secret == null) {
            throw NotFoundException.of("Secret", secretId);
        }
        return secret;
    }

    /** The version numbers a secret has, oldest first. */
    public List<Integer> versions(Actor actor, UUID secretId) {
        CompanySecret secret = find(actor, secretId);
        return em.createNamedQuery(SecretVersion.VERSIONS, Integer.class).setParameter("secretId", secret.getId())
                .getResultList();
    }

    /** A new secret with its value as version 1; a name the company already uses is a 409. */
    public CompanySecret create(Actor actor, UUID companyId, SecretDraft draft) {
        actor.requireBoard();
        scope.require(actor, companyId);
        if (draft.provider() != null && !CompanySecret.LOCAL_ENCRYPTED.equals(draft.provider())) {
            throw new InvalidInputException("provider", "must be " + CompanySecret.LOCAL_ENCRYPTED, "invalid_value");
        }
        CompanySecret secret = new CompanySecret(companyId, draft.name(), draft.description(), actor.userId());
        String value = value(draft.value());
        scope.lock(companyId); // two creates of one name: the second sees the first
        requireFreeName(companyId, secret.getName(), null);
        em.persist(secret);
        em.flush(); // the version row references the secret row, and the two entities have no mapping to order them by
        SecretVersion version = addVersion(secret, value, actor);
        em.flush();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("name", secret.getName());
        details.put("provider", secret.getProvider());
        details.put("version", version.getVersion());
        activity.record(actor, companyId, "secret.created", "secret", secret.getId(), details);
        return secret;
    }

    /** Renames or re-describes a secret; its value and versions stay. */
    public CompanySecret update(Actor actor, UUID secretId, SecretChanges changes) {
        CompanySecret secret = find(actor, secretId);
        ChangeSet changed = new ChangeSet();
        if (changes.name() != null && !changes.name().strip().equals(secret.getName())) {
            scope.lock(secret.getCompanyId());
            requireFreeName(secret.getCompanyId(), Text.required("name", changes.name(), Text.NAME), secret.getId());
        }
        changed.text("name", changes.name(), secret.getName(), secret::rename);
        changed.description(changes.description(), secret.getDescription(), secret::describe);
        activity.recordChanges(actor, secret.getCompanyId(), "secret.updated", "secret", secretId, changed);
        return secret;
    }

    /** A new version with a new value; it becomes {@code latest}. */
    public CompanySecret rotate(Actor actor, UUID secretId, String newValue) {
        actor.requireBoard();
        String value = value(newValue);
        CompanySecret secret = em.find(CompanySecret.class, secretId, LockModeType.PESSIMISTIC_WRITE);
        if (secret == null) {
            throw NotFoundException.of("Secret", secretId);
        }
        SecretVersion version = addVersion(secret, value, actor);
        activity.record(actor, secret.getCompanyId(), "secret.rotated", "secret", secretId,
                Map.of("name", secret.getName(), "version", version.getVersion()));
        return secret;
    }

    /** Deletes the secret and all its versions, unless an agent or project env still refers to it (409). */
    public CompanySecret delete(Actor actor, UUID secretId) {
        actor.requireBoard();
        CompanySecret secret = em.find(CompanySecret.class, secretId, LockModeType.PESSIMISTIC_WRITE);
        if (secret == null) {
            throw NotFoundException.of("Secret", secretId);
        }
        List<Map<String, String>> referrers = refs.referrers(secret.getCompanyId(), secretId);
        if (!referrers.isEmpty()) {
            throw new ConflictException("Secret " + secret.getName() + " is still referenced; remove the references first",
                    Map.of("referencedBy", referrers));
        }
        em.createQuery("delete from SecretVersion v where v.secretId = :secretId").setParameter("secretId", secretId)
                .executeUpdate();
        em.remove(secret);
        activity.record(actor, secret.getCompanyId(), "secret.deleted", "secret", secretId,
                Map.of("name", secret.getName(), "latestVersion", secret.getLatestVersion()));
        return secret;
    }

    private SecretVersion addVersion(CompanySecret secret, String value, Actor actor) {
        int number = secret.nextVersion();
        String material = vault.cipher().encrypt(secret.getId().toString(), number, value).toString();
        SecretVersion version = new SecretVersion(secret, number, material, vault.cipher().digest(value), actor.userId());
        em.persist(version);
        return version;
    }

    private void requireFreeName(UUID companyId, String name, UUID except) {
        boolean taken = em.createNamedQuery(CompanySecret.BY_NAME, CompanySecret.class)
                .setParameter("companyId", companyId).setParameter("name", name).getResultList().stream()
                .anyMatch(other -> !Objects.equals(other.getId(), except));
        if (taken) {
            throw new ConflictException("Secret already exists: " + name);
        }
    }

    /** A value to store: required, non-empty, bounded, storable text. */
    private static String value(String value) {
        if (value == null) {
            throw new InvalidInputException("value", "is required", "invalid_type");
        }
        if (value.isEmpty()) {
            throw new InvalidInputException("value", "must not be empty", "too_small");
        }
        return Text.optional("value", value, MAX_VALUE);
    }
}
