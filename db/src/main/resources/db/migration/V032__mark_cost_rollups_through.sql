-- How far each company-month's rollup reaches (issue 5: cost reads "with the rollup table"). The
-- cost-rollup job materializes the events booked before `through` and records that instant with the
-- rows, in the same transaction; the cost reads add the events booked since then. `through` is the
-- month's end for a closed month, and for the current month an instant before which no transaction
-- that could still insert an event was running (an event's created_at is its transaction's start), so
-- rollup + tail never misses or counts an event twice. Rollup rows of a company-month without a mark
-- (written before this migration) are not read.

create table cost_rollup_marks (
    company_id  uuid        not null references companies (id) on delete cascade,
    month       date        not null,
    through     timestamptz not null,
    computed_at timestamptz not null default now(),
    primary key (company_id, month),
    constraint cost_rollup_marks_month_first_day_check check (extract(day from month) = 1)
);
