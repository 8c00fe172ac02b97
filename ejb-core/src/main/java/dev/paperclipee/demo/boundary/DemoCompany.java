package dev.paperclipee.demo.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.approval.boundary.Approvals;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.goal.boundary.GoalDraft;
import dev.paperclipee.goal.boundary.Goals;
import dev.paperclipee.issue.boundary.IssueDraft;
import dev.paperclipee.issue.boundary.Issues;
import dev.paperclipee.project.boundary.ProjectDraft;
import dev.paperclipee.project.boundary.Projects;
import dev.paperclipee.routine.boundary.RoutineDraft;
import dev.paperclipee.routine.boundary.Routines;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The first-run demo company (spec §18 milestone 6): on a database without companies, one company
 * with a CEO and two reports, all {@code process} agents running the shipped demo agent, a few
 * goals, a project, tasks, a weekly routine, and an approved CEO strategy (so the CEO's delegated
 * work may run, §12.2). One report has a budget of a few runs: the operator sees it paused by its
 * budget within minutes. Cluster-safe and idempotent: a transaction-scoped advisory lock
 * serialises the nodes starting at once, and only a database without any company is seeded —
 * so an operator who deletes or archives the demo never gets it back.
 */
@Stateless
public class DemoCompany {

    /** The advisory lock key of the seeding transaction (an arbitrary constant: "PCDEMO"). */
    static final long LOCK = 0x504344454d4fL;
    public static final String NAME = "Paperclip Demo Co";
    /** What a report's heartbeat costs in the demo (cents, tokens): about a small model's real price for one task. */
    static final int REPORT_COST_CENTS = 14;
    static final int CEO_COST_CENTS = 22;
    /** The small budget: three of the report's runs use it up. */
    public static final int SMALL_BUDGET_CENTS = 40;

    private static final Actor BOARD = Actor.system("first-run-demo");

    @PersistenceContext
    EntityManager em;

    @Inject
    Companies companies;

    @Inject
    Agents agents;

    @Inject
    Goals goals;

    @Inject
    Projects projects;

    @Inject
    Issues issues;

    @Inject
    Approvals approvals;

    @Inject
    Routines routines;

    /**
     * Seeds the demo company when the database has no company yet.
     *
     * @param program the demo agent's source file, as the agents will run it
     * @param java    the {@code java} launcher that runs it
     * @return the new company's id, or null when the database was not empty
     */
    public UUID seedIfEmpty(Path program, String java) {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LOCK).getSingleResult();
        Number existing = (Number) em.createNativeQuery("select count(*) from companies").getSingleResult();
        if (existing.longValue() > 0) {
            return null;
        }
        Company company = companies.create(BOARD, new CompanyDraft(NAME,
                "A small company of demo agents, created on the first start (PAPERCLIP_SEED_DEMO=false opts out). Its"
                        + " agents run the shipped demo agent: they check out their tasks, comment, report what the"
                        + " work cost and finish or delegate it.", 0L, false));
        UUID c = company.getId();
        Launch launch = new Launch(java, program.toString());
        UUID ceo = agent(launch, c, "Ada", "ceo", "Chief Executive", null, CEO_COST_CENTS, 2400, 900, true, 0, 20);
        UUID grace = agent(launch, c, "Grace", "engineer", "Engineer", ceo, REPORT_COST_CENTS, 1850, 620, false, 5000, 20);
        // the small budget: runs one at a time, so the pause lands between two tasks
        UUID linus = agent(launch, c, "Linus", "researcher", "Researcher", ceo, REPORT_COST_CENTS, 1850, 620, false,
                SMALL_BUDGET_CENTS, 1);

        var strategy = approvals.request(BOARD, c, "approve_ceo_strategy", Json.createObjectBuilder()
                .add("plan", "Ship the first release; keep the spend visible; delegate research and engineering.")
                .build());
        em.flush(); // approving locks the approval row: it must be in the database by then
        approvals.approve(BOARD, strategy.getId(), "Approved for the demo.");

        UUID release = goals.create(BOARD, c, new GoalDraft("Ship the first release", "Everything a first customer needs",
                "team", "active", null, ceo)).getId();
        UUID costs = goals.create(BOARD, c, new GoalDraft("Keep the spend under control",
                "Every run's cost is reported; budgets pause agents that overspend", "team", "active", null, ceo)).getId();
        UUID project = projects.create(BOARD, c, new ProjectDraft("Launch", "The first public release", "in_progress",
                release, ceo, null, null)).getId();

        task(c, "Plan the launch announcement", "Decide who writes what; hand it to the team.", "high", ceo, project, release);
        task(c, "Choose the next feature", "Look at the feedback and pick one.", "medium", ceo, project, release);
        task(c, "Write the release notes", "One paragraph per change.", "high", grace, project, release);
        task(c, "Fix the flaky login test", "It fails one run in ten.", "medium", grace, project, release);
        task(c, "Research competitor pricing", "Three competitors, one table.", "medium", linus, null, costs);
        task(c, "Summarise the user interviews", "Five interviews, one page.", "medium", linus, null, release);
        task(c, "Benchmark the search page", "p50 and p95 on the demo data.", "low", linus, project, release);
        task(c, "Draft the FAQ", "The ten questions we hear most.", "low", linus, project, release);
        task(c, "Set up a status page", "Not assigned yet: a task waiting in the backlog.", "low", null, null, release);

        routines.create(BOARD, c, new RoutineDraft("Weekly cost review", "Look at the costs by agent and project.",
                "medium", ceo, null, costs, null, "0 9 * * 1", "UTC", null));
        return c;
    }

    /** How the demo agents start: this server's {@code java} on the extracted program. */
    private record Launch(String java, String program) {
    }

    private UUID agent(Launch launch, UUID company, String name, String role, String title, UUID reportsTo, int costCents,
                       int inputTokens, int outputTokens, boolean delegates, int budgetCents, int maxConcurrentRuns) {
        JsonObject env = Json.createObjectBuilder()
                .add("WORKER_COST_CENTS", String.valueOf(costCents))
                .add("WORKER_INPUT_TOKENS", String.valueOf(inputTokens))
                .add("WORKER_OUTPUT_TOKENS", String.valueOf(outputTokens))
                .add("WORKER_DELEGATE", String.valueOf(delegates))
                .build();
        JsonObject adapter = Json.createObjectBuilder()
                .add("command", launch.java())
                .add("args", Json.createArrayBuilder().add(launch.program()))
                .add("env", env)
                .add("timeoutSec", 300)
                .build();
        // woken by assignments and comments only: no timer heartbeats in the demo
        JsonObject runtime = Json.createObjectBuilder()
                .add("heartbeat", Json.createObjectBuilder().add("enabled", false).add("wakeOnDemand", true)
                        .add("maxConcurrentRuns", maxConcurrentRuns))
                .build();
        return agents.create(BOARD, company, new AgentDraft(name, role, title, null, reportsTo, null, "process", adapter,
                runtime, (long) budgetCents, null, null)).getId();
    }

    private void task(UUID company, String title, String description, String priority, UUID assignee, UUID project, UUID goal) {
        issues.create(BOARD, company, new IssueDraft(title, description, null, priority, assignee, null, project, goal,
                null, null));
    }
}
