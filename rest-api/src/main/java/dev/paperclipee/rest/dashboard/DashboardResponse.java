package dev.paperclipee.rest.dashboard;

import dev.paperclipee.dashboard.boundary.CompanyDashboard;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The dashboard exactly as api-contract.md gives it. */
public record DashboardResponse(String companyId, AgentCounts agents, TaskCounts tasks, Costs costs, long pendingApprovals) {

    /** {@code active} counts idle and active agents. */
    @Schema(name = "DashboardAgentCounts")
    public record AgentCounts(long active, long running, long paused, long error) {
    }

    /** {@code open}: not done and not cancelled. */
    @Schema(name = "DashboardTaskCounts")
    public record TaskCounts(long open, long inProgress, long blocked, long done) {
    }

    /** Utilization = spend × 100 / budget, two decimals (42/1000 → 4.2); 0 without a budget. */
    @Schema(name = "DashboardCosts")
    public record Costs(long monthSpendCents, long monthBudgetCents, double monthUtilizationPercent) {
    }

    public static DashboardResponse of(CompanyDashboard d) {
        return new DashboardResponse(d.companyId().toString(),
                new AgentCounts(d.agents().active(), d.agents().running(), d.agents().paused(), d.agents().error()),
                new TaskCounts(d.tasks().open(), d.tasks().inProgress(), d.tasks().blocked(), d.tasks().done()),
                new Costs(d.costs().monthSpendCents(), d.costs().monthBudgetCents(), d.costs().monthUtilizationPercent()),
                d.pendingApprovals());
    }
}
