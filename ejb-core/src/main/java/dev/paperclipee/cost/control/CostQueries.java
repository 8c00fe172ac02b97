package dev.paperclipee.cost.control;

import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A company's spend in one UTC calendar month, aggregated from its cost events at read time (spec
 * §13.4: "read-time aggregate queries are acceptable for V1"), so the answers are right whether or
 * not any rollup has been materialized. An event belongs to the month it was booked in
 * ({@code created_at}), as it does for the spend counters and the budgets: for the current month
 * the summary equals the company's {@code spentMonthlyCents}. Each query reads one company's
 * month through the {@code (company_id, created_at)} index.
 */
@Dependent
public class CostQueries {

    /** Cents and tokens of a group of events; sums of 32-bit columns, so longs. */
    public record Totals(long costCents, long inputTokens, long cachedInputTokens, long outputTokens) {
    }

    public record AgentCosts(UUID agentId, String agentName, String agentStatus, Totals totals) {
    }

    public record ProjectCosts(UUID projectId, String projectName, Totals totals) {
    }

    public record ModelCosts(String provider, String model, long events, Totals totals) {
    }

    private static final String MONTH = "e.company_id = cast(?1 as uuid) and e.created_at >= cast(?2 as timestamptz)"
            + " and e.created_at < cast(?3 as timestamptz)";
    private static final String SUMS = "sum(e.cost_cents), sum(e.input_tokens), sum(e.cached_input_tokens), sum(e.output_tokens)";

    @PersistenceContext
    EntityManager em;

    /** The month's total spend in cents. */
    public long spend(UUID companyId, YearMonth month) {
        Object sum = month(em.createNativeQuery("select coalesce(sum(e.cost_cents), 0) from cost_events e where " + MONTH),
                companyId, month).getSingleResult();
        return ((Number) sum).longValue();
    }

    /** The agents that spent in the month (events of any cost), the most expensive first. */
    public List<AgentCosts> byAgent(UUID companyId, YearMonth month) {
        List<?> rows = month(em.createNativeQuery("""
                        select cast(a.id as text), a.name, a.status, s.cost, s.input, s.cached, s.output
                          from (select e.agent_id, %s from cost_events e where %s group by e.agent_id) s (agent_id, cost, input, cached, output)
                          join agents a on a.id = s.agent_id
                         order by s.cost desc, a.name, a.id
                        """.formatted(SUMS, MONTH)), companyId, month).getResultList();
        List<AgentCosts> list = new ArrayList<>(rows.size());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            list.add(new AgentCosts(UUID.fromString((String) row[0]), (String) row[1], (String) row[2], totals(row, 3)));
        }
        return list;
    }

    /** The projects events of the month named, the most expensive first; events without a project are not listed. */
    public List<ProjectCosts> byProject(UUID companyId, YearMonth month) {
        List<?> rows = month(em.createNativeQuery("""
                        select cast(p.id as text), p.name, s.cost, s.input, s.cached, s.output
                          from (select e.project_id, %s from cost_events e where %s and e.project_id is not null
                                 group by e.project_id) s (project_id, cost, input, cached, output)
                          join projects p on p.id = s.project_id
                         order by s.cost desc, p.name, p.id
                        """.formatted(SUMS, MONTH)), companyId, month).getResultList();
        List<ProjectCosts> list = new ArrayList<>(rows.size());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            list.add(new ProjectCosts(UUID.fromString((String) row[0]), (String) row[1], totals(row, 2)));
        }
        return list;
    }

    /** Spend by provider and model, the most expensive first. */
    public List<ModelCosts> byModel(UUID companyId, YearMonth month) {
        List<?> rows = month(em.createNativeQuery("""
                        select e.provider, e.model, count(*), %s from cost_events e where %s
                         group by e.provider, e.model
                         order by 4 desc, e.provider, e.model
                        """.formatted(SUMS, MONTH)), companyId, month).getResultList();
        List<ModelCosts> list = new ArrayList<>(rows.size());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            list.add(new ModelCosts((String) row[0], (String) row[1], ((Number) row[2]).longValue(), totals(row, 3)));
        }
        return list;
    }

    private static Query month(Query query, UUID companyId, YearMonth month) {
        return query.setParameter(1, companyId.toString())
                .setParameter(2, MonthlySpend.start(month).toString())
                .setParameter(3, MonthlySpend.end(month).toString());
    }

    private static Totals totals(Object[] row, int from) {
        return new Totals(number(row[from]), number(row[from + 1]), number(row[from + 2]), number(row[from + 3]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** One UTC calendar month's totals. */
    public record MonthCosts(YearMonth month, Totals totals) {
    }

    /**
     * The company's spend (or one of its agents', when {@code agentId} is not null) in each of the
     * {@code months} months up to and including {@code last}, oldest first; a month without events
     * has zero totals.
     */
    public List<MonthCosts> monthly(UUID companyId, UUID agentId, YearMonth last, int months) {
        YearMonth first = last.minusMonths(months - 1L);
        String sql = "select to_char(e.created_at at time zone 'UTC', 'YYYY-MM'), " + SUMS + " from cost_events e where "
                + MONTH + (agentId == null ? "" : " and e.agent_id = cast(?4 as uuid)") + " group by 1";
        Query query = em.createNativeQuery(sql).setParameter(1, companyId.toString())
                .setParameter(2, MonthlySpend.start(first).toString())
                .setParameter(3, MonthlySpend.end(last).toString());
        if (agentId != null) {
            query.setParameter(4, agentId.toString());
        }
        Map<YearMonth, Totals> found = new HashMap<>();
        for (Object r : query.getResultList()) {
            Object[] row = (Object[]) r;
            found.put(YearMonth.parse((String) row[0]), totals(row, 1));
        }
        List<MonthCosts> list = new ArrayList<>(months);
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            list.add(new MonthCosts(m, found.getOrDefault(m, new Totals(0, 0, 0, 0))));
        }
        return list;
    }
}
