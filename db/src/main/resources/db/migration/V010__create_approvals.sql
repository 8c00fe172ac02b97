-- Governance requests decided by the board (spec §7.10, §8.3, §12).

create table approvals (
    id                    uuid        primary key default gen_random_uuid(),
    company_id            uuid        not null references companies (id),
    type                  text        not null,
    requested_by_agent_id uuid,
    requested_by_user_id  uuid        references users (id) on delete set null,
    status                text        not null default 'pending',
    -- for hire_agent: the agent-create body that approval turns into an agent
    payload               jsonb       not null,
    decision_note         text,
    decided_by_user_id    uuid        references users (id) on delete set null,
    decided_at            timestamptz,
    version               integer     not null default 0,
    created_at            timestamptz not null default now(),
    updated_at            timestamptz not null default now(),
    constraint approvals_type_check check (type in ('hire_agent', 'approve_ceo_strategy',
        'budget_override_required', 'request_board_approval')),
    constraint approvals_status_check check (status in ('pending', 'revision_requested', 'approved',
        'rejected', 'cancelled')),
    -- the request stays on record even if the requesting agent is removed
    constraint approvals_requested_by_agent_id_fkey foreign key (requested_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (requested_by_agent_id)
);

create index approvals_company_id_status_type_idx on approvals (company_id, status, type);
create index approvals_company_id_created_at_idx on approvals (company_id, created_at desc);

create trigger approvals_set_updated_at before update on approvals
    for each row execute function set_updated_at();
