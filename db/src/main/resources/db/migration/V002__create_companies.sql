-- Companies are the tenant boundary (spec §7.1): every business record references one.

create table companies (
    id                                       uuid        primary key default gen_random_uuid(),
    name                                     text        not null,
    description                              text,
    status                                   text        not null default 'active',
    pause_reason                             text,
    paused_at                                timestamptz,
    -- "ACM" in ACM-12; upper case because identifiers are matched as typed by humans and agents
    issue_prefix                             text        not null,
    -- last issue_number handed out; incremented with UPDATE ... RETURNING under the row lock
    issue_counter                            integer     not null default 0,
    -- 0 means "no limit" (api-contract: no thresholds, no pause)
    budget_monthly_cents                     integer     not null default 0,
    spent_monthly_cents                      integer     not null default 0,
    attachment_max_bytes                     integer     not null default 10485760,
    require_board_approval_for_new_agents    boolean     not null default false,
    feedback_data_sharing_enabled            boolean     not null default false,
    feedback_data_sharing_consent_at         timestamptz,
    -- consent outlives the account that gave it; the timestamp and terms version remain
    feedback_data_sharing_consent_by_user_id uuid        references users (id) on delete set null,
    feedback_data_sharing_terms_version      text,
    brand_color                              text,
    logo_url                                 text,
    version                                  integer     not null default 0,
    created_at                               timestamptz not null default now(),
    updated_at                               timestamptz not null default now(),
    constraint companies_status_check check (status in ('active', 'paused', 'archived')),
    -- same vocabulary as agents.pause_reason so a budget stop reads the same at both levels
    constraint companies_pause_reason_check check (pause_reason in ('manual', 'budget', 'system')),
    constraint companies_name_not_empty_check check (name <> ''),
    constraint companies_issue_prefix_check check (issue_prefix <> '' and issue_prefix = upper(issue_prefix)),
    constraint companies_issue_counter_check check (issue_counter >= 0),
    constraint companies_budget_monthly_cents_check check (budget_monthly_cents >= 0),
    constraint companies_spent_monthly_cents_check check (spent_monthly_cents >= 0),
    constraint companies_attachment_max_bytes_check check (attachment_max_bytes > 0),
    constraint companies_issue_prefix_key unique (issue_prefix)
);

create trigger companies_set_updated_at before update on companies
    for each row execute function set_updated_at();
