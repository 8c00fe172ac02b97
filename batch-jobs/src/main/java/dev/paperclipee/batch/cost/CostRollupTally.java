package dev.paperclipee.batch.cost;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one execution of the job did, for its exit status: the listener puts it into the job
 * context's transient user data, the writers count into it.
 */
final class CostRollupTally {

    final AtomicLong companyMonths = new AtomicLong();
    final AtomicLong rollupRows = new AtomicLong();
    final AtomicLong countersCorrected = new AtomicLong();

    @Override
    public String toString() {
        return "rolled up " + companyMonths.get() + " company-months (" + rollupRows.get() + " rows), corrected "
                + countersCorrected.get() + " spend counters";
    }
}
