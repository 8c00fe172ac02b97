package dev.paperclipee.dashboard.control;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** api-contract dashboard row: utilization = spend × 100 / budget, two decimals; no budget → 0. */
class DashboardQueriesTest {

    @ParameterizedTest(name = "{0} of {1} → {2}")
    @CsvSource({
            "42, 1000, 4.2",
            "0, 1000, 0",
            "1000, 1000, 100",
            "1500, 1000, 150",
            "1, 3, 33.33",
            "2, 3, 66.67",
            "1, 200000, 0.0",
            "1, 20000, 0.01",
            "5, 0, 0",
            "0, 0, 0",
            "2147483647, 1, 214748364700"})
    void utilizationIsRoundedToTwoDecimals(long spend, long budget, double percent) {
        assertEquals(percent, DashboardQueries.utilizationPercent(spend, budget));
    }
}
