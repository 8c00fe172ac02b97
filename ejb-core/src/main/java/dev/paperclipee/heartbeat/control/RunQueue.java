package dev.paperclipee.heartbeat.control;

import dev.paperclipee.heartbeat.entity.InvocationSource;
import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.shared.entity.MonthlySpend;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The heartbeat queue in PostgreSQL: every change of a run's state is one conditional statement,
 * because several nodes, the agent's own API calls and the board act on runs at once
 * (ARCHITECTURE "Concurrency rules"). Claims lock agent rows with {@code SKIP LOCKED}, so each
 * due heartbeat starts once however many nodes tick; finishing a run locks its agent row, so the
 * agent's status and its run count never disagree. No transaction annotations: callers own them.
 */
@Dependent
public class RunQueue {

    /** Agent statuses from which runs may start (§8.1: paused, terminated and unapproved agents never run). */
    static final String RUNNABLE_AGENT = "a.status in ('idle', 'active', 'running', 'error')";

    /**
     * §11.5 / §13.2: a hard budget that is used up stops invocations (0 means no limit); only this
     * month's spend counts ({@link MonthlySpend}).
     */
    static final String WITHIN_BUDGET = "not " + MonthlySpend.exhaustedSql("a") + " and not " + MonthlySpend.exhaustedSql("c")
            + " and c.status = 'active'";

    /** §13.2: a queued run for an issue of a project whose budget is used up waits (0 means no limit). */
    static final String PROJECT_WITHIN_BUDGET = """
            not exists (select 1 from issues pi join projects p on p.id = pi.project_id
                         where pi.id = q.issue_id and %s)""".formatted(MonthlySpend.exhaustedSql("p"));

    /** The clamped {@code maxConcurrentRuns} of §11.5, read defensively from the stored JSON. */
    static final String MAX_CONCURRENT = """
            least(greatest(case when jsonb_typeof(a.runtime_config -> 'heartbeat' -> 'maxConcurrentRuns') = 'number'
                                then floor((a.runtime_config -> 'heartbeat' ->> 'maxConcurrentRuns')::numeric)
                                else 20 end, 1), 50)""";

    private static final String ENQUEUE = """
            insert into heartbeat_runs (id, company_id, agent_id, issue_id, invocation_source, status, wake_reason,
                                        trigger_detail, scheduled_at, retry_of_run_id, process_loss_retry_count)
            values (cast(?1 as uuid), cast(?2 as uuid), cast(?3 as uuid), cast(?4 as uuid), ?5, 'queued', ?6,
                    ?7, cast(?8 as timestamptz), cast(?9 as uuid), ?10)
            on conflict do nothing
            """;

    private static final String QUEUED_WAKE = """
            select id from heartbeat_runs
             where agent_id = cast(?1 as uuid) and status = 'queued'
               and coalesce(issue_id, '00000000-0000-0000-0000-000000000000'::uuid)
                   = coalesce(cast(?2 as uuid), '00000000-0000-0000-0000-000000000000'::uuid)
            """;

    private static final String ENQUEUE_DUE_TIMERS = """
            with due as (
                select a.id, a.company_id
                  from agents a join companies c on c.id = a.company_id
                 where %s and %s
                   and a.runtime_config -> 'heartbeat' -> 'enabled' = 'true'::jsonb
                   and coalesce(a.last_heartbeat_at, a.created_at) + make_interval(secs => case
                               when jsonb_typeof(a.runtime_config -> 'heartbeat' -> 'intervalSec') = 'number'
                               then greatest(floor((a.runtime_config -> 'heartbeat' ->> 'intervalSec')::numeric), 30)
                               else 300 end) <= now()
                   and not exists (select 1 from heartbeat_runs r
                                    where r.agent_id = a.id and r.status in ('queued', 'running'))
                 order by coalesce(a.last_heartbeat_at, a.created_at), a.id
                 limit ?1
                   for update of a skip locked
            ), stamped as (
                update agents a set last_heartbeat_at = now() from due where a.id = due.id
                returning a.id, a.company_id
            )
            insert into heartbeat_runs (company_id, agent_id, invocation_source, status, wake_reason)
            select company_id, id, 'scheduler', 'queued', 'heartbeat_timer' from stamped
            on conflict do nothing
            """.formatted(RUNNABLE_AGENT, WITHIN_BUDGET);

