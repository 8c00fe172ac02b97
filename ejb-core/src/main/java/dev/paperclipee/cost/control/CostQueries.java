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
 * A company's spend in one UTC calendar month (spec §13.4). An event belongs to the month it was
 * booked in ({@code created_at}), as it does for the spend counters and the budgets: for the
 * current month the summary equals the company's {@code spentMonthlyCents}.
 *
 * <p>Each answer is the month's materialized rollup ({@code cost_rollups}, as far as its
 * {@code cost_rollup_marks} row says it reaches) plus the events booked since, read through the
 * {@code (company_id, created_at)} index: a closed month that has been rolled up costs a few rollup
 * rows, the running month its rows and the events since the last job. Without a mark (the job has
 * not run for that month) every event of the month is aggregated, so the answers are right whether
 * or not the job has run. Each is one statement, so one snapshot: a job committing meanwhile cannot
 * make an event count twice or not at all.
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

    /**
     * The month's groups: its rollup rows, if a mark says how far they reach, and the events booked
     * from there (or from the month's start) to its end. Parameters: ?1 company, ?2 month start,
     * ?3 month end, ?4 the month's first day.
     */
    private static final String GROUPS = """
            with k as (select max(m.through) as through from cost_rollup_marks m
                        where m.company_id = cast(?1 as uuid) and m.month = cast(?4 as date)),
                 g (agent_id, project_id, provider, model, events, cost, input, cached, output) as (
                   select r.agent_id, r.project_id, r.provider, r.model, r.event_count, r.cost_cents,
                          r.input_tokens, r.cached_input_tokens, r.output_tokens
                     from cost_rollups r
                    where r.company_id = cast(?1 as uuid) and r.month = cast(?4 as date)
                      and (select k.through from k) is not null
                   union all
                   select e.agent_id, e.project_id, e.provider, e.model, 1, e.cost_cents,
                          e.input_tokens, e.cached_input_tokens, e.output_tokens
                     from cost_events e
                    where e.company_id = cast(?1 as uuid)
                      and e.created_at >= greatest(cast(?2 as timestamptz), coalesce((select k.through from k), cast(?2 as timestamptz)))
                      and e.created_at < cast(?3 as timestamptz))
            """;
    private static final String SUMS = "sum(g.cost), sum(g.input), sum(g.cached), sum(g.output)";

    @PersistenceContext
    EntityManager em;

    /** The month's total spend in cents. */
    public long spend(UUID companyId, YearMonth month) {
        Object sum = month(em.createNativeQuery(GROUPS + "select coalesce(sum(g.cost), 0) from g"), companyId, month)
                .getSingleResult();
        return ((Number) sum).longValue();
    }

    /** The agents that spent in the month (events of any cost), the most expensive first. */
    public List<AgentCosts> byAgent(UUID companyId, YearMonth month) {
        List<?> rows = month(em.createNativeQuery(GROUPS + """
                        select cast(a.id as text), a.name, a.status, s.cost, s.input, s.cached, s.output
                          from (select g.agent_id, %s from g group by g.agent_id) s (agent_id, cost, input, cached, output)
                          join agents a on a.id = s.agent_id
                         order by s.cost desc, a.name, a.id
                        """.formatted(SUMS)), companyId, month).getResultList();
        List<AgentCosts> list = new ArrayList<>(rows.size());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            list.add(new AgentCosts(UUID.fromString((String) row[0]), (String) row[1], (String) row[2], totals(row, 3)));
        }
        return list;
    }

    /** The projects events of the month named, the most expensive first; events without a project are not listed. */
    public List<ProjectCosts> byProject(UUID companyId, YearMonth month) {
        List<?> rows = month(em.createNativeQuery(GROUPS + """
                        select cast(p.id as text), p.name, s.cost, s.input, s.cached, s.output
                          from (select g.project_id, %s from g where g.project_id is not null
                                 group by g.project_id) s (project_id, cost, input, cached, output)
                          join projects p on p.id = s.project_id
                         order by s.cost desc, p.name, p.id
                        """.formatted(SUMS)), companyId, month).getResultList();
        List<ProjectCosts> list = new ArrayList<>(rows.size());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            list.add(new ProjectCosts(UUID.fromString((String) row[0]), (String) row[1], totals(row, 2)));
        }
        return list;
    }

    /** Spend by provider and model, the most expensive first. */
    public List<ModelCosts> byModel(UUID companyId, YearMonth month) {
        List<?> rows = month(em.createNativeQuery(GROUPS + """
                        select g.provider, g.model, sum(g.events), %s from g
                         group by g.provider, g.model
                         order by 4 desc, g.provider, g.model
                        """.formatted(SUMS)), companyId, month).getResultList();
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
                .setParameter(3, MonthlySpend.end(month).toString())
                .setParameter(4, month.atDay(1).toString());
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
        String sql = GROUPS + "select " + SUMS + " from g" + (agentId == null ? "" : " where g.agent_id = cast(?5 as uuid)");
        List<MonthCosts> list = new ArrayList<>(months);
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Query query = month(em.createNativeQuery(sql), companyId, m);
            if (agentId != null) {
                query.setParameter(5, agentId.toString());
            }
            list.add(new MonthCosts(m, totals((Object[]) query.getSingleResult(), 0)));
        }
        return list;
    }
}
