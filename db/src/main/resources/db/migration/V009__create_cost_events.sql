-- Reported spend (spec §7.9, §13). Rows are facts: rollups and budgets are computed from them and
-- they are never edited, so every link is restrictive rather than cascading.

create table cost_events (
    id                  uuid        primary key default gen_random_uuid(),
    company_id          uuid        not null references companies (id),
    agent_id            uuid        not null,
    issue_id            uuid,
    project_id          uuid,
    goal_id             uuid,
    -- the run whose adapter reported this usage; null for events posted by hand or by an agent key
    heartbeat_run_id    uuid,
    billing_code        text,
    provider            text        not null,
    model               text        not null,
    input_tokens        integer     not null default 0,
    cached_input_tokens integer     not null default 0,
    output_tokens       integer     not null default 0,
    cost_cents          integer     not null,
    occurred_at         timestamptz not null,
    created_at          timestamptz not null default now(),
    constraint cost_events_provider_not_empty_check check (provider <> ''),
    constraint cost_events_model_not_empty_check check (model <> ''),
    constraint cost_events_input_tokens_check check (input_tokens >= 0),
    constraint cost_events_cached_input_tokens_check check (cached_input_tokens >= 0),
    constraint cost_events_output_tokens_check check (output_tokens >= 0),
    constraint cost_events_cost_cents_check check (cost_cents >= 0),
    -- §13.3 "company ownership checks for all linked entities"
    constraint cost_events_agent_id_fkey foreign key (agent_id, company_id)
        references agents (id, company_id),
    constraint cost_events_issue_id_fkey foreign key (issue_id, company_id)
        references issues (id, company_id),
    constraint cost_events_project_id_fkey foreign key (project_id, company_id)
        references projects (id, company_id),
    constraint cost_events_goal_id_fkey foreign key (goal_id, company_id)
        references goals (id, company_id),
    -- deferred like the issue lock columns: the run may be flushed after its cost in the same transaction
    constraint cost_events_heartbeat_run_id_fkey foreign key (heartbeat_run_id, company_id)
        references heartbeat_runs (id, company_id) deferrable initially deferred
);

create index cost_events_company_id_occurred_at_idx on cost_events (company_id, occurred_at);
create index cost_events_company_id_agent_id_occurred_at_idx on cost_events (company_id, agent_id, occurred_at);
-- costs/by-project and project budgets
create index cost_events_company_id_project_id_occurred_at_idx on cost_events (company_id, project_id, occurred_at)
    where project_id is not null;
create index cost_events_heartbeat_run_id_idx on cost_events (heartbeat_run_id)
    where heartbeat_run_id is not null;
