package dev.paperclipee.shared.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The month arithmetic of budgets (spec §13), shared by the companies, agents and projects that
 * carry a {@code spent_monthly_cents} counter and by the SQL that reads it.
 *
 * <p>A counter holds the spend of the UTC calendar month named by its {@code spent_month} column;
 * the spend of an earlier month reads as 0 (the counter restarts at the month's first booking), so
 * no job has to reset anything at midnight for reads and enforcement to be right.
 *
 * <p>It lives in the {@code db} jar, not in {@code ejb-core}, because the batch jobs use it too: in
 * the EAR, {@code batch-jobs} is a library in {@code lib/}, and a library cannot see the classes of
 * the EJB module (the cost-rollup job failed with {@code NoClassDefFoundError} on Payara Server and
 * WildFly). {@code db} is in {@code lib/} as well, so both see it.
 */
public final class MonthlySpend {

    /** The current UTC month's first day, as PostgreSQL computes it (the same clock as {@code created_at}). */
    public static final String CURRENT_MONTH_SQL = "(date_trunc('month', now() at time zone 'UTC'))::date";

    /** The soft alert (spec §13.2: "soft alert default threshold: 80%"). */
    public static final int SOFT_PERCENT = 80;
    public static final int HARD_PERCENT = 100;

    private MonthlySpend() {
    }

    /** The current UTC calendar month. */
    public static YearMonth currentMonth() {
        return YearMonth.now(ZoneOffset.UTC);
    }

    /** A counter's value as of now: its spend if it is this month's, else 0. */
    public static int current(int spentCents, LocalDate spentMonth) {
        return spentMonth == null || YearMonth.from(spentMonth).equals(currentMonth()) ? spentCents : 0;
    }

    /** The first instant of a month (UTC), inclusive. */
    public static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** The first instant after a month (UTC), exclusive. */
    public static OffsetDateTime end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /**
     * SQL for the current month's spend of the row {@code alias} of a table with a counter, e.g.
     * {@code spentSql("a")} for {@code agents a}.
     */
    public static String spentSql(String alias) {
        return "(case when " + alias + ".spent_month = " + CURRENT_MONTH_SQL + " then " + alias
                + ".spent_monthly_cents else 0 end)";
    }

    /** SQL that is true when the row {@code alias} has a budget and its month's spend has reached it. */
    public static String exhaustedSql(String alias) {
        return "(" + alias + ".budget_monthly_cents > 0 and " + spentSql(alias) + " >= " + alias + ".budget_monthly_cents)";
    }

    /** Where spend stands against a budget: {@code none} below 80 % or without a budget (0 means no limit). */
    public static BudgetAlert alert(long spentCents, long budgetCents) {
        if (budgetCents <= 0) {
            return BudgetAlert.none;
        }
        if (spentCents >= budgetCents) {
            return BudgetAlert.hard;
        }
        return spentCents * 100 >= budgetCents * SOFT_PERCENT ? BudgetAlert.soft : BudgetAlert.none;
    }

    /**
     * Spend × 100 / budget, rounded half-up to 2 decimals (api-contract: 42 of 1000 → 4.2); 0
     * without a budget. A double, so that JSON shows {@code 4.2}, not {@code 4.20}.
     */
    public static double utilizationPercent(long spentCents, long budgetCents) {
        if (budgetCents <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(spentCents).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(budgetCents), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** How far a month's spend has come against its budget (spec §13.2); wire values. */
    public enum BudgetAlert {
        /** below 80 %, or no budget */
        none,
        /** at or above 80 %: the soft alert */
        soft,
        /** at or above 100 %: the hard stop */
        hard
    }
}
