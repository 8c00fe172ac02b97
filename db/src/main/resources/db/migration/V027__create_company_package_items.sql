-- Parts of a company package this schema has no table of its own for (issue 8): skills
-- (skills/<slug>/SKILL.md), teams (teams/<slug>/TEAM.md) and recurring tasks (TASK.md with
-- recurring: true, whose schedule is the sidecar's routines.<slug>). An import keeps them here so
-- that nothing of a package is lost and an export writes them again; the routines tables (V029–V031)
-- are where recurring tasks become schedules.

create table company_package_items (
    id           uuid        primary key default gen_random_uuid(),
    company_id   uuid        not null references companies (id) on delete cascade,
    kind         text        not null,
    slug         text        not null,
    name         text        not null,
    -- the item's front matter (and for a recurring task its assignee/project slugs), as read; json, not
    -- jsonb: the text keeps its key order, so an export writes the fields in the order they came
    front_matter json        not null default '{}',
    body         text,
    -- a recurring task's routines.<slug> from the sidecar
    routine      json,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint company_package_items_kind_check check (kind in ('skill', 'team', 'recurring_task')),
    constraint company_package_items_slug_check check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    constraint company_package_items_front_matter_check check (json_typeof(front_matter) = 'object'),
    constraint company_package_items_key unique (company_id, kind, slug)
);

create trigger company_package_items_set_updated_at before update on company_package_items
    for each row execute function set_updated_at();
