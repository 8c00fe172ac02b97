package dev.paperclipee.batch.cost;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A spend counter that disagreed with the events when the reconcile step looked: a row of
 * {@code agents}, {@code projects} or {@code companies}, its company, and the month (first day) it was compared for.
 */
record SpendCounter(Kind kind, UUID id, UUID companyId, LocalDate month) implements Serializable {

    /** The tables with a counter, in the order bookings lock them (agent, project, company). */
    enum Kind {
        agent("agents", "agent_id"),
        project("projects", "project_id"),
        company("companies", "company_id");

        final String table;
        /** the column of cost_events that points at the row */
        final String eventColumn;

        Kind(String table, String eventColumn) {
            this.table = table;
            this.eventColumn = eventColumn;
        }
    }
}
