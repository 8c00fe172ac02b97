package dev.paperclipee.dashboard.control;

import dev.paperclipee.company.entity.Company;
import dev.paperclipee.dashboard.boundary.CompanyDashboard;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * The dashboard's numbers, counted from the live rows in one statement (one pass over each of the
 * company's agents, issues and pending approvals, on their company indexes), so that they agree with
 * the lists of the same moment: {@code agents.active} is idle + active, {@code tasks.open} is not
 * done and not cancelled.
 */
@Dependent
public class DashboardQueries {

    private static final String COUNTS = """
            select ag.active, ag.running, ag.paused, ag.error,
                   iss.open, iss.in_progress, iss.blocked, iss.done,
                   ap.pending
              from (select count(*) filter (where status in ('idle', 'active')) as active,
                           count(*) filter (where status = 'running') as running,
                           count(*) filter (where status = 'paused') as paused,
                           count(*) filter (where status = 'error') as error
                      from agents where company_id = cast(?1 as uuid)) ag,
                   (select count(*) filter (where status not in ('done', 'cancelled')) as open,
                           count(*) filter (where status = 'in_progress') as in_progress,
                           count(*) filter (where status = 'blocked') as blocked,
                           count(*) filter (where status = 'done') as done
                      from issues where company_id = cast(?1 as uuid)) iss,
                   (select count(*) as pending
                      from approvals where company_id = cast(?1 as uuid) and status = 'pending') ap
            """;

    @PersistenceContext
    EntityManager em;

    public CompanyDashboard of(Company company) {
        UUID companyId = company.getId();
        Object[] row = (Object[]) em.createNativeQuery(COUNTS).setParameter(1, companyId.toString()).getSingleResult();
        long spend = monthSpendCents(company);
        long budget = company.getBudgetMonthlyCents();
        return new CompanyDashboard(companyId,
                new CompanyDashboard.AgentCounts(n(row[0]), n(row[1]), n(row[2]), n(row[3])),
                new CompanyDashboard.TaskCounts(n(row[4]), n(row[5]), n(row[6]), n(row[7])),
                new CompanyDashboard.MonthCosts(spend, budget, utilizationPercent(spend, budget)),
                n(row[8]));
    }

    /**
     * The company's month-to-date spend: the counter cost ingestion advances in the event's own
     * transaction. The one place the dashboard reads spend from, should monthly spend be kept otherwise.
     */
    long monthSpendCents(Company company) {
        return company.getSpentMonthlyCents();
    }

    /** {@code spend × 100 / budget} rounded half up to two decimals (42 of 1000 → 4.2); a budget of 0 is no limit: 0. */
    public static double utilizationPercent(long spendCents, long budgetCents) {
        if (budgetCents <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(spendCents).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(budgetCents), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
