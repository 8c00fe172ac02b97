package dev.paperclipee.approval.boundary;

import dev.paperclipee.access.boundary.Authentication;
import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.approval.entity.Approval;
import dev.paperclipee.approval.entity.ApprovalStatus;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.RuleViolationException;
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
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.paperclipee.shared.entity.JsonText.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The approval boundary in Payara Micro against real PostgreSQL (spec §8.3, §12): of an approve
 * and a reject racing on one request exactly one wins and the other is a 409, with one agent (or
 * none) and one decision row to show for it; an approved hire is exactly the requested agent
 * under the requested manager, with its first key; a hire that can no longer be carried out is
 * refused and stays open; and the CEO's delegated work waits for the strategy approval.
 */
@ExtendWith(ArquillianExtension.class)
class ApprovalsIT {

    private static final Actor BOARD = Actor.localBoard();

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("approvals-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Agents agents;

    @Inject
    Approvals approvals;

    @Inject
    Issues issues;

    @Inject
    Authentication authentication;

    @Test
    void anApproveAndARejectRacingOnOneHireLeaveExactlyOneDecision() throws Exception {
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        UUID company = company("Approval Race");
        Agent manager = hire(company, "Manager", null);
        Actor requester = Actor.agent(manager.getId(), company);
        for (int round = 0; round < 12; round++) {
            String name = "Racer " + round;
            Approval request = approvals.request(requester, company, "hire_agent",
                    json("{\"name\":\"" + name + "\",\"reportsTo\":\"" + manager.getId() + "\"}"));
            UUID id = request.getId();
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Object>> racers = new ArrayList<>(List.of(
                    () -> approvals.approve(BOARD, id, "yes"),
                    () -> approvals.reject(BOARD, id, "no")));
            if (round % 2 == 1) {
                Collections.reverse(racers); // either may be submitted first
            }
            List<Future<Object>> results = new ArrayList<>();
            for (Callable<Object> racer : racers) {
                results.add(executor.submit(() -> {
                    go.await();
                    return racer.call();
                }));
            }
            go.countDown();
            int won = 0;
            List<Throwable> refused = new ArrayList<>();
            for (Future<Object> result : results) {
                try {
                    result.get(60, TimeUnit.SECONDS);
                    won++;
                } catch (ExecutionException e) {
                    refused.add(e.getCause());
                }
            }
            assertEquals(1, won, "round " + round + ": exactly one decision wins, refused: " + refused);
            assertInstanceOf(ConflictException.class, refused.get(0), "the other one finds it decided: 409");
            assertTrue(refused.get(0).getMessage().contains("final"), refused.get(0).getMessage());

            Map<String, Object> row = Sql.one("select status, payload->>'agentId' as hired from approvals where id = ?", id);
            long agentsNamed = Sql.count("select count(*) from agents where company_id = ? and name = ?", company, name);
            long decisions = Sql.count("select count(*) from activity_log where entity_type = 'approval' and entity_id = ?"
                    + " and action in ('approval.approved', 'approval.rejected')", id.toString());
            assertEquals(1, decisions, "round " + round + ": one decision row");
            if (row.get("status").equals("approved")) {
                assertEquals(1, agentsNamed, "round " + round + ": approved, so hired once");
                assertNotNull(row.get("hired"));
            } else {
                assertEquals("rejected", row.get("status"));
                assertEquals(0, agentsNamed, "round " + round + ": rejected, so nobody hired");
                assertNull(row.get("hired"));
            }
        }
    }

    @Test
    void anApprovedHireIsExactlyTheRequestedAgentUnderItsManagerWithItsFirstKey() throws Exception {
        UUID company = company("Hiring");
        Agent cto = hire(company, "CTO", null);
        Actor requester = Actor.agent(cto.getId(), company);
        Approval request = approvals.request(requester, company, "hire_agent", json("""
                {"name":"Builder","role":"engineer","title":"Backend","reportsTo":"%s","adapterType":"process",
                 "adapterConfig":{"command":"true"},"budgetMonthlyCents":2500,"createApiKey":true,
                 "agentId":"%s"}
                """.formatted(cto.getId(), UUID.randomUUID())));
        assertEquals(ApprovalStatus.pending, request.getStatus());
        assertNull(Sql.value("select payload->>'agentId' from approvals where id = ?", request.getId()),
                "a client-sent agentId is not stored");
        assertEquals(0, Sql.count("select count(*) from agents where company_id = ? and name = 'Builder'", company),
                "nobody is hired before the board decides");

        ApprovalDecision decision = approvals.approve(BOARD, request.getId(), "welcome");
        Agent hired = decision.hiredAgent();
        assertNotNull(hired);
        Map<String, Object> agent = Sql.one("select name, role, title, reports_to, adapter_type, budget_monthly_cents,"
                + " status, adapter_config->>'command' as command from agents where id = ?", hired.getId());
        assertEquals("Builder", agent.get("name"));
        assertEquals("engineer", agent.get("role"));
        assertEquals("Backend", agent.get("title"));
        assertEquals(cto.getId(), agent.get("reports_to"), "under the requested manager");
        assertEquals("process", agent.get("adapter_type"));
        assertEquals(2500, agent.get("budget_monthly_cents"));
        assertEquals("idle", agent.get("status"));
        assertEquals("true", agent.get("command"));

        Map<String, Object> approval = Sql.one("select status, decision_note, decided_by_user_id, decided_at,"
                + " payload->>'agentId' as hired from approvals where id = ?", request.getId());
        assertEquals("approved", approval.get("status"));
        assertEquals("welcome", approval.get("decision_note"));
        assertEquals(Actor.LOCAL_BOARD_USER_ID, approval.get("decided_by_user_id"));
        assertNotNull(approval.get("decided_at"));
        assertEquals(hired.getId().toString(), approval.get("hired"), "the approval names the agent it created");

        assertEquals(1, Sql.count("select count(*) from activity_log where action = 'approval.approved' and entity_id = ?"
                + " and details->>'hiredAgentId' = ? and agent_id = ?", request.getId().toString(), hired.getId().toString(),
                cto.getId()), "one decision row, found under the requesting agent");
        assertEquals(1, Sql.count("select count(*) from activity_log where action = 'agent.created' and entity_id = ?"
                + " and details->>'approvalId' = ?", hired.getId().toString(), request.getId().toString()));
        assertEquals(1, Sql.count("select count(*) from activity_log where action = 'approval.created' and entity_id = ?"
                + " and actor_type = 'agent' and actor_id = ?", request.getId().toString(), cto.getId().toString()));

        assertNotNull(decision.apiKey(), "the payload asked for a key");
        assertEquals(hired.getId(), authentication.agentKey(decision.apiKey().token()).orElseThrow().agentId(),
                "the first key works for the hired agent");
        assertEquals(1, Sql.count("select count(*) from agent_api_keys where agent_id = ?", hired.getId()));

        ConflictException again = assertThrows(ConflictException.class, () -> approvals.approve(BOARD, request.getId(), null));
        assertTrue(again.getMessage().contains("already approved"), again.getMessage());
        assertEquals(1, Sql.count("select count(*) from agents where company_id = ? and name = 'Builder'", company),
                "deciding again hires nobody");
    }

    @Test
    void aHireThatCanNoLongerBeCarriedOutIsRefusedAndStaysOpen() throws Exception {
        UUID company = company("Stale Hire");
        Agent manager = hire(company, "Leaving", null);
        Approval request = approvals.request(BOARD, company, "hire_agent",
                json("{\"name\":\"Orphan\",\"reportsTo\":\"" + manager.getId() + "\"}"));
        agents.terminate(BOARD, manager.getId());

        RuleViolationException refused = assertThrows(RuleViolationException.class,
                () -> approvals.approve(BOARD, request.getId(), null));
        assertTrue(refused.getMessage().contains("terminated"), refused.getMessage());
        assertEquals(Map.of("payload", Map.of("reportsTo", manager.getId().toString())), refused.details());
        assertEquals("pending", Sql.value("select status from approvals where id = ?", request.getId()), "rolled back");
        assertEquals(0, Sql.count("select count(*) from agents where company_id = ? and name = 'Orphan'", company));
        assertEquals(0, Sql.count("select count(*) from activity_log where action = 'approval.approved' and entity_id = ?",
                request.getId().toString()));

        approvals.reject(BOARD, request.getId(), "the manager left");
        assertEquals("rejected", Sql.value("select status from approvals where id = ?", request.getId()));
    }

    @Test
    void theCeosDelegatedWorkWaitsForTheStrategyApprovalWhichWakesItsAssignees() throws Exception {
        UUID company = company("Strategy");
        Agent ceo = hire(company, "Chief", "ceo");
        Agent engineer = hire(company, "Engineer", null);
        Actor asCeo = Actor.agent(ceo.getId(), company);
        Issue delegated = issues.create(asCeo, company, new IssueDraft("Build the thing", null, null, null, engineer.getId(),
                null, null, null, null, null));
        Issue boards = issues.create(BOARD, company, new IssueDraft("Board's own task", null, null, null, engineer.getId(),
                null, null, null, null, null));
        assertEquals(IssueStatus.todo, delegated.getStatus());
        assertEquals(0, runsFor(engineer, delegated), "no wake for a draft its assignee could not start");
        assertEquals(1, runsFor(engineer, boards), "the board's issue wakes as always");

        ConflictException checkout = assertThrows(ConflictException.class, () -> issues.checkout(Actor.agent(engineer.getId(),
                company), delegated.getId().toString(), engineer.getId(), Set.of(IssueStatus.todo)));
        assertTrue(checkout.getMessage().contains("strategy"), checkout.getMessage());
        assertEquals("todo", Sql.value("select status from issues where id = ?", delegated.getId()));
        assertThrows(ConflictException.class, () -> issues.checkout(BOARD, delegated.getId().toString(), engineer.getId(),
                Set.of(IssueStatus.todo)), "the board cannot start it either: approving the strategy is the board's way");

        Approval strategy = approvals.request(asCeo, company, "approve_ceo_strategy",
                json("{\"plan\":\"Build the thing first\"}"));
        approvals.approve(BOARD, strategy.getId(), null);
        assertEquals(1, runsFor(engineer, delegated), "approving the strategy wakes the draft's assignee");

        Issue started = issues.checkout(Actor.agent(engineer.getId(), company), delegated.getId().toString(), engineer.getId(),
                Set.of(IssueStatus.todo));
        assertEquals(IssueStatus.in_progress, started.getStatus());
    }

    private static long runsFor(Agent agent, Issue issue) throws Exception {
        return Sql.count("select count(*) from heartbeat_runs where agent_id = ? and issue_id = ?"
                + " and wake_reason = 'issue_assigned'", agent.getId(), issue.getId());
    }

    private UUID company(String name) {
        return companies.create(BOARD, new CompanyDraft(name + " " + UUID.randomUUID(), null, null, null)).getId();
    }

    /** A quiet agent: its runs (if woken) succeed at once. */
    private Agent hire(UUID company, String name, String role) {
        return agents.create(BOARD, company, new AgentDraft(name, role, null, null, null, null, null,
                json("{\"command\":\"true\"}"), null, null, null, null));
    }

    private static JsonObject json(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }
}
