package dev.paperclipee.cost.boundary;

import dev.paperclipee.cost.control.Combiner;
import dev.paperclipee.cost.entity.CostEvent;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one {@link Combiner} of this node's cost reports, a lane per company: reports of a company
 * that arrive while one of its batches is being booked are booked together in the next.
 */
@ApplicationScoped
public class CostReportLanes {

    /** Enough for any burst of a company's agents; a larger batch would only hold the company's row longer. */
    static final int MAX_BATCH = 64;

    private final Combiner<CostBookings.Booking, CostEvent> combiner = new Combiner<>(MAX_BATCH);

    Combiner<CostBookings.Booking, CostEvent> combiner() {
        return combiner;
    }
}
