package dev.paperclipee.cost.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.agent.entity.Agent;
import dev.paperclipee.agent.entity.AgentStatus;
import dev.paperclipee.agent.entity.PauseReason;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyChanges;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.company.entity.CompanyStatus;
import dev.paperclipee.cost.control.CostQueries;
import dev.paperclipee.heartbeat.boundary.HeartbeatRuns;
import dev.paperclipee.heartbeat.entity.HeartbeatRun;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.issue.entity.Issue;
import dev.paperclipee.issue.entity.IssueStatus;
import dev.paperclipee.project.boundary.ProjectDraft;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.shared.entity.MonthlySpend;
import dev.paperclipee.testing.ApplicationDeployment;
import dev.paperclipee.testing.Sql;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Budgets in Payara Micro against real PostgreSQL (spec §13.2): concurrent bookings cross each
 * threshold exactly once and pause the agent in the crossing transaction; a company hard stop
 * pauses the company, stops its running runs and refuses new work; a budget set below the spend
 * stops at once and a raised one resumes nothing; an agent sets budgets only in its subtree; a
 * project's budget stops checkouts of its issues; counters and cost reads go by the UTC month of
 * booking.
 */
@ExtendWith(ArquillianExtension.class)
class CostsIT {

    private static final Actor BOARD = Actor.localBoard();
    private static final OffsetDateTime WHEN = OffsetDateTime.parse("2026-02-17T20:25:00Z");

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("costs-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Agents agents;

    @Inject
    Projects projects;

    @Inject
    Issues issues;

    @Inject
    HeartbeatRuns runs;

    @Inject
    CostEvents costEvents;

    @Inject
    Budgets budgets;

    @Inject
    Costs costs;

    @Test
    void fortyConcurrentEventsCrossEachThresholdOnceAndTheCrossingOnePausesTheAgent() throws Exception {
        UUID company = company("Forty", null);
        UUID agent = agent(company, "Spender", null);
        budgets.agent(BOARD, agent, 1000L);
        UUID queued = (UUID) Sql.value("insert into heartbeat_runs (company_id, agent_id, invocation_source, status,"
                + " scheduled_at) values (?, ?, 'manual', 'queued', now() + interval '1 day') returning id", company, agent);

        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<UUID>> reports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            reports.add(executor.submit(() -> {
                go.await();
                return costEvents.report(BOARD, company, event(agent, 30, null, null)).getId();
            }));
        }
        go.countDown();
        for (Future<UUID> report : reports) {
            report.get(60, TimeUnit.SECONDS);
        }

        assertEquals(1200, spent("agents", agent), "every event counted exactly once");
        assertEquals(1200, spent("companies", company));
        assertEquals(1, rows(company, "budget.soft_threshold_crossed", "agent", agent), "one soft alert");
        assertEquals(1, rows(company, "budget.hard_threshold_crossed", "agent", agent), "one hard stop");
        Map<String, Object> hard = Sql.one("select details ->> 'priority' as priority, details ->> 'thresholdPercent' as percent,"
                + " details ->> 'spentMonthlyCents' as spent, details ->> 'costEventId' as event from activity_log"
                + " where company_id = ? and action = 'budget.hard_threshold_crossed'", company);
        assertEquals("high", hard.get("priority"));
        assertEquals("100", hard.get("percent"));
        assertEquals("1020", hard.get("spent"), "the 34th event of 30 cents crossed 1,000");
        assertEquals(1L, Sql.count("select count(*) from cost_events where id = ?::uuid and agent_id = ?", hard.get("event"), agent),
                "the row names the event that crossed");
        Map<String, Object> soft = Sql.one("select details ->> 'spentMonthlyCents' as spent, details ->> 'priority' as priority"
                + " from activity_log where company_id = ? and action = 'budget.soft_threshold_crossed'", company);
        assertEquals("810", soft.get("spent"), "the 27th event crossed 800");
        Map<String, Object> row = Sql.one("select status, pause_reason from agents where id = ?", agent);
        assertEquals("paused", row.get("status"));
        assertEquals("budget", row.get("pause_reason"));
        assertEquals(1, rows(company, "agent.paused", "agent", agent));
        Map<String, Object> cancelled = Sql.one("select status, error_code from heartbeat_runs where id = ?", queued);
        assertEquals("cancelled", cancelled.get("status"), "the paused agent's queued run is cancelled");
        assertEquals("budget_exceeded", cancelled.get("error_code"));
        assertThrows(ConflictException.class, () -> runs.invoke(BOARD, agent));
        assertEquals(MonthlySpend.BudgetAlert.hard, agents.find(BOARD, agent).getBudgetAlert());
        assertEquals(0, rows(company, "budget.soft_threshold_crossed", "company", company), "the company has no budget");
    }

