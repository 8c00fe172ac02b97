package dev.paperclipee.batch.cost;

import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;

/**
 * The reconcile step's items: the counters of the chosen company (or of every company) whose
 * current-month spend differs from the sum of the month's events — agents, then projects, then
 * companies, the order in which bookings lock them. One set query per table finds them; it reads
 * a snapshot, so a counter a booking was advancing at that moment may show up here and is then
 * left alone by the writer, which compares again under the row's lock. No checkpoint: a restart
 * looks again, and finds only what is still wrong.
 */
@Named
@Dependent
public class SpendCounterReader extends AbstractItemReader {

    /**
     * Rows whose counter, as read now ({@link MonthlySpend#spentSql}: 0 for an earlier month),
     * differs from the month's events. %1$s the table, %2$s the events' column that points at it,
     * %3$s the events' company filter, %4$s the counter, %5$s the rows' company filter, %6$s the
     * rows' company column; the
     * parameters: the month's first day twice, then the company twice if there is one.
     */
    private static final String DIFFERING = """
            select t.id, %6$s
              from %1$s t
              left join (select e.%2$s as id, sum(e.cost_cents) as total
                           from cost_events e
                          where e.created_at >= (cast(? as timestamp) at time zone 'UTC')
                            and e.created_at < ((cast(? as timestamp) + interval '1 month') at time zone 'UTC') %3$s
                          group by e.%2$s) s on s.id = t.id
             where %4$s <> least(coalesce(s.total, 0), 2147483647) %5$s
             order by t.id
            """;

    @Inject
    @BatchProperty
    String companyId;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource db;

    private final Deque<SpendCounter> pending = new ArrayDeque<>();

    @Override
    public void open(Serializable checkpoint) throws SQLException {
        UUID company = JobParameters.companyId(companyId);
        try (Connection c = db.getConnection()) {
            LocalDate month;
            try (PreparedStatement s = c.prepareStatement("select " + MonthlySpend.CURRENT_MONTH_SQL);
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                month = rs.getObject(1, LocalDate.class);
            }
            for (SpendCounter.Kind kind : SpendCounter.Kind.values()) {
                String rowCompany = kind == SpendCounter.Kind.company ? "t.id" : "t.company_id";
                String sql = DIFFERING.formatted(kind.table, kind.eventColumn,
                        company == null ? "" : "and e.company_id = ?",
                        MonthlySpend.spentSql("t"),
                        company == null ? "" : "and " + rowCompany + " = ?", rowCompany);
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, month.toString());
                    s.setString(2, month.toString());
                    if (company != null) {
                        s.setObject(3, company);
                        s.setObject(4, company);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            pending.add(new SpendCounter(kind, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), month));
                        }
                    }
                }
            }
        }
    }

    @Override
    public Object readItem() {
        return pending.poll();
    }

    @Override
    public Serializable checkpointInfo() {
        return null;
    }
}
