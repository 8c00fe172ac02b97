-- Secrets referenced from agent/project env bindings instead of inline values (spec §7.12).
-- The secret row is identity and provider metadata; each value lives in a version row.

create table company_secrets (
    id                  uuid        primary key default gen_random_uuid(),
    company_id          uuid        not null references companies (id),
    name                text        not null,
    -- open set (local_encrypted by default; external managers later), so no CHECK
    provider            text        not null default 'local_encrypted',
    -- where an external provider keeps the value; null for local_encrypted
    external_ref        text,
    -- the secret's own version counter, not to be confused with "version" (optimistic locking)
    latest_version      integer     not null default 1,
    description         text,
    created_by_agent_id uuid,
    created_by_user_id  uuid        references users (id) on delete set null,
    version             integer     not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint company_secrets_name_not_empty_check check (name <> ''),
    constraint company_secrets_latest_version_check check (latest_version >= 0),
    constraint company_secrets_company_id_name_key unique (company_id, name),
    constraint company_secrets_id_company_id_key unique (id, company_id),
    constraint company_secrets_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id)
);

create trigger company_secrets_set_updated_at before update on company_secrets
    for each row execute function set_updated_at();

create table company_secret_versions (
    id                  uuid        primary key default gen_random_uuid(),
    -- carried so that every business row names its tenant; must equal the secret's company
    company_id          uuid        not null references companies (id),
    secret_id           uuid        not null,
    -- the secret's version number (1, 2, ...), the row itself is immutable
    version             integer     not null,
    -- ciphertext (local_encrypted) or a provider reference; never a plain value
    material            jsonb       not null,
    -- detects re-use of a value without decrypting it
    value_sha256        text        not null,
    created_by_agent_id uuid,
    created_by_user_id  uuid        references users (id) on delete set null,
    revoked_at          timestamptz,
    created_at          timestamptz not null default now(),
    constraint company_secret_versions_version_check check (version >= 0),
    constraint company_secret_versions_secret_id_version_key unique (secret_id, version),
    -- versions are the secret's material: they go when the secret goes
    constraint company_secret_versions_secret_id_fkey foreign key (secret_id, company_id)
        references company_secrets (id, company_id) on delete cascade,
    constraint company_secret_versions_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id)
);