    @Test
    void aCompanyHardStopPausesTheCompanyStopsItsRunsAndRefusesNewWork() throws Exception {
        UUID company = company("Company Stop", 100L);
        UUID reporter = agent(company, "Reporter", "{\"command\":\"true\"}");
        UUID busy = agent(company, "Busy", "{\"command\":\"sleep\",\"args\":[\"60\"],\"graceSec\":1}");
        HeartbeatRun running = runs.invoke(BOARD, busy);
        Sql.awaitTrue(() -> "running".equals(runStatus(running.getId())), "the busy agent's run starts");
        Issue issue = issues.create(BOARD, company, new IssueDraft("Work", null, "todo", null, null, null, null, null, null, null));

        costEvents.report(BOARD, company, event(reporter, 60, null, null));
        assertEquals(CompanyStatus.active, companies.find(BOARD, company).getStatus(), "60 % stops nothing");
        costEvents.report(BOARD, company, event(reporter, 40, null, null));

        Company stopped = companies.find(BOARD, company);
        assertEquals(CompanyStatus.paused, stopped.getStatus());
        assertEquals("budget", stopped.getPauseReason());
        assertEquals(1, rows(company, "budget.soft_threshold_crossed", "company", company));
        assertEquals(1, rows(company, "budget.hard_threshold_crossed", "company", company));
        Sql.awaitTrue(() -> "cancelled".equals(runStatus(running.getId())), "the company's running run is stopped");
        assertEquals(AgentStatus.idle, agents.find(BOARD, reporter).getStatus(), "agents keep their status; the company stops");
        ConflictException invoke = assertThrows(ConflictException.class, () -> runs.invoke(BOARD, reporter));
        assertTrue(invoke.getMessage().contains("Company"), invoke.getMessage());
        ConflictException checkout = assertThrows(ConflictException.class,
                () -> issues.checkout(BOARD, issue.getId().toString(), reporter, Set.of(IssueStatus.todo)));
        assertTrue(checkout.getMessage().startsWith("Company is paused (budget)"), checkout.getMessage());

        companies.update(BOARD, company, new CompanyChanges(null, null, "active", null, null, null));
        ConflictException stillSpent = assertThrows(ConflictException.class,
                () -> issues.checkout(BOARD, issue.getId().toString(), reporter, Set.of(IssueStatus.todo)));
        assertTrue(stillSpent.getMessage().contains("Company has used its monthly budget"), stillSpent.getMessage());
        budgets.company(BOARD, company, 1000L);
        assertEquals(CompanyStatus.active, companies.find(BOARD, company).getStatus());
        assertEquals(reporter, issues.checkout(BOARD, issue.getId().toString(), reporter, Set.of(IssueStatus.todo))
                .getAssigneeAgentId(), "raised and resumed, the company works again");
        assertEquals(1, rows(company, "company.budget_updated", "company", company));
    }

