package dev.paperclipee.heartbeat.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.heartbeat.control.RunLogFile;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.issue.boundary.IssueComments;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.project.boundary.ProjectDraft;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.testing.ApplicationDeployment;
import dev.paperclipee.testing.Sql;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heartbeat runtime in Payara Micro against real PostgreSQL and real child processes (spec
 * §11, execution-semantics §7–§8): due heartbeats start once however many nodes tick and claim at
 * once, {@code maxConcurrentRuns} bounds an agent's running runs, wakes are coalesced, the §11.5
 * skip rules hold, pausing stops a run that ignores SIGTERM, a run whose node is gone is failed as
 * {@code process_lost} and retried once with its locks, a silent successful run gets one
 * follow-up, and a run's environment puts project over agent and the runtime over both.
 */
@ExtendWith(ArquillianExtension.class)
class HeartbeatIT {

    private static final Actor BOARD = Actor.localBoard();
    private static final Duration LEASE = Duration.ofMinutes(5);

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("heartbeat-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Agents agents;

    @Inject
    Issues issues;

    @Inject
    IssueComments comments;

    @Inject
    Projects projects;

    @Inject
    HeartbeatRuns runs;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    RunDispatcher dispatcher;

    @Test
    void aDueHeartbeatStartsOnceHoweverManyNodesTickAndClaimAtOnce() throws Exception {
        UUID company = company("Many Nodes");
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            due.add(agent(company, "Due " + i, "{\"command\":\"true\"}", "{\"heartbeat\":{\"intervalSec\":3600}}"));
        }
        Sql.update("update agents set last_heartbeat_at = now() - interval '2 hours' where company_id = ?", company);
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<UUID>>> nodes = new ArrayList<>();
        for (int node = 0; node < 4; node++) {
            String name = "it-node-" + node + "-" + UUID.randomUUID();
            nodes.add(executor.submit(() -> {
                go.await();
                List<UUID> claimed = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    lifecycle.enqueueDueTimers(500);
                    claimed.addAll(lifecycle.claim(name, LEASE, 200));
                }
                return claimed;
            }));
        }
        go.countDown();
        List<UUID> claimedByTestNodes = new ArrayList<>();
        for (Future<List<UUID>> node : nodes) {
            claimedByTestNodes.addAll(node.get(60, TimeUnit.SECONDS));
        }

