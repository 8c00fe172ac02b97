-- Agents and their API keys (spec §7.2, §7.3).

create table agents (
    id                     uuid        primary key default gen_random_uuid(),
    company_id             uuid        not null references companies (id),
    name                   text        not null,
    role                   text        not null default 'general',
    title                  text,
    icon                   text,
    -- new agents start idle (api-contract); pending_approval is for hires awaiting the board
    status                 text        not null default 'idle',
    reports_to             uuid,
    capabilities           text,
    -- not an enum: built-ins (process, http, claude_local, ...) are open to new adapters
    adapter_type           text        not null default 'process',
    adapter_config         jsonb       not null default '{}',
    runtime_config         jsonb       not null default '{}',
    -- environments are not part of this schema yet, hence no foreign key
    default_environment_id uuid,
    context_mode           text        not null default 'thin',
    -- 0 means "no limit" (api-contract)
    budget_monthly_cents   integer     not null default 0,
    spent_monthly_cents    integer     not null default 0,
    pause_reason           text,
    paused_at              timestamptz,
    permissions            jsonb       not null default '{}',
    last_heartbeat_at      timestamptz,
    metadata               jsonb,
    version                integer     not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint agents_role_check check (role in ('ceo', 'cto', 'cmo', 'cfo', 'security', 'engineer',
        'designer', 'pm', 'qa', 'devops', 'researcher', 'general')),
    constraint agents_status_check check (status in ('active', 'paused', 'idle', 'running', 'error',
        'pending_approval', 'terminated')),
    constraint agents_context_mode_check check (context_mode in ('thin', 'fat')),
    constraint agents_pause_reason_check check (pause_reason in ('manual', 'budget', 'system')),
    constraint agents_name_not_empty_check check (name <> ''),
    constraint agents_budget_monthly_cents_check check (budget_monthly_cents >= 0),
    constraint agents_spent_monthly_cents_check check (spent_monthly_cents >= 0),
    -- the adapters and the scheduler read these as JSON objects; an array or scalar is a bug
    constraint agents_adapter_config_object_check check (jsonb_typeof(adapter_config) = 'object'),
    constraint agents_runtime_config_object_check check (jsonb_typeof(runtime_config) = 'object'),
    constraint agents_permissions_object_check check (jsonb_typeof(permissions) = 'object'),
    -- longer cycles are rejected by Agent.reportTo (422); a self-loop is cheap to stop here too
    constraint agents_reports_to_not_self_check check (reports_to <> id),
    -- target of the composite foreign keys that keep links inside one company (§7.2 invariant)
    constraint agents_id_company_id_key unique (id, company_id),
    -- "agent and manager must be in same company": the manager is looked up together with
    -- this row's company, so a foreign-company manager cannot be stored at all
    constraint agents_reports_to_fkey foreign key (reports_to, company_id)
        references agents (id, company_id)
);

create index agents_company_id_status_idx on agents (company_id, status);
create index agents_company_id_reports_to_idx on agents (company_id, reports_to);

create trigger agents_set_updated_at before update on agents
    for each row execute function set_updated_at();

create table agent_api_keys (
    id           uuid        primary key default gen_random_uuid(),
    agent_id     uuid        not null,
    company_id   uuid        not null references companies (id),
    name         text        not null,
    -- only the hash is stored; the token is shown once at creation (§7.3)
    key_hash     text        not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint agent_api_keys_key_hash_key unique (key_hash),
    -- a key's company is the agent's company: the key grants exactly that company's scope (§9.2);
    -- a key is worthless without its agent, so it goes with it
    constraint agent_api_keys_agent_id_fkey foreign key (agent_id, company_id)
        references agents (id, company_id) on delete cascade
);

create index agent_api_keys_agent_id_idx on agent_api_keys (agent_id);

create trigger agent_api_keys_set_updated_at before update on agent_api_keys
    for each row execute function set_updated_at();
