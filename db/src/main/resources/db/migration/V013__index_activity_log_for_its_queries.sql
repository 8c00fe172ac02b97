-- The activity list (GET /companies/:id/activity) reads newest first, ordered by created_at and
-- then id, so that pages never overlap. Rows written in one transaction share created_at: with
-- indexes on created_at alone PostgreSQL must sort every tied row to find a page. Each index now
-- ends with id desc, so the first page is read straight off the index however many rows tie.
--
-- Per-entity history (?entityId=… with or without entityType): entity ids are UUIDs, so the id
-- alone is as selective as type and id together. V011's index led with entity_type: it could not
-- serve ?entityId= alone, and for ?entityType= alone it returned the rows out of time order.
drop index activity_log_company_id_created_at_idx;
create index activity_log_company_id_created_at_idx on activity_log (company_id, created_at desc, id desc);

drop index activity_log_company_id_agent_id_created_at_idx;
create index activity_log_company_id_agent_id_created_at_idx on activity_log (company_id, agent_id, created_at desc, id desc)
    where agent_id is not null;

drop index activity_log_company_id_entity_idx;
create index activity_log_company_id_entity_id_created_at_idx on activity_log (company_id, entity_id, created_at desc, id desc);