    private static final String CLAIM = """
            with waiting as (
                -- from the (small) queue, not from all agents: a claim with nothing due costs nothing
                select distinct q.agent_id from heartbeat_runs q
                 where q.status = 'queued' and (q.scheduled_at is null or q.scheduled_at <= now())
            ), ready as (
                select a.id,
                       %s - (select count(*) from heartbeat_runs x where x.agent_id = a.id and x.status = 'running')
                           as free
                  from agents a join companies c on c.id = a.company_id
                 where a.id in (select agent_id from waiting) and %s and %s
                 order by a.id
                 limit ?1
                   for update of a skip locked
            ), picked as (
                select ranked.id from (
                    select q.id, ready.free,
                           row_number() over (partition by q.agent_id order by q.created_at, q.id) as n
                      from heartbeat_runs q join ready on ready.id = q.agent_id
                     where q.status = 'queued' and (q.scheduled_at is null or q.scheduled_at <= now())
                       and %s
                ) ranked
                 where ranked.n <= ranked.free
            ), started as (
                update heartbeat_runs h
                   set status = 'running', started_at = now(), runner_node = ?2,
                       lease_expires_at = now() + make_interval(secs => ?3), version = h.version + 1
                  from picked
                 where h.id = picked.id and h.status = 'queued'
                returning h.id, h.agent_id
            ), marked as (
                update agents a
                   set status = case when a.status in ('idle', 'active', 'error') then 'running' else a.status end,
                       last_heartbeat_at = now()
                 where a.id in (select agent_id from started)
                returning a.id
            )
            select cast(id as text) from started
            """.formatted(MAX_CONCURRENT, RUNNABLE_AGENT, WITHIN_BUDGET, PROJECT_WITHIN_BUDGET);

    private static final String FINISH = """
            update heartbeat_runs
               set status = ?2, finished_at = now(), exit_code = ?3, error = ?4, error_code = ?5,
                   session_id = coalesce(?6, session_id), external_run_id = coalesce(?7, external_run_id),
                   usage = cast(?8 as jsonb), log_bytes = greatest(log_bytes, ?9),
                   last_output_at = coalesce(cast(?10 as timestamptz), last_output_at),
                   lease_expires_at = null, version = version + 1
             where id = cast(?1 as uuid) and status in ('queued', 'running')
            """;

    private static final String RELEASE_LOCKS = """
            update issues
               set checkout_run_id = case when checkout_run_id = cast(?1 as uuid) then null else checkout_run_id end,
                   execution_locked_at = case when execution_run_id = cast(?1 as uuid) then null else execution_locked_at end,
                   execution_run_id = case when execution_run_id = cast(?1 as uuid) then null else execution_run_id end,
                   version = version + 1
             where checkout_run_id = cast(?1 as uuid) or execution_run_id = cast(?1 as uuid)
            """;

    private static final String HAND_OVER_LOCKS = """
            update issues
               set checkout_run_id = case when checkout_run_id = cast(?1 as uuid) then cast(?2 as uuid) else checkout_run_id end,
                   execution_run_id = case when execution_run_id = cast(?1 as uuid) then cast(?2 as uuid) else execution_run_id end,
                   version = version + 1
             where checkout_run_id = cast(?1 as uuid) or execution_run_id = cast(?1 as uuid)
            """;

    /**
     * Once no run of the agent is running any more, §8.1 {@code running → idle | error}. Without a
     * version bump: the board's concurrent pause must not fail as stale because a run ended — and
     * a pause wins anyway, since only a {@code running} agent is settled.
     */
    private static final String SETTLE_AGENT = """
            update agents a
               set status = ?2
             where a.id = cast(?1 as uuid) and a.status = 'running'
               and not exists (select 1 from heartbeat_runs r where r.agent_id = a.id and r.status = 'running')
            """;

    @PersistenceContext
    EntityManager em;

    /** A queued run, as far as a caller of {@link #enqueue} needs to know. */
    public record Enqueued(UUID runId, boolean created) {
    }

