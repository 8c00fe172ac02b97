package dev.paperclipee.agent.boundary;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.control.InstanceKeys;
import dev.paperclipee.access.control.RunTokens;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentKeyTokens;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.shared.entity.Change;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.testing.ApplicationDeployment;
import dev.paperclipee.testing.Sql;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The agent boundary in Payara Micro against real PostgreSQL (spec §7.2, §7.3, §9.2): two
 * concurrent re-parentings that would close a loop together are serialised by the company row
 * lock, so one is refused; API keys authenticate their agent until revoked or terminated,
 * writing {@code last_used_at} at most once a minute; and run-scoped tokens authenticate their
 * agent in their run only while the run is queued or running, signed with one key that the
 * database keeps for every node.
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

    @Inject
    RunTokens runTokens;

    @Inject
    InstanceKeys instanceKeys;

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

    @Test
    void aRunTokenIsItsAgentInItsRunUntilTheRunEnds() throws Exception {
        UUID company = companies.create(BOARD, new CompanyDraft("Runs " + UUID.randomUUID(), null, null, null)).getId();
        UUID agent = hire(company, "Runner").getId();
        UUID colleague = hire(company, "Colleague").getId();
        UUID run = insertRun(company, agent, "running");
        Instant inAnHour = Instant.now().plus(1, ChronoUnit.HOURS);

        Actor actor = authentication.runToken(runTokens.issue(run, agent, company, inAnHour)).orElseThrow();
        assertEquals(agent, actor.agentId());
        assertEquals(company, actor.companyId());
        assertEquals(run, actor.runId());
        UUID queued = insertRun(company, agent, "queued");
        assertEquals(queued, authentication.runToken(runTokens.issue(queued, agent, company, inAnHour)).orElseThrow().runId(),
                "a queued run's key already works");

        assertTrue(authentication.runToken(runTokens.issue(run, colleague, company, inAnHour)).isEmpty(), "not that agent's run");
        assertTrue(authentication.runToken(runTokens.issue(UUID.randomUUID(), agent, company, inAnHour)).isEmpty(), "no such run");
        UUID elsewhere = companies.create(BOARD, new CompanyDraft("Elsewhere " + UUID.randomUUID(), null, null, null)).getId();
        assertTrue(authentication.runToken(runTokens.issue(run, agent, elsewhere, inAnHour)).isEmpty(), "not that company's run");
        assertTrue(authentication.runToken("pcp_" + "0".repeat(48)).isEmpty(), "a long-lived key is no run token");

        Actor byKey = Actor.agent(agent, company);
        assertEquals(run, authentication.inRun(byKey, run).orElseThrow().runId(), "a long-lived key may act in a live run of its agent");
        assertTrue(authentication.inRun(Actor.agent(colleague, company), run).isEmpty(), "but not in another agent's run");

        for (String end : List.of("succeeded", "failed", "cancelled", "timed_out")) {
            UUID finished = insertRun(company, agent, "running");
            String token = runTokens.issue(finished, agent, company, inAnHour);
            assertTrue(authentication.runToken(token).isPresent());
            execute("update heartbeat_runs set status = '" + end + "', finished_at = now() where id = ?", finished);
            assertTrue(authentication.runToken(token).isEmpty(), "the key dies with the run: " + end);
            assertTrue(authentication.inRun(byKey, finished).isEmpty(), end);
        }

        String token = runTokens.issue(run, agent, company, inAnHour);
        agents.terminate(BOARD, agent);
        assertTrue(authentication.runToken(token).isEmpty(), "a terminated agent's run token is refused");
    }

    @Test
    void theSigningKeyIsGeneratedOnceAndKeptInTheDatabaseForEveryNode() throws Exception {
        assumeTrue(System.getenv(RunTokens.SECRET_ENV) == null && System.getProperty(RunTokens.SECRET_PROPERTY) == null,
                "the container tests run without a configured secret");
        List<Map<String, Object>> rows = Sql.rows("select secret from instance_keys where name = ?", RunTokens.INSTANCE_KEY);
        assertEquals(1, rows.size(), "made at deployment: " + rows);
        byte[] stored = (byte[]) rows.get(0).get("secret");
        assertEquals(32, stored.length, "256 bits");

        SignedJWT token = SignedJWT.parse(runTokens.issue(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                Instant.now().plusSeconds(60)));
        assertTrue(token.verify(new MACVerifier(stored)), "tokens are signed with the stored key");

        UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
        tx.begin();
        byte[] again = instanceKeys.secret(RunTokens.INSTANCE_KEY, 32);
        tx.commit();
        assertArrayEquals(stored, again, "a second node (or a restart) reads the same key instead of making one");
        assertEquals(1L, Sql.count("select count(*) from instance_keys where name = ?", RunTokens.INSTANCE_KEY));
    }

    /**
     * Two nodes starting together: the second one's insert waits for the first one's commit,
     * then does nothing, and its read sees the first key (two statements under READ COMMITTED).
     */
    @Test
    void twoNodesMakingTheKeyAtOnceAgreeOnOne() throws Exception {
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        String name = "probe_" + UUID.randomUUID();
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch secondWaiting = new CountDownLatch(1);
        Future<byte[]> first = executor.submit(() -> {
            UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
            tx.begin();
            try {
                byte[] key = instanceKeys.secret(name, 32);
                firstInserted.countDown();
                assertTrue(secondWaiting.await(60, TimeUnit.SECONDS), "the second node never blocked on the first one's row");
                return key;
            } finally {
                tx.commit();
            }
        });
        assertTrue(firstInserted.await(60, TimeUnit.SECONDS));
        Future<byte[]> second = executor.submit(() -> {
            UserTransaction tx = InitialContext.doLookup("java:comp/UserTransaction");
            tx.begin();
            try {
                return instanceKeys.secret(name, 32);
            } finally {
                tx.commit();
            }
        });
        try {
            awaitABackendWaitingForALock(second);
        } finally {
            secondWaiting.countDown();
        }

        assertArrayEquals(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
        assertEquals(1L, Sql.count("select count(*) from instance_keys where name = ?", name));
    }

    private Agent hire(UUID company, String name) {
        return agents.create(BOARD, company, new AgentDraft(name, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    private static AgentChanges reportTo(UUID manager) {
        return new AgentChanges(null, null, null, null, null, Change.to(manager), null, null, null, null, null, null, null);
    }

    private static UUID insertRun(UUID company, UUID agent, String status) throws Exception {
        // a queued run is scheduled a day ahead, so the container's own dispatcher never starts it
        return (UUID) Sql.value("insert into heartbeat_runs (company_id, agent_id, invocation_source, status, started_at,"
                + " scheduled_at) values (?, ?, 'manual', ?, case when ? = 'queued' then null else now() end,"
                + " now() + interval '1 day') returning id",
                company, agent, status, status);
    }

    /** Until some database session waits for a row lock, as the second insert of a key does. */
    private static void awaitABackendWaitingForALock(Future<?> second) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Sql.count("select count(*) from pg_stat_activity where datname = current_database()"
                + " and wait_event_type = 'Lock' and query like 'insert into instance_keys%'") == 0) {
            if (second.isDone()) {
                second.get(); // surfaces its failure; a normal return without waiting is a failure too
                throw new AssertionError("the second insert did not wait for the first transaction");
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no session waited for the first one's key row");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // between two polls of the condition
        }
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
