-- Budgets are monthly (spec §13): a spend counter holds the spend of one UTC calendar month, and
-- spent_month says which. An event counts in the month it is booked (cost_events.created_at),
-- whatever its occurred_at says, so a late or back-dated report still counts against the budget
-- that is running, and the counters, the summaries and the by-agent/by-project lists all group
-- events the same way. A counter of an earlier month reads as 0 (the application compares
-- spent_month with the current month) and restarts at the next booking; nothing has to run at
-- midnight for reads and enforcement to be right.

alter table companies
    add column spent_month date not null default (date_trunc('month', now() at time zone 'UTC'))::date;
alter table agents
    add column spent_month date not null default (date_trunc('month', now() at time zone 'UTC'))::date;
alter table projects
    add column spent_month date not null default (date_trunc('month', now() at time zone 'UTC'))::date;

-- the counters so far knew no months: start them from this month's events, the source of truth
update companies c
   set spent_month = (date_trunc('month', now() at time zone 'UTC'))::date,
       spent_monthly_cents = least(coalesce((select sum(e.cost_cents) from cost_events e
                                              where e.company_id = c.id
                                                and e.created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'),
                                            0), 2147483647);
update agents a
   set spent_month = (date_trunc('month', now() at time zone 'UTC'))::date,
       spent_monthly_cents = least(coalesce((select sum(e.cost_cents) from cost_events e
                                              where e.agent_id = a.id
                                                and e.created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'),
                                            0), 2147483647);
update projects p
   set spent_month = (date_trunc('month', now() at time zone 'UTC'))::date,
       spent_monthly_cents = least(coalesce((select sum(e.cost_cents) from cost_events e
                                              where e.project_id = p.id
                                                and e.created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'),
                                            0), 2147483647);

-- costs/summary, by-agent, by-project and by-model read one company's month of bookings
create index cost_events_company_id_created_at_idx on cost_events (company_id, created_at);
