package dev.paperclipee.secret.control;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.secret.entity.CompanySecret;
import dev.paperclipee.secret.entity.EnvBinding;
import dev.paperclipee.secret.entity.SecretUnavailableException;
import dev.paperclipee.secret.entity.SecretVersion;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.RuleViolationException;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Secret references in env bindings (spec §7.5, §7.12): checked when an agent or project is
 * written (the secret must be one of the same company, a pinned version must exist; 422
 * otherwise, unknown and foreign secrets alike so nothing leaks), and resolved to values only when
 * a run starts — the resolved values live in that run's memory, never in a row.
 */
@Dependent
public class SecretRefs {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretVault vault;

    /**
     * An env object that can be stored: well-formed bindings (400 otherwise), no redaction
     * placeholder sent back as a value (422: storing it would lose the real value), and every
     * reference resolvable in {@code companyId} (422).
     */
    public void requireValid(UUID companyId, List<String> path, JsonValue env) {
        for (EnvBinding binding : EnvBindings.read(path, env)) {
            if (!binding.isSecretRef()) {
                if (Redaction.MASK.equals(binding.value())) {
                    throw new RuleViolationException("Refusing to store the redaction placeholder as the value of "
                            + binding.name() + ": send the real value or a secret reference",
                            Map.of("path", at(path, binding.name())));
                }
                continue;
            }
            CompanySecret secret = secret(companyId, binding);
            if (binding.version() != null && version(secret, binding.version()) == null) {
                throw new SecretUnavailableException("Secret " + secret.getName() + " has no version " + binding.version(),
                        Map.of("path", at(path, binding.name()), "secretId", secret.getId().toString()));
            }
        }
    }

    /**
     * Binding a secret is the board's (spec §9.3: secrets are board-managed): an agent may edit an
     * env only while keeping its secret references as they are (403 for a new or changed one) —
     * otherwise it could bind any secret of its company into a run it can read.
     */
    public static void requireBoardForNewRefs(Actor actor, JsonValue before, JsonValue after) {
        if (actor.isBoard() || !actor.isAgent()) {
            return;
        }
        Set<EnvBinding> existing = new LinkedHashSet<>();
        try {
            existing.addAll(EnvBindings.read(List.of("env"), before));
        } catch (RuntimeException unreadable) {
            // a stored env that no longer reads has no references to keep
        }
        for (EnvBinding binding : EnvBindings.read(List.of("env"), after)) {
            if (binding.isSecretRef() && !existing.contains(binding)) {
                throw new ForbiddenException("Board access required to bind a secret (" + binding.name() + ")");
            }
        }
    }

    /** Every binding of the agent's {@code adapterConfig.env}, checked as {@link #requireValid}. */
    public void requireValidAdapterConfig(UUID companyId, List<String> path, String adapterConfigJson) {
        var config = JsonText.parse(adapterConfigJson);
        if (config != null && config.containsKey("env")) {
            requireValid(companyId, at(path, "env"), config.get("env"));
        }
    }

    /**
     * The env's values for a run, references resolved, and the resolved secret values (which the
     * run's log masks whatever their variable's name).
     */
    public Resolved resolve(UUID companyId, String what, JsonValue env) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (EnvBinding binding : EnvBindings.read(List.of(what), env)) {
            if (!binding.isSecretRef()) {
                values.put(binding.name(), binding.value());
                continue;
            }
            CompanySecret secret = secret(companyId, binding);
            int number = binding.version() == null ? secret.getLatestVersion() : binding.version();
            SecretVersion version = version(secret, number);
            if (version == null) {
                throw new SecretUnavailableException("The " + what + " variable " + binding.name() + " names version " + number
                        + " of secret " + secret.getName() + ", which does not exist",
                        Map.of("variable", binding.name(), "secretId", secret.getId().toString()));
            }
            try {
                String value = vault.cipher().decrypt(secret.getId().toString(), number, JsonText.parse(version.getMaterial()));
                values.put(binding.name(), value);
                secrets.add(value);
            } catch (SecretDecryptionException e) {
                throw new SecretUnavailableException("The " + what + " variable " + binding.name() + " names secret "
                        + secret.getName() + ", whose value cannot be read: " + e.getMessage(),
                        Map.of("variable", binding.name(), "secretId", secret.getId().toString()));
            }
        }
        return new Resolved(values, secrets);
    }

    /**
     * The agents and projects of the company whose env refers to the secret, as {@code {type,
     * id, name}}: a secret in use is not deleted (its runs would fail).
     */
    public List<Map<String, String>> referrers(UUID companyId, UUID secretId) {
        List<Map<String, String>> found = new ArrayList<>();
        for (Object[] row : rows("""
                select 'agent', cast(id as text), name from agents
                 where company_id = cast(?1 as uuid) and %s
                union all
                select 'project', cast(id as text), name from projects
                 where company_id = cast(?1 as uuid) and %s
                """.formatted(refersTo("adapter_config -> 'env'"), refersTo("env")), companyId, secretId)) {
            found.add(Map.of("type", (String) row[0], "id", (String) row[1], "name", (String) row[2]));
        }
        return found;
    }

    /** SQL: the env object {@code env} has a {@code secret_ref} binding to the secret {@code ?2} (an env that is no object has none). */
    private static String refersTo(String env) {
        return """
                exists (select 1 from jsonb_each(case when jsonb_typeof(%1$s) = 'object' then %1$s else cast('{}' as jsonb) end) e
                         where e.value ->> 'type' = 'secret_ref' and lower(e.value ->> 'secretId') = cast(?2 as text))""".formatted(env);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, UUID companyId, UUID secretId) {
        return em.createNativeQuery(sql).setParameter(1, companyId.toString()).setParameter(2, secretId.toString())
                .getResultList();
    }

    private CompanySecret secret(UUID companyId, EnvBinding binding) {
        CompanySecret secret = em.find(CompanySecret.class, binding.secretId());
        if (secret == null || !secret.getCompanyId().equals(companyId)) {
            throw new SecretUnavailableException("The variable " + binding.name() + " must reference a secret of the same company",
                    Map.of("variable", binding.name(), "secretId", binding.secretId().toString()));
        }
        return secret;
    }

    private SecretVersion version(CompanySecret secret, int number) {
        List<SecretVersion> versions = em.createNamedQuery(SecretVersion.OF_SECRET, SecretVersion.class)
                .setParameter("secretId", secret.getId()).setParameter("version", number).getResultList();
        return versions.isEmpty() ? null : versions.get(0);
    }

    private static List<String> at(List<String> path, String name) {
        List<String> full = new ArrayList<>(path);
        full.add(name);
        return List.copyOf(full);
    }

    /**
     * @param values  the env's variables with their values
     * @param secrets the values that came from secrets
     */
    public record Resolved(Map<String, String> values, Set<String> secrets) {
    }
}
