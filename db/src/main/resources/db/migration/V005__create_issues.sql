-- Issues, their comments and blocker edges (spec §7.6, §7.7; execution-semantics.md §1–§7).
-- Links to heartbeat_runs (checkout_run_id, execution_run_id, origin_run_id) get their foreign
-- keys in V008, once heartbeat_runs exists.

create table issues (
    id                             uuid        primary key default gen_random_uuid(),
    company_id                     uuid        not null references companies (id),
    project_id                     uuid,
    -- project_workspaces / execution_workspaces are not part of this schema yet: plain uuids
    project_workspace_id           uuid,
    goal_id                        uuid,
    parent_id                      uuid,
    title                          text        not null,
    description                    text,
    status                         text        not null default 'backlog',
    priority                       text        not null default 'medium',
    assignee_agent_id              uuid,
    -- text, as the spec types it (upstream user ids are opaque strings); holds a users.id in
    -- canonical form. No foreign key is possible across types: the application checks the user.
    assignee_user_id               text,
    -- checkout_run_id: the run holding execution rights; execution_run_id: the run actually live.
    -- Kept apart because finalization clears each only if it still names the finishing run.
    checkout_run_id                uuid,
    execution_run_id               uuid,
    execution_agent_name_key       text,
    execution_locked_at            timestamptz,
    created_by_agent_id            uuid,
    created_by_user_id             uuid        references users (id) on delete set null,
    issue_number                   integer     not null,
    -- "<issue_prefix>-<issue_number>", stored so lookups by identifier need no parsing; it keeps
    -- the prefix the company had when the issue was created
    identifier                     text        not null,
    -- why the system (not a person) created this issue: e.g. stranded_issue_recovery with the
    -- source issue id, so recovery never creates a second open item for the same source
    origin_kind                    text,
    origin_id                      text,
    origin_run_id                  uuid,
    origin_fingerprint             text,
    request_depth                  integer     not null default 0,
    billing_code                   text,
    assignee_adapter_overrides     jsonb,
    execution_policy               jsonb,
    execution_state                jsonb,
    execution_workspace_id         uuid,
    execution_workspace_preference text,
    execution_workspace_settings   jsonb,
    started_at                     timestamptz,
    completed_at                   timestamptz,
    cancelled_at                   timestamptz,
    hidden_at                      timestamptz,
    version                        integer     not null default 0,
    created_at                     timestamptz not null default now(),
    updated_at                     timestamptz not null default now(),
    constraint issues_status_check check (status in ('backlog', 'todo', 'in_progress', 'in_review', 'done',
        'blocked', 'cancelled')),
    constraint issues_priority_check check (priority in ('critical', 'high', 'medium', 'low')),
    constraint issues_title_not_empty_check check (title <> ''),
    constraint issues_issue_number_check check (issue_number > 0),
    constraint issues_request_depth_check check (request_depth >= 0),
    -- §7.6 "single assignee only"; execution-semantics §2: an agent xor a user owns the next move
    constraint issues_single_assignee_check check (assignee_agent_id is null or assignee_user_id is null),
    -- §7.6 "in_progress requires assignee": releasing or force-releasing with clearAssignee must
    -- move the issue out of in_progress in the same UPDATE
    constraint issues_in_progress_assignee_check check (
        status <> 'in_progress' or assignee_agent_id is not null or assignee_user_id is not null),
    constraint issues_parent_id_not_self_check check (parent_id <> id),
    constraint issues_company_id_issue_number_key unique (company_id, issue_number),
    constraint issues_company_id_identifier_key unique (company_id, identifier),
    constraint issues_id_company_id_key unique (id, company_id),
    -- every link stays inside the issue's company (api-contract departure 5, §16)
    constraint issues_project_id_fkey foreign key (project_id, company_id)
        references projects (id, company_id),
    constraint issues_goal_id_fkey foreign key (goal_id, company_id)
        references goals (id, company_id),
    constraint issues_parent_id_fkey foreign key (parent_id, company_id)
        references issues (id, company_id),
    -- an agent that still owns work cannot be deleted: recovery never reassigns silently
    constraint issues_assignee_agent_id_fkey foreign key (assignee_agent_id, company_id)
        references agents (id, company_id),
    constraint issues_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id)
);

