-- Append-only audit trail of every mutation (spec §7.11, §9.1, §15.3).

create table activity_log (
    id          uuid        primary key default gen_random_uuid(),
    company_id  uuid        not null references companies (id),
    actor_type  text        not null,
    -- text, not uuid: system actors have no row, and the trail must stay readable after the
    -- actor is gone
    actor_id    text        not null,
    action      text        not null,
    entity_type text        not null,
    entity_id   text        not null,
    -- the agent the entry concerns (filter ?agentId=); survives the agent as a null
    agent_id    uuid,
    -- the run whose X-Paperclip-Run-Id the write carried
    run_id      uuid,
    details     jsonb,
    created_at  timestamptz not null default now(),
    constraint activity_log_actor_type_check check (actor_type in ('agent', 'user', 'system')),
    constraint activity_log_agent_id_fkey foreign key (agent_id, company_id)
        references agents (id, company_id) on delete set null (agent_id),
    -- deferred: "heartbeat.invoked" is logged in the transaction that creates the run
    constraint activity_log_run_id_fkey foreign key (run_id)
        references heartbeat_runs (id) on delete set null deferrable initially deferred
);

create index activity_log_company_id_created_at_idx on activity_log (company_id, created_at desc);
create index activity_log_company_id_entity_idx on activity_log (company_id, entity_type, entity_id, created_at desc);
create index activity_log_company_id_agent_id_created_at_idx on activity_log (company_id, agent_id, created_at desc)
    where agent_id is not null;
-- "did this run comment?" (missing-comment follow-up, execution-semantics §5)
create index activity_log_run_id_idx on activity_log (run_id) where run_id is not null;
