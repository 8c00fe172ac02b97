-- Per-entity history: GET /companies/:id/activity?entityId=… with or without entityType.
-- Entity ids are UUIDs, so the id alone is as selective as type and id together. V011's index
-- led with entity_type: it could not serve ?entityId= alone, and for ?entityType= alone it
-- returns the rows out of time order (the company's created_at index serves that better).
drop index activity_log_company_id_entity_idx;
create index activity_log_company_id_entity_id_created_at_idx on activity_log (company_id, entity_id, created_at desc);
