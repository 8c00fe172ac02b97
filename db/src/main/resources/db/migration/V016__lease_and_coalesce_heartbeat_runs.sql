-- Heartbeat runs on several nodes (ARCHITECTURE "Concurrency rules", execution-semantics §8).
--
-- A running run belongs to the node that started it (runner_node). That node renews the run's
-- lease on every scheduler tick while the run lives; a run whose lease has run out belongs to a
-- node that is gone, and any node's reaper fails it with process_lost. A node that restarts
-- under the same name reaps its own runs at once.
alter table heartbeat_runs
    add column runner_node      text,
    add column lease_expires_at timestamptz;

create index heartbeat_runs_lease_expires_at_idx on heartbeat_runs (lease_expires_at)
    where status = 'running';

-- the scheduler's claim: due queued runs, oldest first
create index heartbeat_runs_queued_idx on heartbeat_runs (agent_id, created_at, id)
    where status = 'queued';

-- Wakes are coalesced (execution-semantics §7 "no second equivalent wake while one is queued"):
-- at most one queued run per agent and issue, and one per agent for wakes without an issue.
-- Enqueuers insert with ON CONFLICT DO NOTHING, so concurrent wakes on several nodes collapse too.
create unique index heartbeat_runs_one_queued_wake_idx
    on heartbeat_runs (agent_id, coalesce(issue_id, '00000000-0000-0000-0000-000000000000'::uuid))
    where status = 'queued';