        assertEquals(claimedByTestNodes.size(), new HashSet<>(claimedByTestNodes).size(), "no run is claimed twice");
        for (UUID agent : due) {
            assertEquals(1, Sql.count("select count(*) from heartbeat_runs where agent_id = ?", agent),
                    "one due heartbeat, one run, for agent " + agent);
        }
        // the test nodes do not run what they claimed: end those runs, as their node would
        for (UUID run : claimedByTestNodes) {
            Object node = Sql.value("select runner_node from heartbeat_runs where id = ?", run);
            assertTrue(String.valueOf(node).startsWith("it-node-"), "a run claimed by a test node stays that node's");
            lifecycle.finish(run, dev.paperclipee.heartbeat.control.RunResult.succeeded(0), 0, null);
        }
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs r join agents a on a.id = r.agent_id"
                + " where a.company_id = ? and r.status in ('queued', 'running')", company) == 0,
                "every run of the company ends (the real node ran the rest: `true` exits 0)");
        assertEquals(40, Sql.count("select count(*) from heartbeat_runs r where r.company_id = ? and r.status = 'succeeded'"
                + " and r.invocation_source = 'scheduler'", company));
        assertEquals(0, Sql.count("select count(*) from agents where company_id = ? and status <> 'idle'", company),
                "every agent settles back to idle");
    }

    @Test
    void maxConcurrentRunsBoundsAnAgentsRunningRunsAndPausingStopsThemAll() throws Exception {
        UUID company = company("Bounded");
        // ignores SIGTERM: the pause must escalate to SIGKILL after graceSec
        UUID agent = agent(company, "Stubborn", "{\"command\":\"sh\",\"args\":[\"-c\",\"trap '' TERM; sleep 60\"],\"graceSec\":1}",
                "{\"heartbeat\":{\"maxConcurrentRuns\":2}}");
        for (int i = 0; i < 5; i++) {
            issues.create(BOARD, company, new IssueDraft("Work " + i, null, "todo", null, agent, null, null, null, null, null));
        }
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs where agent_id = ? and status = 'running'"
                + " and process_pid is not null", agent) == 2, "two runs start");
        assertEquals(3, Sql.count("select count(*) from heartbeat_runs where agent_id = ? and status = 'queued'", agent),
                "the other three wait for a free slot");
        dispatcher.tick(false);
        assertEquals(2, Sql.count("select count(*) from heartbeat_runs where agent_id = ? and status = 'running'", agent),
                "another tick starts nothing more");
        assertEquals("running", Sql.value("select status from agents where id = ?", agent));
        List<Long> pids = Sql.rows("select process_pid from heartbeat_runs where agent_id = ? and status = 'running'", agent)
                .stream().map(row -> ((Number) row.get("process_pid")).longValue()).toList();

        agents.pause(BOARD, agent);

        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs where agent_id = ? and status in ('queued', 'running')",
                agent) == 0, "every run of the paused agent ends");
        assertEquals(5, Sql.count("select count(*) from heartbeat_runs where agent_id = ? and status = 'cancelled'", agent));
        for (long pid : pids) {
            Sql.awaitTrue(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "process " + pid + " is killed");
        }
        assertEquals("paused", Sql.value("select status from agents where id = ?", agent), "a pause wins over the runs' end");
        assertThrows(ConflictException.class, () -> runs.invoke(BOARD, agent), "a paused agent is not invoked");
    }

    @Test
    void wakesAreCoalescedWhileOneIsQueued() throws Exception {
        UUID company = company("Coalesce");
        UUID agent = agent(company, "Busy", "{\"command\":\"sleep\",\"args\":[\"60\"],\"graceSec\":1}",
                "{\"heartbeat\":{\"maxConcurrentRuns\":1}}");
        HeartbeatRun first = runs.invoke(BOARD, agent);
        Sql.awaitTrue(() -> "running".equals(status(first.getId())), "the first run starts");

        HeartbeatRun second = runs.invoke(BOARD, agent);
        HeartbeatRun third = runs.invoke(BOARD, agent);
        assertEquals(RunStatus.queued, second.getStatus());
        assertEquals(second.getId(), third.getId(), "an equivalent queued run is returned, not a new one");

        Issue issue = issues.create(BOARD, company, new IssueDraft("Talk", null, "todo", null, agent, null, null, null, null, null));
        comments.add(BOARD, issue.getId().toString(), "First remark");
        comments.add(BOARD, issue.getId().toString(), "Second remark, @busy");
        assertEquals(1, Sql.count("select count(*) from heartbeat_runs where agent_id = ? and issue_id = ? and status = 'queued'",
                agent, issue.getId()), "assignment, comment and mention collapse into one queued wake");
        assertEquals(3, Sql.count("select count(*) from heartbeat_runs where agent_id = ?", agent));

        runs.cancel(BOARD, first.getId());
        Sql.awaitTrue(() -> "cancelled".equals(status(first.getId())), "cancelling the running run stops it");
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs where agent_id = ? and status = 'running'", agent) == 1,
                "the freed slot goes to a queued run");
        agents.pause(BOARD, agent);
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs where agent_id = ? and status in ('queued', 'running')",
                agent) == 0, "pausing ends the rest");
    }

    @Test
    void theTimerSkipsPausedBusyDisabledAndOverBudgetAgents() throws Exception {
        UUID company = company("Skips");
        String due = "{\"heartbeat\":{\"intervalSec\":3600}}";
        UUID ready = agent(company, "Ready", "{\"command\":\"true\"}", due);
        UUID paused = agent(company, "Paused", "{\"command\":\"true\"}", due);
        UUID busy = agent(company, "Busy", "{\"command\":\"sleep\",\"args\":[\"60\"],\"graceSec\":1}", due);
        UUID disabled = agent(company, "Disabled", "{\"command\":\"true\"}", "{\"heartbeat\":{\"intervalSec\":3600,\"enabled\":false}}");
        UUID broke = agent(company, "Broke", "{\"command\":\"true\"}", due);
        UUID notYet = agent(company, "Not yet", "{\"command\":\"true\"}", due);
        agents.pause(BOARD, paused);
        HeartbeatRun busyRun = runs.invoke(BOARD, busy);
        Sql.awaitTrue(() -> "running".equals(status(busyRun.getId())), "the busy agent's run starts");
        Sql.update("update agents set budget_monthly_cents = 100, spent_monthly_cents = 100 where id = ?", broke);
        Sql.update("update agents set last_heartbeat_at = now() - interval '2 hours' where company_id = ? and id <> ?",
                company, notYet);

        lifecycle.enqueueDueTimers(500);

        Map<UUID, Long> timerRuns = Sql.rows("select agent_id, count(*) as n from heartbeat_runs where company_id = ?"
                        + " and invocation_source = 'scheduler' group by agent_id", company).stream()
                .collect(Collectors.toMap(row -> (UUID) row.get("agent_id"), row -> ((Number) row.get("n")).longValue()));
        assertEquals(Map.of(ready, 1L), timerRuns, "only the ready agent is due (paused " + paused + ", busy " + busy
                + ", disabled " + disabled + ", over budget " + broke + ", not yet due " + notYet + ")");

        Sql.update("update companies set budget_monthly_cents = 50, spent_monthly_cents = 50 where id = ?", company);
        assertThrows(ConflictException.class, () -> runs.invoke(BOARD, ready), "a company over budget invokes nobody");
        runs.cancel(BOARD, busyRun.getId());
        Sql.awaitTrue(() -> "cancelled".equals(status(busyRun.getId())), "the busy run is cancelled");
    }

    @Test
    void aRunWhoseNodeIsGoneFailsAsProcessLostAndIsRetriedOnceWithItsLocks() throws Exception {
        UUID company = company("Lost");
        UUID agent = agent(company, "Orphan", "{\"command\":\"true\"}", "{}");
        Issue issue = issues.create(BOARD, company, new IssueDraft("Held", null, "backlog", null, null, null, null, null, null, null));
        UUID lost = (UUID) Sql.value("insert into heartbeat_runs (company_id, agent_id, issue_id, invocation_source, status,"
                + " started_at, runner_node, lease_expires_at) values (?, ?, ?, 'assignment', 'running', now() - interval '1 hour',"
                + " 'gone-node', now() - interval '1 minute') returning id", company, agent, issue.getId());
        Sql.update("update agents set status = 'running' where id = ?", agent);
        Sql.update("update issues set status = 'in_progress', assignee_agent_id = ?, checkout_run_id = ?, execution_run_id = ?"
                + " where id = ?", agent, lost, lost, issue.getId());

        dispatcher.tick(false);

        Map<String, Object> failed = Sql.one("select status, error_code, error from heartbeat_runs where id = ?", lost);
        assertEquals("failed", failed.get("status"));
        assertEquals("process_lost", failed.get("error_code"));
        assertNotNull(failed.get("error"), "the reason is visible");
        Map<String, Object> retry = Sql.one("select id, status, wake_reason, process_loss_retry_count,"
                + " scheduled_at > now() + interval '20 seconds' as later from heartbeat_runs where retry_of_run_id = ?", lost);
        assertEquals("queued", retry.get("status"));
        assertEquals("process_lost_retry", retry.get("wake_reason"));
        assertEquals(1, ((Number) retry.get("process_loss_retry_count")).intValue());
        assertEquals(Boolean.TRUE, retry.get("later"), "the retry waits 30 s");
        Map<String, Object> locks = Sql.one("select checkout_run_id, execution_run_id from issues where id = ?", issue.getId());
        assertEquals(retry.get("id"), locks.get("checkout_run_id"), "the retry takes over the checkout");
        assertEquals(retry.get("id"), locks.get("execution_run_id"));
        assertEquals("error", Sql.value("select status from agents where id = ?", agent));
        assertEquals(1, Sql.count("select count(*) from activity_log where action = 'heartbeat.process_lost' and entity_id = ?",
                lost.toString()));

        // the retry is lost too: no second retry, the locks are released
        Sql.update("update heartbeat_runs set status = 'running', started_at = now(), runner_node = 'gone-node',"
                + " lease_expires_at = now() - interval '1 minute', scheduled_at = null where id = ?", retry.get("id"));
        dispatcher.tick(false);
        assertEquals("failed", status((UUID) retry.get("id")));
        assertEquals(0, Sql.count("select count(*) from heartbeat_runs where retry_of_run_id = ?", retry.get("id")));
        Map<String, Object> released = Sql.one("select checkout_run_id, execution_run_id from issues where id = ?", issue.getId());
        assertEquals(null, released.get("checkout_run_id"));
        assertEquals(null, released.get("execution_run_id"));
    }

    @Test
    void aSuccessfulIssueRunThatLeftNoCommentGetsOneFollowUpWake() throws Exception {
        UUID company = company("Silent");
        UUID agent = agent(company, "Quiet", "{\"command\":\"true\"}", "{}");
        Issue issue = issues.create(BOARD, company, new IssueDraft("Say something", null, "todo", null, agent, null, null, null,
                null, null));
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs where issue_id = ? and status in ('queued', 'running')",
                issue.getId()) == 0 && Sql.countNow("select count(*) from heartbeat_runs where issue_id = ?", issue.getId()) == 2,
                "the assignment run and its one follow-up both end");
        List<Map<String, Object>> rows = Sql.rows("select wake_reason, status, issue_comment_status from heartbeat_runs"
                + " where issue_id = ? order by created_at", issue.getId());
        assertEquals("issue_assigned", rows.get(0).get("wake_reason"));
        assertEquals("retry_queued", rows.get(0).get("issue_comment_status"));
        assertEquals("missing_issue_comment", rows.get(1).get("wake_reason"));
        assertEquals("retry_exhausted", rows.get(1).get("issue_comment_status"));
        assertEquals("succeeded", rows.get(1).get("status"));
    }

    @Test
    void aRunsEnvironmentPutsTheProjectOverTheAgentAndTheRuntimeOverBoth() throws Exception {
        UUID company = company("Env");
        JsonObject projectEnv = JsonText.parse("{\"COLOUR\":\"project\",\"PAPERCLIP_RUN_ID\":\"forged\",\"API_TOKEN\":\"s3cr3t-value\"}");
        UUID project = projects.create(BOARD, company, new ProjectDraft("Envy", null, null, null, null, null, projectEnv)).getId();
        UUID agent = agent(company, "Printer", "{\"command\":\"sh\",\"args\":[\"-c\",\"echo colour=$COLOUR run=$PAPERCLIP_RUN_ID"
                + " task=$PAPERCLIP_TASK_ID reason=$PAPERCLIP_WAKE_REASON token=$API_TOKEN; echo key=$PAPERCLIP_API_KEY\"],"
                + "\"env\":{\"COLOUR\":\"agent\",\"PAPERCLIP_AGENT_ID\":\"forged\"}}", "{}");
        Issue issue = issues.create(BOARD, company, new IssueDraft("Print", null, "todo", null, agent, null, project, null, null,
                null));
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs where issue_id = ? and wake_reason = 'issue_assigned'"
                + " and status = 'succeeded'", issue.getId()) == 1, "the assignment run succeeds");
        UUID run = (UUID) Sql.value("select id from heartbeat_runs where issue_id = ? and wake_reason = 'issue_assigned'",
                issue.getId());

        String log = runs.log(BOARD, run, 0, 1 << 20).chunks().stream().map(RunLogFile.Chunk::chunk)
                .collect(Collectors.joining());
        assertTrue(log.contains("colour=project run=" + run + " task=" + issue.getId() + " reason=issue_assigned"), log);
        assertFalse(log.contains("s3cr3t-value"), "a secret-looking env value is redacted: " + log);
        assertFalse(log.contains("key=ey"), "the run token never reaches the log: " + log);
        HeartbeatRun done = runs.find(BOARD, run);
        assertTrue(done.getLogBytes() > 0);
        assertNotNull(done.getLastOutputAt());
        assertTrue(done.getContextSnapshot().contains(issue.getId().toString()));
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private UUID company(String name) {
        return companies.create(BOARD, new CompanyDraft(name + " " + UUID.randomUUID(), null, null, null)).getId();
    }

    private UUID agent(UUID company, String name, String adapterConfig, String runtimeConfig) {
        return agents.create(BOARD, company, new AgentDraft(name, null, null, null, null, null, "process",
                JsonText.parse(adapterConfig), JsonText.parse(runtimeConfig), null, null, null)).getId();
    }

    private static String status(UUID run) {
        try {
            return (String) Sql.value("select status from heartbeat_runs where id = ?", run);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


}