    /**
     * Queues a run, or finds the equivalent one already queued (same agent and issue): wakes are
     * coalesced, also between nodes, by the unique index of V016.
     */
    public Enqueued enqueue(UUID companyId, UUID agentId, UUID issueId, InvocationSource source, String wakeReason,
                            String triggerDetail, OffsetDateTime scheduledAt, UUID retryOf, int retryCount) {
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery(ENQUEUE)
                .setParameter(1, id.toString())
                .setParameter(2, companyId.toString())
                .setParameter(3, agentId.toString())
                .setParameter(4, text(issueId))
                .setParameter(5, source.name())
                .setParameter(6, wakeReason)
                .setParameter(7, triggerDetail)
                .setParameter(8, scheduledAt == null ? null : scheduledAt.toString())
                .setParameter(9, text(retryOf))
                .setParameter(10, retryCount)
                .executeUpdate();
        if (inserted == 1) {
            return new Enqueued(id, true);
        }
        return queuedWake(agentId, issueId).map(existing -> new Enqueued(existing, false))
                // the equivalent queued run started or ended between our insert and this read: queue again
                .orElseGet(() -> enqueue(companyId, agentId, issueId, source, wakeReason, triggerDetail, scheduledAt,
                        retryOf, retryCount));
    }

    public Optional<UUID> queuedWake(UUID agentId, UUID issueId) {
        List<?> rows = em.createNativeQuery(QUEUED_WAKE)
                .setParameter(1, agentId.toString())
                .setParameter(2, text(issueId))
                .getResultList();
        return rows.stream().findFirst().map(row -> UUID.fromString(row.toString()));
    }

    /**
     * Queues a timer heartbeat for up to {@code limit} agents that are due (§11.5 skip rules);
     * returns how many. An agent is due {@code intervalSec} after its last heartbeat, or after its
     * creation if it never had one: a new agent does not fire the moment it is hired.
     */
    public int enqueueDueTimers(int limit) {
        return em.createNativeQuery(ENQUEUE_DUE_TIMERS).setParameter(1, limit).executeUpdate();
    }

