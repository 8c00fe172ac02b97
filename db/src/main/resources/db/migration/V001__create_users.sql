-- Human principals (spec §7.0, deployment-modes.md). The spec leaves these tables to "the auth
-- library"; Paperclip EE owns its own, so they are defined here and referenced as users(id).

-- Shared by every mutable table: bulk updates (e.g. the atomic checkout UPDATE of §10.4.1) bypass
-- the JPA @PreUpdate callback, so the database keeps updated_at honest. A value the application
-- set explicitly in the same UPDATE is left untouched, so entity and row never disagree.
create function set_updated_at() returns trigger
    language plpgsql
as $$
begin
    if new.updated_at is not distinct from old.updated_at then
        new.updated_at := now();
    end if;
    return new;
end
$$;

create table users (
    id            uuid        primary key default gen_random_uuid(),
    email         text        not null,
    name          text        not null,
    -- null for principals that never log in with a password (the local_trusted operator,
    -- users created by an external identity provider).
    password_hash text,
    role          text        not null default 'board',
    disabled_at   timestamptz,
    version       integer     not null default 0,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    -- 'instance_admin' is the deployment-wide authority that bootstrap and board-claim grant
    -- (deployment-modes.md §5–6); every other human is a plain board member.
    constraint users_role_check check (role in ('board', 'instance_admin')),
    constraint users_email_not_empty_check check (email <> ''),
    constraint users_name_not_empty_check check (name <> '')
);

-- Logins are case-insensitive: "Ann@x.io" and "ann@x.io" must be one account.
create unique index users_email_lower_key on users (lower(email));

create trigger users_set_updated_at before update on users
    for each row execute function set_updated_at();

create table board_api_keys (
    id           uuid        primary key default gen_random_uuid(),
    -- a key is worthless without its owner, so it goes with the user
    user_id      uuid        not null references users (id) on delete cascade,
    name         text        not null,
    -- only the hash is stored; the token is shown once at creation
    key_hash     text        not null,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint board_api_keys_key_hash_key unique (key_hash)
);

create index board_api_keys_user_id_idx on board_api_keys (user_id);

create trigger board_api_keys_set_updated_at before update on board_api_keys
    for each row execute function set_updated_at();

-- The implicit operator of local_trusted mode acts on a real row so that user attribution
-- (created_by_user_id, decided_by_user_id, ...) can always be a foreign key. Its role stays
-- 'board' on purpose: the application grants instance_admin at startup only in local_trusted
-- mode; seeding it as admin would make a fresh authenticated install look already bootstrapped.
insert into users (id, email, name)
values ('00000000-0000-0000-0000-000000000001', 'local-board@paperclip.local', 'Local board');
