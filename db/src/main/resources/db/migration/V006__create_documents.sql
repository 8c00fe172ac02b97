-- Editable text documents with append-only history, attached to issues by a workflow key
-- (spec §7.15).

create table documents (
    id                     uuid        primary key default gen_random_uuid(),
    company_id             uuid        not null references companies (id),
    title                  text,
    format                 text        not null default 'markdown',
    -- denormalized copy of the latest revision so reading a document needs no join
    latest_body            text        not null,
    latest_revision_id     uuid,
    latest_revision_number integer     not null default 0,
    created_by_agent_id    uuid,
    created_by_user_id     uuid        references users (id) on delete set null,
    updated_by_agent_id    uuid,
    updated_by_user_id     uuid        references users (id) on delete set null,
    version                integer     not null default 0,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    constraint documents_format_check check (format in ('markdown')),
    constraint documents_latest_revision_number_check check (latest_revision_number >= 0),
    constraint documents_id_company_id_key unique (id, company_id),
    constraint documents_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id),
    constraint documents_updated_by_agent_id_fkey foreign key (updated_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (updated_by_agent_id)
);

create trigger documents_set_updated_at before update on documents
    for each row execute function set_updated_at();

create table document_revisions (
    id                  uuid        primary key default gen_random_uuid(),
    company_id          uuid        not null references companies (id),
    document_id         uuid        not null,
    revision_number     integer     not null,
    body                text        not null,
    change_summary      text,
    -- who wrote this revision; documents.updated_by_* only remembers the latest writer
    created_by_agent_id uuid,
    created_by_user_id  uuid        references users (id) on delete set null,
    created_at          timestamptz not null default now(),
    constraint document_revisions_revision_number_check check (revision_number >= 0),
    -- two concurrent PUTs on the same base revision: exactly one wins, the other gets 409
    constraint document_revisions_document_id_revision_number_key unique (document_id, revision_number),
    constraint document_revisions_id_document_id_key unique (id, document_id),
    constraint document_revisions_document_id_fkey foreign key (document_id, company_id)
        references documents (id, company_id) on delete cascade,
    constraint document_revisions_created_by_agent_id_fkey foreign key (created_by_agent_id, company_id)
        references agents (id, company_id) on delete set null (created_by_agent_id)
);

-- The latest revision must be one of this document's own revisions. Deferred to commit because
-- document and first revision reference each other and are written in one transaction, in
-- whatever order the persistence provider flushes them.
alter table documents
    add constraint documents_latest_revision_id_fkey foreign key (latest_revision_id, id)
        references document_revisions (id, document_id) on delete set null (latest_revision_id)
        deferrable initially deferred;

create table issue_documents (
    id          uuid        primary key default gen_random_uuid(),
    company_id  uuid        not null references companies (id),
    issue_id    uuid        not null,
    document_id uuid        not null,
    -- stable workflow key: plan, design, notes, ...
    key         text        not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint issue_documents_key_not_empty_check check (key <> ''),
    constraint issue_documents_issue_id_key_key unique (issue_id, key),
    -- a document answers with one issueId, so it belongs to exactly one issue
    constraint issue_documents_document_id_key unique (document_id),
    constraint issue_documents_issue_id_fkey foreign key (issue_id, company_id)
        references issues (id, company_id) on delete cascade,
    constraint issue_documents_document_id_fkey foreign key (document_id, company_id)
        references documents (id, company_id) on delete cascade
);

create trigger issue_documents_set_updated_at before update on issue_documents
    for each row execute function set_updated_at();
