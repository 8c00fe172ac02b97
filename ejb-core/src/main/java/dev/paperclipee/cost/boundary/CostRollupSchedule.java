package dev.paperclipee.cost.boundary;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the {@code cost-rollup} job for every company (issue 5): nightly at 02:10 UTC, and at 00:05
 * UTC on the first of a month, so that the month just closed is final early. Its default months
 * are the current and the previous one. The timers are <em>non-persistent</em>: persistent EJB
 * timers on Payara Micro live in Hazelcast memory and vanish on restart (ARCHITECTURE), and a
 * missed run is harmless — reads add the events booked since the last rollup, and the next run covers the
 * same months. With several nodes each runs the job; its upserts make that redundant, not wrong.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CostRollupSchedule {

    private static final Logger LOG = Logger.getLogger(CostRollupSchedule.class.getName());

    @EJB
    CostRollups rollups;

    @Schedule(hour = "2", minute = "10", timezone = "UTC", persistent = false, info = "cost-rollup nightly")
    @Schedule(dayOfMonth = "1", hour = "0", minute = "5", timezone = "UTC", persistent = false,
            info = "cost-rollup at the month boundary")
    void run() {
        try {
            long id = rollups.startForAllCompanies();
            LOG.info(() -> "cost-rollup started for every company: execution " + id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cost-rollup could not start; the next scheduled run tries again", e);
        }
    }
}