create index issues_company_id_status_idx on issues (company_id, status);
create index issues_company_id_assignee_agent_id_status_idx on issues (company_id, assignee_agent_id, status);
create index issues_company_id_parent_id_idx on issues (company_id, parent_id);
create index issues_company_id_project_id_idx on issues (company_id, project_id);
create index issues_company_id_created_at_idx on issues (company_id, created_at desc);
-- GET /issues/ACM-12 resolves an identifier without knowing the company
create index issues_identifier_idx on issues (identifier);
-- recovery looks for an existing open item of the same origin before creating one
create index issues_company_id_origin_idx on issues (company_id, origin_kind, origin_id)
    where origin_kind is not null;
-- run finalization and the stale-lock sweep clear locks by run id
create index issues_checkout_run_id_idx on issues (checkout_run_id) where checkout_run_id is not null;
create index issues_execution_run_id_idx on issues (execution_run_id) where execution_run_id is not null;

create trigger issues_set_updated_at before update on issues
    for each row execute function set_updated_at();

create table issue_comments (
    id              uuid        primary key default gen_random_uuid(),
    company_id      uuid        not null references companies (id),
    issue_id        uuid        not null,
    author_agent_id uuid,
    author_user_id  uuid        references users (id) on delete set null,
    body            text        not null,
    version         integer     not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint issue_comments_body_not_empty_check check (body <> ''),
    -- system-written comments have neither author; none has both
    constraint issue_comments_single_author_check check (author_agent_id is null or author_user_id is null),
    -- lets issue_attachments require that a comment belongs to the attachment's issue
    constraint issue_comments_id_issue_id_key unique (id, issue_id),
    -- a comment is part of its issue's thread and has no meaning without it
    constraint issue_comments_issue_id_fkey foreign key (issue_id, company_id)
        references issues (id, company_id) on delete cascade,
    constraint issue_comments_author_agent_id_fkey foreign key (author_agent_id, company_id)
        references agents (id, company_id) on delete set null (author_agent_id)
);

-- the thread is read in order and paged with ?after=<commentId>; id breaks created_at ties
create index issue_comments_issue_id_created_at_idx on issue_comments (issue_id, created_at, id);

create trigger issue_comments_set_updated_at before update on issue_comments
    for each row execute function set_updated_at();

-- Blocker edges (execution-semantics.md §1, §7): a dependency is never inferred from parent_id.
-- Read "issue_id <type> related_issue_id", e.g. A blocks B. Not in spec §7.1–7.15; added because
-- the V1 wake rules (issue_blockers_resolved) need a first-class edge.
create table issue_relations (
    id                  uuid        primary key default gen_random_uuid(),
    company_id          uuid        not null references companies (id),
    issue_id            uuid        not null,
    related_issue_id    uuid        not null,
    type                text        not null default 'blocks',
    created_by_agent_id uuid,
    created_by_user_id  uuid        references users (id) on delete set null,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint issue_relations_type_check check (type in ('blocks', 'related', 'duplicate')),
    constraint issue_relations_not_self_check check (issue_id <> related_issue_id),
    constraint issue_relations_edge_key unique (issue_id, related_issue_id, type),
    constraint issue_relations_issue_id_fkey foreign key (issue_id, company_id)
        references issues (id, company_id) on delete cascade,
    constraint issue_relations_related_issue_id_fkey foreign key (related_issue_id, company_id)
        references issues (id, company_id) on delete cascade,
    constraint issue_relations_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id)
);

-- "what blocks B?" is the hot question (wake on last blocker done); the unique key serves "what does A block?"
create index issue_relations_related_issue_id_idx on issue_relations (related_issue_id, type);

create trigger issue_relations_set_updated_at before update on issue_relations
    for each row execute function set_updated_at();
