-- Monthly cost rollups (spec §13.4; issue 5): what the cost-rollup batch job materializes from
-- cost_events, one row per company, UTC month, agent, project (or none), provider and model. An
-- event belongs to the month of its booking (created_at), as for the spend counters. Rows are
-- derived data, never edited by hand: the job recomputes a company-month from the events and
-- upserts it, so running it again, or resuming it after a failure, writes the same rows.

create table cost_rollups (
    company_id          uuid        not null references companies (id) on delete cascade,
    -- the month's first day
    month               date        not null,
    agent_id            uuid        not null,
    project_id          uuid,
    provider            text        not null,
    model               text        not null,
    event_count         bigint      not null,
    input_tokens        bigint      not null,
    cached_input_tokens bigint      not null,
    output_tokens       bigint      not null,
    cost_cents          bigint      not null,
    computed_at         timestamptz not null default now(),
    constraint cost_rollups_month_first_day_check check (extract(day from month) = 1),
    constraint cost_rollups_counts_check check (event_count > 0 and input_tokens >= 0 and cached_input_tokens >= 0
                                                and output_tokens >= 0 and cost_cents >= 0)
);

-- the job's upsert key: a missing project is one group of its own (NULLs would never conflict)
create unique index cost_rollups_key_idx on cost_rollups
    (company_id, month, agent_id, (coalesce(project_id, '00000000-0000-0000-0000-000000000000'::uuid)), provider, model);
