-- The issue list (GET /companies/:id/issues) pages newest issue number first, usually filtered by
-- status (agents: ?status=todo,in_progress,…). With only (company_id, status) PostgreSQL reads
-- every issue of those statuses and sorts them to find a page; this index hands out the page in
-- order. The §7.13 index (company_id, status) stays: counts by status (the dashboard) use it.
create index issues_company_id_status_issue_number_idx on issues (company_id, status, issue_number desc);
