package dev.paperclipee.cost.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.company.control.CompanyScope;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.cost.control.CostQueries;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * A company's costs by month (spec §10.7): the summary against its budget, and the spend by agent,
 * by project and by provider/model. The board reads every company's, an agent its own company's.
 * A null month is the current UTC calendar month. The budget is the company's budget as it is now
 * (budgets keep no history), also for an earlier month.
 */
@Stateless
public class Costs {

    @Inject
    CompanyScope scope;

    @Inject
    CostQueries queries;

    /** The month's spend against the company's budget; utilization as api-contract defines it. */
    public record Summary(UUID companyId, YearMonth month, long spendCents, int budgetCents, double utilizationPercent) {
    }

    public Summary summary(Actor actor, UUID companyId, YearMonth month) {
        Company company = scope.require(actor, companyId);
        YearMonth chosen = month == null ? MonthlySpend.currentMonth() : month;
        long spend = queries.spend(companyId, chosen);
        int budget = company.getBudgetMonthlyCents();
        return new Summary(companyId, chosen, spend, budget, MonthlySpend.utilizationPercent(spend, budget));
    }

    public List<CostQueries.AgentCosts> byAgent(Actor actor, UUID companyId, YearMonth month) {
        scope.require(actor, companyId);
        return queries.byAgent(companyId, month == null ? MonthlySpend.currentMonth() : month);
    }

    public List<CostQueries.ProjectCosts> byProject(Actor actor, UUID companyId, YearMonth month) {
        scope.require(actor, companyId);
        return queries.byProject(companyId, month == null ? MonthlySpend.currentMonth() : month);
    }

    public List<CostQueries.ModelCosts> byModel(Actor actor, UUID companyId, YearMonth month) {
        scope.require(actor, companyId);
        return queries.byModel(companyId, month == null ? MonthlySpend.currentMonth() : month);
    }

    /**
     * The spend of the company, or of one of its agents ({@code agentId} not null), in each of the
     * last {@code months} months (1 to 24) up to the current one, oldest first: the board's charts.
     */
    public List<CostQueries.MonthCosts> monthly(Actor actor, UUID companyId, UUID agentId, int months) {
        scope.require(actor, companyId);
        if (months < 1 || months > 24) {
            throw new InvalidInputException("months", "must be from 1 to 24", months < 1 ? "too_small" : "too_big");
        }
        return queries.monthly(companyId, agentId, MonthlySpend.currentMonth(), months);
    }
}