    @Test
    void aBudgetSetAtOrBelowTheSpendStopsAtOnceAndRaisingItResumesNothing() throws Exception {
        UUID company = company("Lowered", null);
        UUID agent = agent(company, "Lowered", "{\"command\":\"true\"}");
        costEvents.report(BOARD, company, event(agent, 50, null, null));

        Agent lowered = budgets.agent(BOARD, agent, 40L);
        assertEquals(AgentStatus.paused, lowered.getStatus());
        assertEquals(PauseReason.budget, lowered.getPauseReason());
        assertEquals(50, lowered.getSpentMonthlyCents());
        assertEquals(1, rows(company, "budget.soft_threshold_crossed", "agent", agent), "0 → 40 jumps past both thresholds");
        assertEquals(1, rows(company, "budget.hard_threshold_crossed", "agent", agent));
        assertNull(Sql.value("select details ->> 'costEventId' from activity_log where company_id = ?"
                + " and action = 'budget.hard_threshold_crossed'", company), "a budget change crossed, not an event");

        Agent raised = budgets.agent(BOARD, agent, 1000L);
        assertEquals(AgentStatus.paused, raised.getStatus(), "raising a budget resumes nothing (the board resumes)");
        assertEquals(MonthlySpend.BudgetAlert.none, raised.getBudgetAlert());
        budgets.agent(BOARD, agent, 1000L);
        assertEquals(2, rows(company, "agent.budget_updated", "agent", agent), "an unchanged budget writes nothing");
        agents.resume(BOARD, agent);
        assertEquals(agent, runs.invoke(BOARD, agent).getAgentId(), "raised and resumed, it is invoked again");

        budgets.agent(BOARD, agent, 60L);
        assertEquals(2, rows(company, "budget.soft_threshold_crossed", "agent", agent),
                "50 of 60 is past 80 % again: a new crossing");
        assertEquals(1, rows(company, "budget.hard_threshold_crossed", "agent", agent), "but not past 100 %");
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from heartbeat_runs where agent_id = ? and status in ('queued', 'running')",
                agent) == 0, "the run ends");
    }

    @Test
    void anAgentSetsBudgetsOnlyBelowItselfInTheReportingTree() throws Exception {
        UUID company = company("Subtree", null);
        UUID ceo = agent(company, "CEO", null);
        UUID manager = agent(company, "Manager", null, ceo);
        UUID worker = agent(company, "Worker", null, manager);
        UUID peer = agent(company, "Peer", null, ceo);
        Actor asManager = Actor.agent(manager, company);

        assertEquals(500, budgets.agent(asManager, worker, 500L).getBudgetMonthlyCents());
        assertEquals(700, budgets.agent(Actor.agent(ceo, company), worker, 700L).getBudgetMonthlyCents(), "the whole subtree");
        assertThrows(ForbiddenException.class, () -> budgets.agent(asManager, manager, 1L), "not its own");
        assertThrows(ForbiddenException.class, () -> budgets.agent(asManager, peer, 1L), "not a peer's");
        assertThrows(ForbiddenException.class, () -> budgets.agent(Actor.agent(worker, company), manager, 1L), "not upwards");
        assertThrows(ForbiddenException.class, () -> budgets.company(asManager, company, 1L), "never the company's");
        Map<String, Object> row = Sql.one("select actor_type, actor_id from activity_log where company_id = ?"
                + " and action = 'agent.budget_updated' order by created_at limit 1", company);
        assertEquals("agent", row.get("actor_type"));
        assertEquals(manager.toString(), row.get("actor_id"));
    }

    @Test
    void aProjectBudgetStopsCheckoutsOfItsIssuesOnly() throws Exception {
        UUID company = company("Project Stop", null);
        UUID agent = agent(company, "Builder", null);
        UUID project = projects.create(BOARD, company, new ProjectDraft("Capped", null, null, null, null, null, null)).getId();
        budgets.project(BOARD, project, 100L);
        Issue inside = issues.create(BOARD, company, new IssueDraft("Inside", null, "todo", null, null, null, project, null, null, null));
        Issue outside = issues.create(BOARD, company, new IssueDraft("Outside", null, "todo", null, null, null, null, null, null, null));

        costEvents.report(BOARD, company, event(agent, 100, inside.getId(), null));

        assertEquals(100, spent("projects", project), "the issue's project is the event's");
        assertEquals(1, rows(company, "budget.hard_threshold_crossed", "project", project));
        ConflictException refused = assertThrows(ConflictException.class,
                () -> issues.checkout(BOARD, inside.getId().toString(), agent, Set.of(IssueStatus.todo)));
        assertTrue(refused.getMessage().startsWith("Project has used its monthly budget"), refused.getMessage());
        assertEquals(agent, issues.checkout(BOARD, outside.getId().toString(), agent, Set.of(IssueStatus.todo)).getAssigneeAgentId(),
                "other work goes on");
        assertEquals(AgentStatus.idle, agents.find(BOARD, agent).getStatus());
    }

    @Test
    void spendCountsInTheMonthOfBookingAndAnEarlierMonthsCounterReadsAsZero() throws Exception {
        UUID company = company("Months", null);
        UUID agent = agent(company, "Monthly", null);
        UUID project = projects.create(BOARD, company, new ProjectDraft("Monthly", null, null, null, null, null, null)).getId();
        budgets.agent(BOARD, agent, 1000L);
        YearMonth now = MonthlySpend.currentMonth();
        YearMonth last = now.minusMonths(1);
        Sql.update("update agents set spent_monthly_cents = 900, spent_month = ?::date where id = ?", last.atDay(1).toString(), agent);
        Sql.update("insert into cost_events (company_id, agent_id, project_id, provider, model, input_tokens, output_tokens,"
                + " cost_cents, occurred_at, created_at) values (?, ?, ?, 'openai', 'gpt-5', 7, 3, 900, ?::timestamptz, ?::timestamptz)",
                company, agent, project, last.atDay(20).atStartOfDay() + "Z", last.atDay(20).atStartOfDay() + "Z");
        assertEquals(0, agents.find(BOARD, agent).getSpentMonthlyCents(), "last month's counter reads as 0");

        costEvents.report(BOARD, company, event(agent, 10, null, project));

        assertEquals(10, spent("agents", agent), "the counter restarts with this month's first booking");
        assertEquals(0, rows(company, "budget.soft_threshold_crossed", "agent", agent), "10 of 1,000 alerts nothing");
        Costs.Summary thisMonth = costs.summary(BOARD, company, null);
        assertEquals(now, thisMonth.month());
        assertEquals(10, thisMonth.spendCents(), "an event counts in the month it was booked, whatever its occurredAt");
        assertEquals(0, thisMonth.budgetCents());
        assertEquals(0.0, thisMonth.utilizationPercent());
        assertEquals(900, costs.summary(BOARD, company, last).spendCents());
        List<CostQueries.AgentCosts> byAgent = costs.byAgent(BOARD, company, last);
        assertEquals(1, byAgent.size());
        assertEquals(new CostQueries.Totals(900, 7, 0, 3), byAgent.get(0).totals());
        assertEquals(List.of(project), costs.byProject(BOARD, company, last).stream().map(CostQueries.ProjectCosts::projectId).toList());
        assertEquals(1, costs.byModel(BOARD, company, last).get(0).events());
        assertEquals(List.of(), costs.byAgent(BOARD, company, now.minusMonths(2)));
        budgets.company(BOARD, company, 1000L);
        assertEquals(1.0, costs.summary(BOARD, company, null).utilizationPercent(), "10 of 1,000 is 1 %");

        List<CostQueries.MonthCosts> monthly = costs.monthly(BOARD, company, null, 3);
        assertEquals(List.of(now.minusMonths(2), last, now), monthly.stream().map(CostQueries.MonthCosts::month).toList(),
                "oldest first, a month without events included");
        assertEquals(List.of(0L, 900L, 10L), monthly.stream().map(m -> m.totals().costCents()).toList());
        assertEquals(new CostQueries.Totals(900, 7, 0, 3), monthly.get(1).totals());
        assertEquals(List.of(0L, 900L, 10L), costs.monthly(BOARD, company, agent, 3).stream().map(m -> m.totals().costCents()).toList());
        UUID idle = agent(company, "Idle", null);
        assertEquals(List.of(0L, 0L), costs.monthly(BOARD, company, idle, 2).stream().map(m -> m.totals().costCents()).toList());
        assertThrows(InvalidInputException.class, () -> costs.monthly(BOARD, company, null, 0));
        assertThrows(InvalidInputException.class, () -> costs.monthly(BOARD, company, null, 25));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private UUID company(String name, Long budget) {
        return companies.create(BOARD, new CompanyDraft(name + " " + UUID.randomUUID(), null, budget, null)).getId();
    }

    /** An agent that is never started by the server: its wakes and timer are off. */
    private UUID agent(UUID company, String name, String adapterConfig) {
        return agent(company, name, adapterConfig, null);
    }

    private UUID agent(UUID company, String name, String adapterConfig, UUID reportsTo) {
        return agents.create(BOARD, company, new AgentDraft(name, null, null, null, reportsTo, null, "process",
                JsonText.parse(adapterConfig == null ? "{\"command\":\"true\"}" : adapterConfig),
                JsonText.parse("{\"heartbeat\":{\"enabled\":false,\"wakeOnDemand\":false}}"), null, null, null)).getId();
    }

    private static CostReport event(UUID agent, long cents, UUID issue, UUID project) {
        return new CostReport(agent, "openai", "gpt-5", 100L, 0L, 10L, cents, WHEN, issue, project, null, null);
    }

    private static long spent(String table, UUID id) throws Exception {
        return ((Number) Sql.value("select spent_monthly_cents from " + table + " where id = ?", id)).longValue();
    }

    private static long rows(UUID company, String action, String entityType, UUID entityId) throws Exception {
        return Sql.count("select count(*) from activity_log where company_id = ? and action = ? and entity_type = ?"
                + " and entity_id = ?", company, action, entityType, entityId.toString());
    }

    private static String runStatus(UUID run) {
        try {
            return (String) Sql.value("select status from heartbeat_runs where id = ?", run);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


}
