-- Secrets of the installation itself, one row per purpose (e.g. the key that signs run-scoped
-- agent tokens when no PAPERCLIP_AGENT_JWT_SECRET is configured). Every node of a cluster must
-- sign and verify with the same key, so it lives in the shared database, not on a node's disk:
-- the first node to start inserts a random key, the others' "insert ... on conflict do nothing"
-- changes nothing and they read that first key.
create table instance_keys (
    name       text        primary key,
    secret     bytea       not null,
    created_at timestamptz not null default now(),
    -- HMAC-SHA256 keys of at least 256 bits
    constraint instance_keys_secret_length_check check (octet_length(secret) >= 32)
);
