-- Company portability (spec §21; issue 8). company_packages holds package zips: uploads waiting to
-- be previewed or imported, and what the company-export job wrote. company_imports is the report of
-- each execution of the company-import job (its plan, problems, and what it created).

create table company_packages (
    id          uuid        primary key default gen_random_uuid(),
    -- upload: sent by the board for an import; export: written by the company-export job
    kind        text        not null,
    -- the exported company; null for an upload (it may become a new company)
    company_id  uuid        references companies (id) on delete cascade,
    -- the company-export execution that wrote it
    job_id      bigint,
    file_count  integer     not null,
    byte_size   bigint      not null,
    content     bytea       not null,
    -- the export's warnings (references dropped, secrets declared); [] for an upload
    warnings    jsonb       not null default '[]',
    created_at  timestamptz not null default now(),
    constraint company_packages_kind_check check (kind in ('upload', 'export')),
    constraint company_packages_export_check check (kind <> 'export' or (company_id is not null and job_id is not null)),
    constraint company_packages_counts_check check (file_count >= 0 and byte_size >= 0)
);

create unique index company_packages_job_id_key on company_packages (job_id) where job_id is not null;
create index company_packages_created_at_idx on company_packages (created_at);

create table company_imports (
    job_id      bigint      primary key,
    -- the company imported into (created by the import, or the existing one); null if rejected
    company_id  uuid        references companies (id) on delete set null,
    -- applied: everything in report.plan happened; rejected: the package had errors, nothing changed;
    -- failed: the apply was refused or broke, nothing changed
    outcome     text        not null,
    report      jsonb       not null,
    created_at  timestamptz not null default now(),
    constraint company_imports_outcome_check check (outcome in ('applied', 'rejected', 'failed'))
);
