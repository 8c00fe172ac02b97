package dev.paperclipee.secret.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.secret.control.SecretRefs;
import dev.paperclipee.secret.entity.CompanySecret;
import dev.paperclipee.secret.entity.SecretUnavailableException;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.testing.ApplicationDeployment;
import dev.paperclipee.testing.Sql;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secrets boundary and the resolution of references in Payara Micro against real PostgreSQL
 * (spec §7.12): a value goes in encrypted and comes out only through a reference of the same
 * company, at the version asked for; a ciphertext altered in the database is refused rather than
 * resolved to garbage; agents are refused.
 */
@ExtendWith(ArquillianExtension.class)
class SecretsIT {

    private static final Actor BOARD = Actor.localBoard();

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("secrets-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Secrets secrets;

    @Inject
    SecretRefs refs;

    private UUID company(String name) {
        return companies.create(BOARD, new CompanyDraft(name + " " + UUID.randomUUID(), null, null, null)).getId();
    }

    private static JsonObject env(UUID secretId, String version) {
        return JsonText.parse("{\"K\":{\"type\":\"secret_ref\",\"secretId\":\"" + secretId + "\",\"version\":" + version + "}}");
    }

    @Test
    void roundTripRotationCompanyBoundaryAndTamperDetection() throws Exception {
        UUID company = company("Vault");
        UUID other = company("Elsewhere");
        String first = "first-value-" + UUID.randomUUID();
        String second = "second-value-" + UUID.randomUUID();

        CompanySecret secret = secrets.create(BOARD, company, new SecretDraft("API_KEY", first, "d", null));
        assertEquals(1, secret.getLatestVersion());
        assertThrows(ConflictException.class, () -> secrets.create(BOARD, company, new SecretDraft("API_KEY", "x", null, null)));
        assertEquals(2, secrets.rotate(BOARD, secret.getId(), second).getLatestVersion());
        assertEquals(List.of(1, 2), secrets.versions(BOARD, secret.getId()));
        assertEquals(0, Sql.count("select count(*) from company_secret_versions where secret_id = ? and (material::text like ?"
                + " or material::text like ?)", secret.getId(), "%" + first + "%", "%" + second + "%"), "ciphertext only");

        SecretRefs.Resolved latest = refs.resolve(company, "agent env", env(secret.getId(), "\"latest\""));
        assertEquals(Map.of("K", second), latest.values());
        assertEquals(Set.of(second), latest.secrets());
        assertEquals(Map.of("K", first), refs.resolve(company, "agent env", env(secret.getId(), "1")).values());
        assertThrows(SecretUnavailableException.class, () -> refs.resolve(other, "agent env", env(secret.getId(), "\"latest\"")),
                "another company's reference resolves nothing");
        assertThrows(SecretUnavailableException.class, () -> refs.requireValid(other, List.of("env"), env(secret.getId(), "1")));
        assertThrows(SecretUnavailableException.class, () -> refs.requireValid(company, List.of("env"), env(secret.getId(), "3")));
        refs.requireValid(company, List.of("env"), env(secret.getId(), "2"));

        // swap the two versions' ciphertexts: each is authentic, but bound to its own version
        Sql.update("""
                update company_secret_versions v set material = o.material from company_secret_versions o
                 where v.secret_id = ? and o.secret_id = v.secret_id and o.version <> v.version""", secret.getId());
        SecretUnavailableException swapped = assertThrows(SecretUnavailableException.class,
                () -> refs.resolve(company, "agent env", env(secret.getId(), "\"latest\"")));
        assertTrue(swapped.getMessage().contains("integrity"), swapped.getMessage());
        assertFalse(swapped.getMessage().contains(first) || swapped.getMessage().contains(second));

        assertEquals(secret.getId(), secrets.delete(BOARD, secret.getId()).getId());
        assertEquals(0, Sql.count("select count(*) from company_secret_versions where secret_id = ?", secret.getId()));
        assertEquals(List.of("secret.created", "secret.rotated", "secret.deleted"), Sql.rows(
                "select action from activity_log where entity_id = ? order by created_at, action", secret.getId().toString())
                .stream().map(row -> (String) row.get("action")).toList());
    }

    @Test
    void agentsAreRefused() {
        UUID company = company("Agents");
        CompanySecret secret = secrets.create(BOARD, company, new SecretDraft("TOKEN", "agent-proof-value", null, null));
        Actor agent = Actor.agent(UUID.randomUUID(), company);

        assertThrows(ForbiddenException.class, () -> secrets.list(agent, company));
        assertThrows(ForbiddenException.class, () -> secrets.find(agent, secret.getId()));
        assertThrows(ForbiddenException.class, () -> secrets.create(agent, company, new SecretDraft("X", "abcdefgh", null, null)));
        assertThrows(ForbiddenException.class, () -> secrets.rotate(agent, secret.getId(), "abcdefgh"));
        assertThrows(ForbiddenException.class, () -> secrets.update(agent, secret.getId(), new SecretChanges("Y", null)));
        assertThrows(ForbiddenException.class, () -> secrets.delete(agent, secret.getId()));
        assertEquals(1, secrets.find(BOARD, secret.getId()).getLatestVersion());
    }
}
