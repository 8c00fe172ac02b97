package dev.paperclipee.routine.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The SQL behind firing routines on several nodes at once (ARCHITECTURE "Concurrency rules"):
 * any node lists the due occurrences without locks; firing one first locks its routine row with
 * {@code FOR UPDATE SKIP LOCKED} on the exact occurrence, so a racing node gets nothing, and the
 * firing transaction moves {@code next_run_at} on before it commits, so a later claim finds the
 * occurrence gone. No transaction annotations: callers own them.
 */
@Dependent
public class RoutineClaims {

    /** A due occurrence: the routine and the time it was due. */
    public record Due(UUID routineId, OffsetDateTime occurrence) {
    }

    private static final String DUE = """
            select cast(id as text), to_char(next_run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') from routines
             where status = 'active' and next_run_at is not null and next_run_at <= now()
             order by next_run_at, id
             limit ?1
            """;

    private static final String CLAIM = """
            select cast(id as text) from routines
             where id = cast(?1 as uuid) and status = 'active' and next_run_at = cast(?2 as timestamptz)
               and next_run_at <= now()
               for update skip locked
            """;

    /** The latest issue a firing of the routine created or coalesced into, when it is still open. */
    private static final String OPEN_ISSUE = """
            select cast(i.id as text) from routine_runs r join issues i on i.id = r.linked_issue_id
             where r.routine_id = cast(?1 as uuid) and r.linked_issue_id is not null
               and i.status not in ('done', 'cancelled')
             order by r.triggered_at desc, r.created_at desc
             limit 1
            """;

    @PersistenceContext
    EntityManager em;

    public List<Due> due(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(DUE).setParameter(1, limit).getResultList();
        return rows.stream()
                .map(row -> new Due(UUID.fromString((String) row[0]), OffsetDateTime.parse((String) row[1])))
                .toList();
    }

    /** Locks the routine for this transaction when that occurrence is still due and nobody else holds it. */
    public boolean claim(Due due) {
        return !em.createNativeQuery(CLAIM)
                .setParameter(1, due.routineId().toString())
                .setParameter(2, due.occurrence().toString())
                .getResultList().isEmpty();
    }

    public UUID openIssue(UUID routineId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery(OPEN_ISSUE).setParameter(1, routineId.toString()).getResultList();
        return rows.isEmpty() ? null : UUID.fromString(rows.get(0));
    }
}
