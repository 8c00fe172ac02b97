package dev.paperclipee.issue.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.issue.control.IssueFilter;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.RuleViolationException;
import dev.paperclipee.testing.ApplicationDeployment;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static dev.paperclipee.testing.Sql.count;
import static dev.paperclipee.testing.Sql.one;
import static dev.paperclipee.testing.Sql.rows;
import static dev.paperclipee.testing.Sql.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue boundary in Payara Micro against real PostgreSQL (spec §7.6, §8.2, §10.4, §10.4.1):
 * the atomic checkout under a real race of many transactions, gap-free numbering under
 * concurrent creation, and the agent rules. One deployment for the class.
 */
@ExtendWith(ArquillianExtension.class)
class IssuesIT {

    private static final Actor BOARD = Actor.localBoard();
    private static final Set<IssueStatus> CLAIM = EnumSet.of(IssueStatus.todo, IssueStatus.backlog);

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("issues-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Issues issues;

    @PersistenceContext
    EntityManager em;

    @Test
    void ofSixtyConcurrentCheckoutsExactlyOneWins() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Race " + UUID.randomUUID(), null, null, null));
        Issue issue = issues.create(BOARD, company.getId(), draft("Contested", null));
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            agents.add(agent(company.getId(), "Racer " + i, null));
        }

        List<Object> outcomes = race(agents.size(),
                i -> issues.checkout(BOARD, issue.getId().toString(), agents.get(i), CLAIM));

