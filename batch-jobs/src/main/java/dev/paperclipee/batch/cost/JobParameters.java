package dev.paperclipee.batch.cost;

import dev.paperclipee.shared.entity.MonthlySpend;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The job's parameters as its artifacts receive them (batch properties: absent is null or ""). */
final class JobParameters {

    private JobParameters() {
    }

    /** The one company, or null for every company. */
    static UUID companyId(String value) {
        return blank(value) ? null : UUID.fromString(value.trim());
    }

    /** The chosen month, or the current and the previous UTC month, oldest first. */
    static List<YearMonth> months(String value) {
        if (!blank(value)) {
            try {
                return List.of(YearMonth.parse(value.trim()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("job parameter month must be YYYY-MM: " + value, e);
            }
        }
        YearMonth current = MonthlySpend.currentMonth();
        return List.of(current.minusMonths(1), current);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
