package dev.paperclipee.batch.cost;

import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Logger;

/**
 * Sets a counter that disagrees with its month's events to their sum, without fighting the live
 * bookings ({@code cost.control.CostLedger}), which advance the same counters atomically:
 * <ol>
 * <li>the row is locked first ({@code for no key update}, the lock a booking takes): a booking
 * in progress holds it until it commits, so this waits for it;</li>
 * <li>then one update recomputes the sum and writes it only if the month it was found for is
 * still the current one and the counter still differs. It is a new statement, so under READ
 * COMMITTED it sees every booking committed before the lock was granted; a booking that has
 * inserted its event but not yet reached the counter is neither in the sum nor in the counter,
 * and adds its cents after this commits. One statement computing the sum and updating at once
 * would not do: its snapshot predates the lock wait and would overwrite a concurrent booking.</li>
 * </ol>
 */
@Named
@Dependent
public class SpendCounterWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(SpendCounterWriter.class.getName());

    /** %1$s the table, %2$s the counter as read now. */
    private static final String LOCK = "select %2$s from %1$s x where x.id = ? for no key update";

    /** %1$s the table, %2$s the events' column, %3$s the counter as read now, %4$s the current month. */
    private static final String CORRECT = """
            update %1$s t
               set spent_monthly_cents = s.total, spent_month = cast(? as date)
              from (select least(coalesce(sum(e.cost_cents), 0), 2147483647) as total
                      from cost_events e
                     where e.company_id = ? and e.%2$s = ?
                       and e.created_at >= (cast(? as timestamp) at time zone 'UTC')
                       and e.created_at < ((cast(? as timestamp) + interval '1 month') at time zone 'UTC')) s
             where t.id = ? and %4$s = cast(? as date) and %3$s <> s.total
            returning t.spent_monthly_cents
            """;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource db;

    @Inject
    JobContext job;

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        CostRollupTally tally = CostRollupListener.tally(job);
        try (Connection c = db.getConnection()) {
            for (Object item : items) {
                SpendCounter counter = (SpendCounter) item;
                String table = counter.kind().table;
                long before;
                try (PreparedStatement lock = c.prepareStatement(LOCK.formatted(table, MonthlySpend.spentSql("x")))) {
                    lock.setObject(1, counter.id());
                    try (ResultSet rs = lock.executeQuery()) {
                        if (!rs.next()) {
                            continue; // deleted since the reader looked
                        }
                        before = rs.getLong(1);
                    }
                }
                String month = counter.month().toString();
                try (PreparedStatement correct = c.prepareStatement(CORRECT.formatted(table, counter.kind().eventColumn,
                        MonthlySpend.spentSql("t"), MonthlySpend.CURRENT_MONTH_SQL))) {
                    correct.setString(1, month);
                    correct.setObject(2, counter.companyId());
                    correct.setObject(3, counter.id());
                    correct.setString(4, month);
                    correct.setString(5, month);
                    correct.setObject(6, counter.id());
                    correct.setString(7, month);
                    try (ResultSet rs = correct.executeQuery()) {
                        if (rs.next()) {
                            long after = rs.getLong(1);
                            tally.countersCorrected.incrementAndGet();
                            LOG.info(() -> "cost-rollup: spend counter of " + counter.kind() + " " + counter.id() + " for "
                                    + month + " corrected from " + before + " to " + after + " cents (the sum of its events)");
                        }
                    }
                }
            }
        }
    }
}
