package dev.paperclipee.shared.entity;

import dev.paperclipee.shared.entity.MonthlySpend.BudgetAlert;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.YearMonth;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MonthlySpendTest {

    @Test
    void utilizationIsRoundedToTwoDecimalsAndZeroWithoutABudget() {
        assertEquals(4.2, MonthlySpend.utilizationPercent(42, 1000), "api-contract's example");
        assertEquals(33.33, MonthlySpend.utilizationPercent(1, 3));
        assertEquals(66.67, MonthlySpend.utilizationPercent(2, 3), "half up");
        assertEquals(150.0, MonthlySpend.utilizationPercent(3, 2), "over budget shows over 100");
        assertEquals(0.0, MonthlySpend.utilizationPercent(500, 0), "0 means no limit");
        assertEquals(4294967294.0 / 2147483647 * 100, MonthlySpend.utilizationPercent(4294967294L, 2147483647L), 0.005,
                "no overflow at the columns' range");
    }

    @Test
    void theSoftAlertStartsAt80PercentAndTheHardStopAtTheBudget() {
        assertEquals(BudgetAlert.none, MonthlySpend.alert(799, 1000));
        assertEquals(BudgetAlert.soft, MonthlySpend.alert(800, 1000));
        assertEquals(BudgetAlert.soft, MonthlySpend.alert(999, 1000));
        assertEquals(BudgetAlert.hard, MonthlySpend.alert(1000, 1000));
        assertEquals(BudgetAlert.hard, MonthlySpend.alert(5000, 1000));
        assertEquals(BudgetAlert.none, MonthlySpend.alert(5000, 0), "no budget, no alert");
        assertEquals(BudgetAlert.soft, MonthlySpend.alert(4, 5), "80 % exactly, in integers");
        assertEquals(BudgetAlert.none, MonthlySpend.alert(3, 5));
        assertEquals(BudgetAlert.soft, MonthlySpend.alert(1717986918L, 2147483647L), "no overflow near the columns' range");
    }

    @Test
    void aCounterOfAnEarlierMonthReadsAsZero() {
        YearMonth now = MonthlySpend.currentMonth();
        assertEquals(70, MonthlySpend.current(70, now.atDay(1)));
        assertEquals(0, MonthlySpend.current(70, now.minusMonths(1).atDay(1)));
        assertEquals(70, MonthlySpend.current(70, null), "a row not yet read back (new) has only this month's spend");
    }

    @Test
    void aMonthRunsFromItsFirstInstantToTheNextMonthsInUtc() {
        assertEquals(OffsetDateTime.parse("2026-02-01T00:00Z"), MonthlySpend.start(YearMonth.of(2026, 2)));
        assertEquals(OffsetDateTime.parse("2026-03-01T00:00Z"), MonthlySpend.end(YearMonth.of(2026, 2)));
        assertEquals(OffsetDateTime.parse("2027-01-01T00:00Z"), MonthlySpend.end(YearMonth.of(2026, 12)));
    }
}
