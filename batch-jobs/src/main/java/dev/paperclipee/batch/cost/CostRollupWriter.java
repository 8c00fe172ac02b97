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
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Materializes each company-month in the chunk's transaction: the month's events grouped by
 * agent, project, provider and model are upserted into {@code cost_rollups} (an event belongs to
 * the UTC month of its {@code created_at}, as for the counters and the cost reads), then rows of
 * groups that no longer have events are removed, and {@code cost_rollup_marks} records how far the
 * rows reach. Writing a company-month again gives the same rows, so a chunk repeated after a
 * failure cannot count anything twice.
 *
 * <p>How far: the month's end, or — for the month still running — {@link #SETTLED}, an instant
 * before which every transaction that could still insert an event has ended. An event's
 * {@code created_at} is its transaction's start ({@code now()}), so an event booked before that
 * instant is committed (or rolled back) by then and visible to the upsert's later snapshot; the
 * cost reads add the events booked since. That rests on every node using a database role whose
 * sessions this one can see in {@code pg_stat_activity} (the same role, or {@code pg_read_all_stats}).
 */
@Named
@Dependent
public class CostRollupWriter extends AbstractItemWriter {

    static final String UPSERT = """
            insert into cost_rollups as r (company_id, month, agent_id, project_id, provider, model, event_count,
                                           input_tokens, cached_input_tokens, output_tokens, cost_cents, computed_at)
            select e.company_id, cast(? as date), e.agent_id, e.project_id, e.provider, e.model, count(*),
                   sum(e.input_tokens), sum(e.cached_input_tokens), sum(e.output_tokens), sum(e.cost_cents), now()
              from cost_events e
             where e.company_id = ? and e.created_at >= ? and e.created_at < ?
             group by e.company_id, e.agent_id, e.project_id, e.provider, e.model
            on conflict (company_id, month, agent_id, (coalesce(project_id, '00000000-0000-0000-0000-000000000000'::uuid)),
                         provider, model)
            do update set event_count = excluded.event_count, input_tokens = excluded.input_tokens,
                          cached_input_tokens = excluded.cached_input_tokens, output_tokens = excluded.output_tokens,
                          cost_cents = excluded.cost_cents, computed_at = excluded.computed_at
            """;

    /** Groups without events any more: only possible if events were removed, but then the rollup must follow. */
    static final String DELETE_STALE = """
            delete from cost_rollups r
             where r.company_id = ? and r.month = cast(? as date)
               and not exists (select 1 from cost_events e
                                where e.company_id = r.company_id and e.created_at >= ? and e.created_at < ?
                                  and e.agent_id = r.agent_id and e.project_id is not distinct from r.project_id
                                  and e.provider = r.provider and e.model = r.model)
            """;

    /**
     * The instant the rollup of a month may reach: before the month's end, a second before this
     * statement (a backend publishes its transaction's start just after taking it), and before the
     * start of every other transaction open in this database. The backend-status snapshot is
     * cleared first: PostgreSQL keeps one per transaction.
     */
    static final String SETTLED = """
            select least(cast(? as timestamptz), statement_timestamp() - interval '1 second',
                         (select min(a.xact_start) from pg_stat_activity a
                           where a.datname = current_database() and a.pid <> pg_backend_pid()))
            """;
    static final String CLEAR_SNAPSHOT = "select pg_stat_clear_snapshot()";

    static final String MARK = """
            insert into cost_rollup_marks as k (company_id, month, through) values (?, cast(? as date), ?)
            on conflict (company_id, month) do update set through = excluded.through, computed_at = now()
            """;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource db;

    @Inject
    JobContext job;

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        CostRollupTally tally = CostRollupListener.tally(job);
        // the chunk's JTA transaction holds this connection: no commit here
        try (Connection c = db.getConnection();
             PreparedStatement upsert = c.prepareStatement(UPSERT);
             PreparedStatement settled = c.prepareStatement(SETTLED);
             PreparedStatement delete = c.prepareStatement(DELETE_STALE);
             PreparedStatement mark = c.prepareStatement(MARK)) {
            for (Object item : items) {
                CompanyMonth unit = (CompanyMonth) item;
                String firstDay = unit.month().atDay(1).toString();
                OffsetDateTime from = MonthlySpend.start(unit.month());
                OffsetDateTime to = through(c, settled, MonthlySpend.end(unit.month()));
                upsert.setString(1, firstDay);
                upsert.setObject(2, unit.companyId());
                upsert.setObject(3, from);
                upsert.setObject(4, to);
                long rows = upsert.executeUpdate();
                delete.setObject(1, unit.companyId());
                delete.setString(2, firstDay);
                delete.setObject(3, from);
                delete.setObject(4, to);
                delete.executeUpdate();
                mark.setObject(1, unit.companyId());
                mark.setString(2, firstDay);
                mark.setObject(3, to);
                mark.executeUpdate();
                tally.companyMonths.incrementAndGet();
                tally.rollupRows.addAndGet(rows);
            }
        }
    }

    /** The month's end, or the settled instant if that comes first (the month is still running). */
    private static OffsetDateTime through(Connection c, PreparedStatement settled, OffsetDateTime monthEnd) throws SQLException {
        try (Statement clear = c.createStatement()) {
            clear.execute(CLEAR_SNAPSHOT);
        }
        settled.setObject(1, monthEnd);
        try (ResultSet rs = settled.executeQuery()) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }
}
