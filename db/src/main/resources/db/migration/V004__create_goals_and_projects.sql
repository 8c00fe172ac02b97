-- Goals and projects (spec §7.4, §7.5). Links between records are composite foreign keys on
-- (id, company_id) so that a record can only point at records of its own company; nullable links
-- are only checked when set (MATCH SIMPLE).

create table goals (
    id             uuid        primary key default gen_random_uuid(),
    company_id     uuid        not null references companies (id),
    title          text        not null,
    description    text,
    level          text        not null default 'task',
    parent_id      uuid,
    owner_agent_id uuid,
    status         text        not null default 'planned',
    version        integer     not null default 0,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint goals_level_check check (level in ('company', 'team', 'agent', 'task')),
    constraint goals_status_check check (status in ('planned', 'active', 'achieved', 'cancelled')),
    constraint goals_title_not_empty_check check (title <> ''),
    constraint goals_parent_id_not_self_check check (parent_id <> id),
    constraint goals_id_company_id_key unique (id, company_id),
    -- deleting a goal that still has children is refused; the board re-parents or deletes them first
    constraint goals_parent_id_fkey foreign key (parent_id, company_id)
        references goals (id, company_id),
    -- ownership is advisory: losing the owner must not lose the goal
    constraint goals_owner_agent_id_fkey foreign key (owner_agent_id, company_id)
        references agents (id, company_id) on delete set null (owner_agent_id)
);

-- serves both the goal tree and the lookup of the root goal (parent_id is null, level 'company')
create index goals_company_id_parent_id_idx on goals (company_id, parent_id);

create trigger goals_set_updated_at before update on goals
    for each row execute function set_updated_at();

create table projects (
    id                   uuid        primary key default gen_random_uuid(),
    company_id           uuid        not null references companies (id),
    goal_id              uuid,
    name                 text        not null,
    description          text,
    status               text        not null default 'backlog',
    lead_agent_id        uuid,
    target_date          date,
    -- same secret-aware env binding format as agent config; merged into run environments
    env                  jsonb,
    -- optional third budget layer (§13.1); 0 means "no limit"
    budget_monthly_cents integer     not null default 0,
    spent_monthly_cents  integer     not null default 0,
    version              integer     not null default 0,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    constraint projects_status_check check (status in ('backlog', 'planned', 'in_progress', 'completed',
        'cancelled')),
    constraint projects_name_not_empty_check check (name <> ''),
    constraint projects_budget_monthly_cents_check check (budget_monthly_cents >= 0),
    constraint projects_spent_monthly_cents_check check (spent_monthly_cents >= 0),
    constraint projects_id_company_id_key unique (id, company_id),
    -- a project is how its issues trace to the goal chain; its goal cannot vanish under it
    constraint projects_goal_id_fkey foreign key (goal_id, company_id)
        references goals (id, company_id),
    constraint projects_lead_agent_id_fkey foreign key (lead_agent_id, company_id)
        references agents (id, company_id) on delete set null (lead_agent_id)
);

create index projects_company_id_idx on projects (company_id);

create trigger projects_set_updated_at before update on projects
    for each row execute function set_updated_at();
