-- Stored objects and their attachment to issues (spec §7.14). Bytes live with the provider
-- (local disk or S3); the database keeps only metadata.

create table assets (
    id                  uuid        primary key default gen_random_uuid(),
    company_id          uuid        not null references companies (id),
    provider            text        not null default 'local_disk',
    object_key          text        not null,
    content_type        text        not null,
    byte_size           integer     not null,
    sha256              text        not null,
    original_filename   text,
    created_by_agent_id uuid,
    created_by_user_id  uuid        references users (id) on delete set null,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint assets_provider_check check (provider in ('local_disk', 's3')),
    constraint assets_byte_size_check check (byte_size >= 0),
    constraint assets_company_id_object_key_key unique (company_id, object_key),
    constraint assets_id_company_id_key unique (id, company_id),
    constraint assets_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id)
);

create index assets_company_id_created_at_idx on assets (company_id, created_at desc);

create trigger assets_set_updated_at before update on assets
    for each row execute function set_updated_at();

create table issue_attachments (
    id               uuid        primary key default gen_random_uuid(),
    company_id       uuid        not null references companies (id),
    issue_id         uuid        not null,
    asset_id         uuid        not null,
    issue_comment_id uuid,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    -- one upload, one attachment: DELETE /attachments/:id can remove the asset with it
    constraint issue_attachments_asset_id_key unique (asset_id),
    constraint issue_attachments_issue_id_fkey foreign key (issue_id, company_id)
        references issues (id, company_id) on delete cascade,
    constraint issue_attachments_asset_id_fkey foreign key (asset_id, company_id)
        references assets (id, company_id) on delete cascade,
    -- the comment must be on the same issue; deleting the comment keeps the file on the issue
    constraint issue_attachments_issue_comment_id_fkey foreign key (issue_comment_id, issue_id)
        references issue_comments (id, issue_id) on delete set null (issue_comment_id)
);

create index issue_attachments_company_id_issue_id_idx on issue_attachments (company_id, issue_id);
create index issue_attachments_issue_comment_id_idx on issue_attachments (issue_comment_id)
    where issue_comment_id is not null;

create trigger issue_attachments_set_updated_at before update on issue_attachments
    for each row execute function set_updated_at();