        List<Issue> winners = outcomes.stream().filter(Issue.class::isInstance).map(Issue.class::cast).toList();
        assertEquals(1, winners.size(), outcomes::toString);
        for (Object outcome : outcomes) {
            if (!(outcome instanceof Issue)) {
                ConflictException lost = assertInstanceOf(ConflictException.class, outcome);
                @SuppressWarnings("unchecked")
                Map<String, Object> details = (Map<String, Object>) lost.details();
                assertEquals(issue.getId().toString(), details.get("issueId"));
                assertEquals("in_progress", details.get("status"));
                assertEquals(winners.get(0).getAssigneeAgentId().toString(), details.get("assigneeAgentId"));
            }
        }
        Map<String, Object> row = one("select status, assignee_agent_id, started_at from issues where id = ?", issue.getId());
        assertEquals("in_progress", row.get("status"));
        assertEquals(winners.get(0).getAssigneeAgentId(), row.get("assignee_agent_id"));
        assertNotNull(row.get("started_at"));
        assertEquals(1L, count("select count(*) from activity_log where entity_id = ? and action = 'issue.checked_out'",
                issue.getId().toString()));
    }

    @Test
    void concurrentCreatesNumberWithoutGapsOrDuplicates() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Counter " + UUID.randomUUID(), null, null, null));

        List<Object> outcomes = race(30, i -> issues.create(BOARD, company.getId(), draft("Task " + i, null)));

        Set<Integer> numbers = new TreeSet<>();
        for (Object outcome : outcomes) {
            numbers.add(assertInstanceOf(Issue.class, outcome).getIssueNumber());
        }
        assertEquals(IntStream.rangeClosed(1, 30).boxed().toList(), List.copyOf(numbers));
        assertEquals(30, ((Number) value("select issue_counter from companies where id = ?", company.getId())).intValue());
        assertEquals(30L, count("select count(distinct identifier) from issues where company_id = ?", company.getId()));
    }

    @Test
    void aRefusedCreationGivesItsNumberBack() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Refusal " + UUID.randomUUID(), null, null, null));
        Company other = companies.create(BOARD, new CompanyDraft("Other " + UUID.randomUUID(), null, null, null));
        UUID foreignGoal = (UUID) value("select id from goals where company_id = ?", other.getId());

        assertThrows(RuleViolationException.class, () -> issues.create(BOARD, company.getId(),
                new IssueDraft("Linked abroad", null, null, null, null, null, null, foreignGoal, null, null)));
        Issue next = issues.create(BOARD, company.getId(), draft("First real", null));

        assertEquals(1, next.getIssueNumber());
        assertEquals(0L, count("select count(*) from activity_log where company_id = ? and action = 'issue.created'"
                + " and details->>'title' = 'Linked abroad'", company.getId()));
    }

    @Test
    void agentsChangeOnlyTheirOwnOrTheirReportsIssues() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Org " + UUID.randomUUID(), null, null, null));
        UUID manager = agent(company.getId(), "Manager", null);
        UUID report = agent(company.getId(), "Report", manager);
        UUID outsider = agent(company.getId(), "Outsider", null);
        Issue issue = issues.create(BOARD, company.getId(), draft("Report's task", report));

        assertThrows(ForbiddenException.class, () -> issues.update(actor(outsider, company), issue.getIdentifier(),
                changes("in_progress")));
        assertThrows(ForbiddenException.class, () -> issues.checkout(actor(outsider, company), issue.getIdentifier(),
                report, CLAIM), "an agent checks out only for itself");
        assertThrows(ConflictException.class, () -> issues.release(actor(outsider, company), issue.getIdentifier()));
        assertThrows(ForbiddenException.class, () -> issues.forceRelease(actor(manager, company), issue.getIdentifier(),
                true), "force-release is board-only");

        Issue started = issues.checkout(actor(report, company), issue.getIdentifier(), report, CLAIM);
        assertEquals(IssueStatus.in_progress, started.getStatus());
        Issue reviewed = issues.update(actor(report, company), issue.getIdentifier(), changes("in_review"));
        assertEquals(IssueStatus.in_review, reviewed.getStatus());
        Issue done = issues.update(actor(manager, company), issue.getIdentifier(), changes("done"));
        assertEquals(IssueStatus.done, done.getStatus());
        assertNotNull(done.getCompletedAt());

        List<Map<String, Object>> log = rows("select action, actor_type, actor_id from activity_log where entity_id = ?"
                + " order by created_at, action", issue.getId().toString());
        assertEquals(List.of("issue.created", "issue.checked_out", "issue.updated", "issue.updated"),
                log.stream().map(r -> r.get("action")).toList());
        assertEquals(manager.toString(), log.get(3).get("actor_id"));
        assertEquals("agent", log.get(3).get("actor_type"));
    }

    @Test
    void checkoutSelfHealsALockOfAFinishedRun() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Heal " + UUID.randomUUID(), null, null, null));
        UUID first = agent(company.getId(), "First", null);
        UUID second = agent(company.getId(), "Second", null);
        Issue issue = issues.create(BOARD, company.getId(), draft("Stale lock", null));
        UUID deadRun = (UUID) value("insert into heartbeat_runs (company_id, agent_id, invocation_source, status)"
                + " values (?, ?, 'manual', 'failed') returning id", company.getId(), first);
        UUID liveRun = (UUID) value("insert into heartbeat_runs (company_id, agent_id, invocation_source, status)"
                + " values (?, ?, 'manual', 'running') returning id", company.getId(), first);
        value("update issues set checkout_run_id = ?, execution_run_id = ? where id = ? returning id",
                liveRun, liveRun, issue.getId());

        assertThrows(ConflictException.class, () -> issues.checkout(BOARD, issue.getIdentifier(), second, CLAIM),
                "a live run's lock is never taken over");

        value("update issues set checkout_run_id = ?, execution_run_id = ? where id = ? returning id",
                deadRun, deadRun, issue.getId());
        Issue claimed = issues.checkout(BOARD, issue.getIdentifier(), second, CLAIM);

        assertEquals(second, claimed.getAssigneeAgentId());
        assertNull(claimed.getCheckoutRunId(), "the board claims without a run");
    }

    @Test
    void forceReleaseRecordsThePreviousRunIds() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Force " + UUID.randomUUID(), null, null, null));
        UUID worker = agent(company.getId(), "Worker", null);
        Issue issue = issues.create(BOARD, company.getId(), draft("Stuck", worker));
        UUID run = (UUID) value("insert into heartbeat_runs (company_id, agent_id, invocation_source, status)"
                + " values (?, ?, 'manual', 'running') returning id", company.getId(), worker);
        Issue held = issues.checkout(new Actor(ActorType.agent, worker.toString(), company.getId(), run),
                issue.getIdentifier(), worker, EnumSet.of(IssueStatus.todo));
        assertEquals(run, held.getCheckoutRunId());
        assertEquals(run, held.getExecutionRunId());
        assertNotNull(held.getExecutionLockedAt());

        Issue released = issues.forceRelease(BOARD, issue.getIdentifier(), true);

        assertNull(released.getCheckoutRunId());
        assertNull(released.getAssigneeAgentId());
        assertEquals(IssueStatus.todo, released.getStatus());
        Map<String, Object> entry = one("select details->>'previousCheckoutRunId' as checkout,"
                + " details->>'previousExecutionRunId' as execution from activity_log"
                + " where entity_id = ? and action = 'issue.admin_force_release'", issue.getId().toString());
        assertEquals(run.toString(), entry.get("checkout"));
        assertEquals(run.toString(), entry.get("execution"));
    }

    @Test
    void listingAPageIsOneQueryWhateverItsSize() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Queries " + UUID.randomUUID(), null, null, null));
        UUID worker = agent(company.getId(), "Worker", null);
        for (int i = 0; i < 40; i++) {
            issues.create(BOARD, company.getId(), draft("Listed " + i, i % 2 == 0 ? worker : null));
        }
        IssueFilter filter = new IssueFilter(EnumSet.of(IssueStatus.todo, IssueStatus.backlog), null, null, null, null, 50, 0);

        int[] statements = {0};
        Thread caller = Thread.currentThread();
        SessionEventAdapter counter = new SessionEventAdapter() {
            @Override
            public void postExecuteQuery(SessionEvent event) {
                // the heartbeat runtime works on its own threads meanwhile (the assignments woke Worker)
                if (Thread.currentThread() == caller) {
                    statements[0]++;
                }
            }
        };
        Session session = em.unwrap(Session.class);
        session.getEventManager().addListener(counter);
        try {
            assertEquals(40, issues.list(BOARD, company.getId(), filter).size());
        } finally {
            session.getEventManager().removeListener(counter);
        }
        assertEquals(2, statements[0], "the company check and one SELECT for the page, not one per issue");
    }

    /** Runs {@code n} calls at once (released together by a latch); each outcome is a result or the exception. */
    private static List<Object> race(int n, Call call) throws Exception {
        ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
        ExecutorService pool = Executors.newFixedThreadPool(n, threads);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return call.run(index);
                    } catch (RuntimeException e) {
                        return unwrap(e);
                    }
                }));
            }
            assertTrue(ready.await(60, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> f : futures) {
                try {
                    outcomes.add(f.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The domain exception behind an EJB wrapper, if any. */
    private static Throwable unwrap(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.paperclipee.shared.entity.DomainException) {
                return t;
            }
        }
        return e;
    }

    @FunctionalInterface
    private interface Call {
        Object run(int index);
    }

    private static IssueDraft draft(String title, UUID assignee) {
        return new IssueDraft(title, null, null, null, assignee, null, null, null, null, null);
    }

    private static IssueChanges changes(String status) {
        return new IssueChanges(null, null, status, null, null, null, null, null, null, null, null);
    }

    private static Actor actor(UUID agent, Company company) {
        return new Actor(ActorType.agent, agent.toString(), company.getId(), null);
    }

    private static UUID agent(UUID companyId, String name, UUID reportsTo) throws Exception {
        return (UUID) value("insert into agents (company_id, name, reports_to) values (?, ?, ?) returning id",
                companyId, name, reportsTo);
    }
}
