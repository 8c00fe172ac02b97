package dev.paperclipee.agent.boundary;

import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentKeyTokens;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.testing.ApplicationDeployment;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent boundary in Payara Micro against real PostgreSQL (spec §7.2, §7.3, §9.2): two
 * concurrent re-parentings that would close a loop together are serialised by the company row
 * lock, so one is refused; and API keys authenticate their agent until revoked or terminated,
 * writing {@code last_used_at} at most once a minute.
 */
@ExtendWith(ArquillianExtension.class)
class AgentsIT {

    private static final Actor BOARD = Actor.localBoard();

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("agents-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Agents agents;

    @Inject
    AgentKeys keys;

    @Inject
    Authentication authentication;

    @Test
    void concurrentReParentingsThatWouldTogetherMakeACycleLeaveOneRefused() throws Exception {
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        UUID company = companies.create(BOARD, new CompanyDraft("Org Race " + UUID.randomUUID(), null, null, null)).getId();
        for (int round = 0; round < 10; round++) {
            Agent a = hire(company, "A" + round);
            Agent b = hire(company, "B" + round);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Agent>> results = List.of(
                    executor.submit(() -> {
                        go.await();
                        return agents.update(BOARD, a.getId(), reportTo(b.getId()));
                    }),
                    executor.submit(() -> {
                        go.await();
                        return agents.update(BOARD, b.getId(), reportTo(a.getId()));
                    }));
            go.countDown();

            int succeeded = 0;
            List<Throwable> refused = new ArrayList<>();
            for (Future<Agent> result : results) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                    succeeded++;
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertEquals(1, succeeded, "round " + round + ": exactly one re-parenting wins, refused: " + refused);
            assertInstanceOf(RuleViolationException.class, refused.get(0), "the other one is a 422 cycle");
            assertTrue(refused.get(0).getMessage().contains("cycle"), refused.get(0).getMessage());

            UUID aManager = agents.find(BOARD, a.getId()).getReportsTo();
            UUID bManager = agents.find(BOARD, b.getId()).getReportsTo();
            assertTrue(Objects.equals(aManager, b.getId()) && bManager == null
                            || Objects.equals(bManager, a.getId()) && aManager == null,
                    "round " + round + ": one link stored, no loop: a->" + aManager + ", b->" + bManager);
        }
    }

    @Test
    void aKeyAuthenticatesItsAgentUntilRevokedAndTouchesLastUsedAtOnceAMinute() throws Exception {
        UUID company = companies.create(BOARD, new CompanyDraft("Keys " + UUID.randomUUID(), null, null, null)).getId();
        Agent agent = hire(company, "Keyholder");
        IssuedKey issued = keys.create(BOARD, agent.getId(), "ci");
        UUID keyId = issued.key().getId();
        assertNull(lastUsedAt(keyId), "unused yet");
        assertEquals(AgentKeyTokens.hash(issued.token()), storedHash(keyId), "only the hash is stored");

        Actor actor = authentication.agentKey(issued.token()).orElseThrow();
        assertEquals(agent.getId(), actor.agentId());
        assertEquals(company, actor.companyId());
        assertTrue(actor.isAgent());
        OffsetDateTime first = lastUsedAt(keyId);
        assertNotNull(first, "the first use is recorded");

        execute("update agent_api_keys set last_used_at = now() - interval '20 seconds' where id = ?", keyId);
        OffsetDateTime recent = lastUsedAt(keyId);
        assertTrue(authentication.agentKey(issued.token()).isPresent());
        assertEquals(recent, lastUsedAt(keyId), "used within the last minute: not written again");

        execute("update agent_api_keys set last_used_at = now() - interval '2 minutes' where id = ?", keyId);
        OffsetDateTime stale = lastUsedAt(keyId);
        assertTrue(authentication.agentKey(issued.token()).isPresent());
        assertTrue(lastUsedAt(keyId).isAfter(stale), "older than a minute: written again");

        assertTrue(authentication.agentKey(issued.token().toUpperCase()).isEmpty(), "malformed");
        assertTrue(authentication.agentKey("pcp_" + "0".repeat(48)).isEmpty(), "unknown");
        keys.revoke(BOARD, agent.getId(), keyId);
        assertTrue(authentication.agentKey(issued.token()).isEmpty(), "revoked");

        IssuedKey second = keys.create(BOARD, agent.getId(), "second");
        assertTrue(authentication.agentKey(second.token()).isPresent());
        agents.terminate(BOARD, agent.getId());
        assertTrue(authentication.agentKey(second.token()).isEmpty(), "a terminated agent's key is refused");
    }

    private Agent hire(UUID company, String name) {
        return agents.create(BOARD, company, new AgentDraft(name, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    private static AgentChanges reportTo(UUID manager) {
        return new AgentChanges(null, null, null, null, null, Change.to(manager), null, null, null, null, null, null, null);
    }

    private static OffsetDateTime lastUsedAt(UUID keyId) throws Exception {
        return single("select last_used_at from agent_api_keys where id = ?", keyId, OffsetDateTime.class);
    }

    private static String storedHash(UUID keyId) throws Exception {
        return single("select key_hash from agent_api_keys where id = ?", keyId, String.class);
    }

    private static <T> T single(String sql, UUID id, Class<T> type) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getObject(1, type);
            }
        }
    }

    private static void execute(String sql, UUID id) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, id);
            assertEquals(1, s.executeUpdate(), sql);
        }
    }

    private static DataSource dataSource() throws Exception {
        return InitialContext.doLookup("java:comp/DefaultDataSource");
    }
}
