package dev.paperclipee.cost.control;

import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads {@code cost_rollups}, the rows the cost-rollup job materializes (batch-jobs module). */
@Dependent
public class RollupQueries {

    /** One group of a company's month: agent, project (null: none), provider and model. */
    public record Rollup(YearMonth month, UUID agentId, UUID projectId, String provider, String model, long eventCount,
                         CostQueries.Totals totals, OffsetDateTime computedAt) {
    }

    @PersistenceContext
    EntityManager em;

    /** The month's rows, the most expensive first. */
    public List<Rollup> rows(UUID companyId, YearMonth month) {
        List<?> rows = em.createNativeQuery("""
                        select cast(r.agent_id as text), cast(r.project_id as text), r.provider, r.model, r.event_count,
                               r.cost_cents, r.input_tokens, r.cached_input_tokens, r.output_tokens, r.computed_at
                          from cost_rollups r
                         where r.company_id = cast(?1 as uuid) and r.month = cast(?2 as date)
                         order by r.cost_cents desc, r.agent_id, r.project_id nulls first, r.provider, r.model
                        """)
                .setParameter(1, companyId.toString())
                .setParameter(2, MonthlySpend.start(month).toLocalDate().toString())
                .getResultList();
        List<Rollup> list = new ArrayList<>(rows.size());
        for (Object r : rows) {
            Object[] row = (Object[]) r;
            list.add(new Rollup(month, UUID.fromString((String) row[0]), row[1] == null ? null : UUID.fromString((String) row[1]),
                    (String) row[2], (String) row[3], ((Number) row[4]).longValue(),
                    new CostQueries.Totals(((Number) row[5]).longValue(), ((Number) row[6]).longValue(),
                            ((Number) row[7]).longValue(), ((Number) row[8]).longValue()),
                    timestamp(row[9])));
        }
        return list;
    }

    /** EclipseLink answers a timestamptz of a native query as a Timestamp; the other types are accepted for other drivers' sake. */
    private static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Instant t) {
            return t.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("computed_at read as " + (value == null ? "null" : value.getClass()));
    }
}
