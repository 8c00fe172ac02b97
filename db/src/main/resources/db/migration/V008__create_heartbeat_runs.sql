-- One invocation of an agent (spec §7.8, §11; execution-semantics.md §4–§9). A queued run is also
-- the "queued wake" of the execution semantics: its wake_reason says why it exists.

create table heartbeat_runs (
    id                          uuid        primary key default gen_random_uuid(),
    company_id                  uuid        not null references companies (id),
    agent_id                    uuid        not null,
    -- the issue this run was woken for (PAPERCLIP_TASK_ID); null for plain timer heartbeats
    issue_id                    uuid,
    invocation_source           text        not null,
    status                      text        not null default 'queued',
    -- issue_assigned, issue_commented, missing_issue_comment, process_lost_retry, ...
    wake_reason                 text,
    trigger_detail              text,
    started_at                  timestamptz,
    finished_at                 timestamptz,
    exit_code                   integer,
    error                       text,
    -- machine-readable failure cause, e.g. process_lost, timeout, adapter_failed
    error_code                  text,
    external_run_id             text,
    context_snapshot            jsonb,
    log_path                    text,
    log_bytes                   bigint      not null default 0,
    -- token usage and cost reported by the adapter's final result
    usage                       jsonb,
    -- adapter session to resume next time (claude --resume, codex resume)
    session_id                  text,
    cancel_requested_at         timestamptz,
    -- a queued run is not started before this (retries are spaced 30 s apart, §8)
    scheduled_at                timestamptz,
    -- the orphan reaper needs the OS process; the silence watchdog needs the last output (§8, §9)
    process_pid                 integer,
    process_started_at          timestamptz,
    last_output_at              timestamptz,
    -- crash recovery: the run this one retries, and how many automatic retries the chain has
    -- used, persisted so a restart does not reset the budget (§8)
    retry_of_run_id             uuid        references heartbeat_runs (id) on delete set null,
    process_loss_retry_count    integer     not null default 0,
    -- run disposition after finalization (§5): comment follow-up and liveness classification
    issue_comment_status        text,
    liveness_state              text,
    next_action                 text,
    continuation_attempt        integer     not null default 0,
    -- board decision about a silent run (§9); the latest one is what the watchdog honours
    watchdog_decision           text,
    watchdog_snoozed_until      timestamptz,
    watchdog_decided_at         timestamptz,
    watchdog_decided_by_user_id uuid        references users (id) on delete set null,
    version                     integer     not null default 0,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    -- the spec's scheduler|manual|callback, plus wakes caused by assignment and by automation
    constraint heartbeat_runs_invocation_source_check check (invocation_source in ('scheduler', 'manual',
        'callback', 'assignment', 'automation')),
    constraint heartbeat_runs_status_check check (status in ('queued', 'running', 'succeeded', 'failed',
        'cancelled', 'timed_out')),
    constraint heartbeat_runs_issue_comment_status_check check (issue_comment_status in ('not_applicable',
        'pending', 'satisfied', 'retry_queued', 'retry_exhausted')),
    constraint heartbeat_runs_liveness_state_check check (liveness_state in ('completed', 'advanced',
        'blocked', 'needs_followup', 'plan_only', 'empty_response', 'failed')),
    constraint heartbeat_runs_next_action_check check (next_action in ('runnable', 'manager_review',
        'blocked_external', 'approval_required', 'unknown')),
    constraint heartbeat_runs_watchdog_decision_check check (watchdog_decision in ('snooze', 'continue',
        'dismissed_false_positive')),
    constraint heartbeat_runs_log_bytes_check check (log_bytes >= 0),
    constraint heartbeat_runs_process_loss_retry_count_check check (process_loss_retry_count >= 0),
    constraint heartbeat_runs_continuation_attempt_check check (continuation_attempt >= 0),
    constraint heartbeat_runs_id_company_id_key unique (id, company_id),
    -- runs are the audit trail of what an agent did: an agent with runs cannot be deleted
    constraint heartbeat_runs_agent_id_fkey foreign key (agent_id, company_id)
        references agents (id, company_id),
    constraint heartbeat_runs_issue_id_fkey foreign key (issue_id, company_id)
        references issues (id, company_id) on delete set null (issue_id)
);

-- started_at is null while queued; nulls sort first in a desc index, matching "queued on top"
create index heartbeat_runs_company_id_agent_id_started_at_idx
    on heartbeat_runs (company_id, agent_id, started_at desc);
-- one active run per agent, wake dedup, orphan reaping, resuming queued runs after a restart
create index heartbeat_runs_active_idx on heartbeat_runs (agent_id, status)
    where status in ('queued', 'running');
-- "latest run of this issue" for stranded-work recovery
create index heartbeat_runs_issue_id_created_at_idx on heartbeat_runs (issue_id, created_at desc)
    where issue_id is not null;
create index heartbeat_runs_retry_of_run_id_idx on heartbeat_runs (retry_of_run_id)
    where retry_of_run_id is not null;

create trigger heartbeat_runs_set_updated_at before update on heartbeat_runs
    for each row execute function set_updated_at();

-- The issue lock columns, created in V005, can only now point at runs. Deferred to commit: a run
-- and the lock naming it are often written in the same transaction, in whatever order the
-- persistence provider flushes. A deleted run releases its locks rather than leaving them dangling.
alter table issues
    add constraint issues_checkout_run_id_fkey foreign key (checkout_run_id)
        references heartbeat_runs (id) on delete set null deferrable initially deferred,
    add constraint issues_execution_run_id_fkey foreign key (execution_run_id)
        references heartbeat_runs (id) on delete set null deferrable initially deferred,
    add constraint issues_origin_run_id_fkey foreign key (origin_run_id)
        references heartbeat_runs (id) on delete set null deferrable initially deferred;