    /**
     * Starts due queued runs of up to {@code agentLimit} agents, within each agent's
     * {@code maxConcurrentRuns}; the runs are now {@code running} on {@code node} with a lease.
     */
    public List<UUID> claim(String node, Duration lease, int agentLimit) {
        List<?> rows = em.createNativeQuery(CLAIM)
                .setParameter(1, agentLimit)
                .setParameter(2, node)
                .setParameter(3, (double) lease.toSeconds())
                .getResultList();
        List<UUID> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(UUID.fromString(row.toString())));
        return ids;
    }

    /** Locks the agent's row: a run's end and the agent's status are decided one run at a time. */
    public void lockAgent(UUID agentId) {
        em.createNativeQuery("select 1 from agents where id = cast(?1 as uuid) for update")
                .setParameter(1, agentId.toString())
                .getResultList();
    }

    /** @return whether the run was still active (a run ends once: later reports are ignored) */
    public boolean finish(UUID runId, RunStatus status, Integer exitCode, String error, String errorCode, String sessionId,
                          String externalRunId, String usageJson, long logBytes, OffsetDateTime lastOutputAt) {
        return em.createNativeQuery(FINISH)
                .setParameter(1, runId.toString())
                .setParameter(2, status.name())
                .setParameter(3, exitCode)
                .setParameter(4, error)
                .setParameter(5, errorCode)
                .setParameter(6, sessionId)
                .setParameter(7, externalRunId)
                .setParameter(8, usageJson)
                .setParameter(9, logBytes)
                .setParameter(10, lastOutputAt == null ? null : lastOutputAt.toString())
                .executeUpdate() == 1;
    }

    /** Clears the issue locks this run holds, each column only if it still names the run (execution-semantics §4). */
    public int releaseLocks(UUID runId) {
        return em.createNativeQuery(RELEASE_LOCKS).setParameter(1, runId.toString()).executeUpdate();
    }

    /** A retry of a crashed run takes over both lock columns (execution-semantics §4). */
    public int handOverLocks(UUID from, UUID to) {
        return em.createNativeQuery(HAND_OVER_LOCKS)
                .setParameter(1, from.toString())
                .setParameter(2, to.toString())
                .executeUpdate();
    }

    /** Moves a running agent to {@code idle} or {@code error} once its last running run has ended. */
    public void settleAgent(UUID agentId, boolean failed) {
        em.createNativeQuery(SETTLE_AGENT)
                .setParameter(1, agentId.toString())
                .setParameter(2, failed ? "error" : "idle")
                .executeUpdate();
    }

    /**
     * The periodic stale-lock sweep (execution-semantics §4, §8): lock columns that name a run
     * which has ended or no longer exists are cleared — as checkout self-heals them, but without
     * waiting for the next claim. Locks of queued or running runs are never touched. Returns how
     * many issues were changed.
     */
    public int sweepStaleLocks() {
        int checkout = em.createNativeQuery("""
                        update issues i set checkout_run_id = null, version = i.version + 1
                         where i.checkout_run_id is not null
                           and not exists (select 1 from heartbeat_runs r
                                            where r.id = i.checkout_run_id and r.status in ('queued', 'running'))
                        """).executeUpdate();
        int execution = em.createNativeQuery("""
                        update issues i set execution_run_id = null, execution_locked_at = null, version = i.version + 1
                         where i.execution_run_id is not null
                           and not exists (select 1 from heartbeat_runs r
                                            where r.id = i.execution_run_id and r.status in ('queued', 'running'))
                        """).executeUpdate();
        return checkout + execution;
    }

    /** Renews the leases of the runs this node is running. */
    public void renewLeases(String node, Collection<UUID> runIds, Duration lease) {
        if (runIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        update heartbeat_runs set lease_expires_at = now() + make_interval(secs => ?3)
                         where runner_node = ?1 and status = 'running' and id = any (cast(?2 as uuid[]))
                        """)
                .setParameter(1, node)
                .setParameter(2, uuidArray(runIds))
                .setParameter(3, (double) lease.toSeconds())
                .executeUpdate();
    }

    /** Notes output progress of a live run (the silence watchdog and the board read it). */
    public void progress(UUID runId, long logBytes, OffsetDateTime lastOutputAt) {
        em.createNativeQuery("""
                        update heartbeat_runs set log_bytes = greatest(log_bytes, ?2),
                               last_output_at = coalesce(cast(?3 as timestamptz), last_output_at)
                         where id = cast(?1 as uuid) and status = 'running'
                        """)
                .setParameter(1, runId.toString())
                .setParameter(2, logBytes)
                .setParameter(3, lastOutputAt == null ? null : lastOutputAt.toString())
                .executeUpdate();
    }

    /**
     * The final size of a run's log and its last output, for a run that had already ended when its
     * process did (a callback's report, which knows nothing of the log), so the board sees the log.
     */
    public void logClosed(UUID runId, long logBytes, OffsetDateTime lastOutputAt) {
        em.createNativeQuery("""
                        update heartbeat_runs set log_bytes = greatest(log_bytes, ?2),
                               last_output_at = greatest(last_output_at, cast(?3 as timestamptz))
                         where id = cast(?1 as uuid) and log_bytes < ?2
                        """)
                .setParameter(1, runId.toString())
                .setParameter(2, logBytes)
                .setParameter(3, lastOutputAt == null ? null : lastOutputAt.toString())
                .executeUpdate();
    }

    /** Records the process of a started run, for the reaper and the board. */
    public void processStarted(UUID runId, Long pid, OffsetDateTime startedAt, String logPath, String contextJson) {
        em.createNativeQuery("""
                        update heartbeat_runs set process_pid = cast(?2 as integer), process_started_at = cast(?3 as timestamptz),
                               log_path = coalesce(?4, log_path), context_snapshot = coalesce(cast(?5 as jsonb), context_snapshot)
                         where id = cast(?1 as uuid)
                        """)
                .setParameter(1, runId.toString())
                .setParameter(2, pid == null ? null : pid.toString())
                .setParameter(3, startedAt == null ? null : startedAt.toString())
                .setParameter(4, logPath)
                .setParameter(5, contextJson)
                .executeUpdate();
    }

    /**
     * Running runs nobody is running any more: those {@code node} started before {@code
     * previousLifeBefore} (the moment this life of the node began, by the database's clock: its
     * previous life is gone, while runs it claimed since are its own even if not yet tracked), and
     * those of any node whose lease has expired. Null leaves the node's own runs to their lease.
     */
    public List<UUID> orphans(String node, OffsetDateTime previousLifeBefore, Collection<UUID> trackedHere, int limit) {
        List<?> rows = em.createNativeQuery("""
                        select cast(id as text) from heartbeat_runs
                         where status = 'running'
                           and ((runner_node = ?2 and started_at < cast(?1 as timestamptz)) or lease_expires_at < now()
                                or (runner_node = ?2 and updated_at < now() - interval '2 minutes'))
                           and not (id = any (cast(?3 as uuid[])))
                         order by started_at
                         limit ?4
                        """)
                .setParameter(1, previousLifeBefore == null ? null : previousLifeBefore.toString())
                .setParameter(2, node)
                .setParameter(3, uuidArray(trackedHere))
                .setParameter(4, limit)
                .getResultList();
        List<UUID> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(UUID.fromString(row.toString())));
        return ids;
    }

    /** Running runs of this node that the board or a pause asked to stop. */
    /** The database's clock, which stamps every run: the one to compare run times with. */
    public OffsetDateTime databaseNow() {
        Object now = em.createNativeQuery("select now()").getSingleResult();
        if (now instanceof OffsetDateTime time) {
            return time;
        }
        return ((java.sql.Timestamp) now).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }

    public List<UUID> cancelRequested(String node) {
        List<?> rows = em.createNativeQuery("""
                        select cast(id as text) from heartbeat_runs
                         where status = 'running' and runner_node = ?1 and cancel_requested_at is not null
                        """)
                .setParameter(1, node)
                .getResultList();
        List<UUID> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(UUID.fromString(row.toString())));
        return ids;
    }

    /** Marks a running run to be stopped by whichever node runs it. */
    public boolean requestCancel(UUID runId) {
        return em.createNativeQuery("""
                        update heartbeat_runs set cancel_requested_at = coalesce(cancel_requested_at, now()), version = version + 1
                         where id = cast(?1 as uuid) and status = 'running'
                        """)
                .setParameter(1, runId.toString())
                .executeUpdate() == 1;
    }

    /**
     * Ids of the company's runs in the given status; with a project, only the runs for issues of
     * that project (a project's budget stops only its own work).
     */
    public List<UUID> budgetRuns(UUID companyId, UUID projectId, RunStatus status) {
        List<?> rows = em.createNativeQuery("""
                        select cast(r.id as text) from heartbeat_runs r
                         where r.company_id = cast(?1 as uuid) and r.status = ?2
                           and (cast(?3 as uuid) is null
                                or exists (select 1 from issues i where i.id = r.issue_id and i.project_id = cast(?3 as uuid)))
                        """)
                .setParameter(1, companyId.toString())
                .setParameter(2, status.name())
                .setParameter(3, projectId == null ? null : projectId.toString())
                .getResultList();
        List<UUID> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(UUID.fromString(row.toString())));
        return ids;
    }

    /** Ids of the agent's runs in the given status. */
    public List<UUID> agentRuns(UUID agentId, RunStatus status) {
        List<?> rows = em.createNativeQuery("""
                        select cast(id as text) from heartbeat_runs where agent_id = cast(?1 as uuid) and status = ?2
                        """)
                .setParameter(1, agentId.toString())
                .setParameter(2, status.name())
                .getResultList();
        List<UUID> ids = new ArrayList<>(rows.size());
        rows.forEach(row -> ids.add(UUID.fromString(row.toString())));
        return ids;
    }

    /** Whether the agent posted a comment on the issue since the run started (execution-semantics §5 step 2). */
    public boolean commentedSince(UUID issueId, UUID agentId, OffsetDateTime since) {
        Number n = (Number) em.createNativeQuery("""
                        select count(*) from issue_comments
                         where issue_id = cast(?1 as uuid) and author_agent_id = cast(?2 as uuid)
                           and created_at >= cast(?3 as timestamptz)
                        """)
                .setParameter(1, issueId.toString())
                .setParameter(2, agentId.toString())
                .setParameter(3, since.toString())
                .getSingleResult();
        return n.longValue() > 0;
    }

    public void markCommentStatus(UUID runId, String status) {
        em.createNativeQuery("update heartbeat_runs set issue_comment_status = ?2 where id = cast(?1 as uuid)")
                .setParameter(1, runId.toString())
                .setParameter(2, status)
                .executeUpdate();
    }

    static String uuidArray(Collection<UUID> ids) {
        StringBuilder array = new StringBuilder("{");
        for (UUID id : ids) {
            if (array.length() > 1) {
                array.append(',');
            }
            array.append(id);
        }
        return array.append('}').toString();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
