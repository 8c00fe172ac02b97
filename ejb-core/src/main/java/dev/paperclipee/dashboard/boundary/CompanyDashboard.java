package dev.paperclipee.dashboard.boundary;

import java.util.UUID;

/**
 * A company at a glance (spec §10.8, api-contract dashboard row).
 *
 * @param agents           agents by status; {@code active} counts {@code idle} and {@code active}
 * @param tasks            issues: {@code open} is everything not done and not cancelled
 * @param costs            the month's spend against the company budget
 * @param pendingApprovals approvals waiting for the board ({@code pending})
 */
public record CompanyDashboard(UUID companyId, AgentCounts agents, TaskCounts tasks, MonthCosts costs, long pendingApprovals) {

    public record AgentCounts(long active, long running, long paused, long error) {
    }

    public record TaskCounts(long open, long inProgress, long blocked, long done) {
    }

    /** @param monthUtilizationPercent spend × 100 / budget, two decimals; 0 without a budget */
    public record MonthCosts(long monthSpendCents, long monthBudgetCents, double monthUtilizationPercent) {
    }
}
