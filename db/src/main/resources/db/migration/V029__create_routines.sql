-- Routines (spec §10.10, §21 "recurring tasks become routines"): a recurring task definition that
-- creates an issue from its template on a cron schedule in an IANA time zone, and the history of
-- its firings. next_run_at is computed by the application (cron in a zone, DST included); every
-- node's scheduler tick claims due routines with FOR UPDATE SKIP LOCKED and advances next_run_at in
-- the same transaction, so each occurrence fires once however many nodes tick.

create table routines (
    id                  uuid        primary key default gen_random_uuid(),
    company_id          uuid        not null references companies (id),
    title               text        not null,
    description         text,
    assignee_agent_id   uuid,
    project_id          uuid,
    goal_id             uuid,
    priority            text        not null default 'medium',
    status              text        not null default 'active',
    -- upstream's policies: what a firing does while the previous occurrence's issue is still open
    concurrency_policy  text        not null default 'coalesce_if_active',
    -- a node that was down for several occurrences fires once and moves on (upstream skip_missed)
    catch_up_policy     text        not null default 'skip_missed',
    -- a UNIX cron expression (minute hour day-of-month month day-of-week); null = fired only by hand
    cron_expression     text,
    timezone            text        not null default 'UTC',
    -- the next occurrence; null when paused, archived or without a schedule
    next_run_at         timestamptz,
    last_triggered_at   timestamptz,
    created_by_agent_id uuid,
    created_by_user_id  uuid        references users (id) on delete set null,
    version             integer     not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint routines_status_check check (status in ('active', 'paused', 'archived')),
    constraint routines_priority_check check (priority in ('critical', 'high', 'medium', 'low')),
    constraint routines_concurrency_policy_check check (concurrency_policy in ('coalesce_if_active',
        'skip_if_active', 'always_enqueue')),
    constraint routines_catch_up_policy_check check (catch_up_policy in ('skip_missed')),
    constraint routines_title_not_empty_check check (title <> ''),
    constraint routines_id_company_id_key unique (id, company_id),
    constraint routines_assignee_agent_id_fkey foreign key (assignee_agent_id, company_id)
        references agents (id, company_id),
    constraint routines_project_id_fkey foreign key (project_id, company_id)
        references projects (id, company_id),
    constraint routines_goal_id_fkey foreign key (goal_id, company_id)
        references goals (id, company_id),
    constraint routines_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id)
);

create index routines_company_id_idx on routines (company_id, created_at);
-- the scheduler's claim: only active routines with a next occurrence
create index routines_due_idx on routines (next_run_at) where status = 'active' and next_run_at is not null;

create trigger routines_set_updated_at before update on routines
    for each row execute function set_updated_at();

create table routine_runs (
    id               uuid        primary key default gen_random_uuid(),
    company_id       uuid        not null references companies (id),
    routine_id       uuid        not null,
    -- schedule (the tick) or manual (POST /routines/:id/run)
    source           text        not null,
    -- issue_created, coalesced (the previous issue is still open), skipped, failed
    status           text        not null,
    -- the occurrence a scheduled firing stands for; null for a manual one
    scheduled_for    timestamptz,
    triggered_at     timestamptz not null default now(),
    linked_issue_id  uuid,
    reason           text,
    created_at       timestamptz not null default now(),
    constraint routine_runs_source_check check (source in ('schedule', 'manual')),
    constraint routine_runs_status_check check (status in ('issue_created', 'coalesced', 'skipped', 'failed')),
    constraint routine_runs_routine_id_fkey foreign key (routine_id, company_id)
        references routines (id, company_id) on delete cascade,
    constraint routine_runs_linked_issue_id_fkey foreign key (linked_issue_id, company_id)
        references issues (id, company_id) on delete set null (linked_issue_id),
    -- belt and braces for the claim: one record per scheduled occurrence of a routine
    constraint routine_runs_routine_id_scheduled_for_key unique (routine_id, scheduled_for)
);

create index routine_runs_routine_id_idx on routine_runs (routine_id, triggered_at desc);
