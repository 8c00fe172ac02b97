package dev.paperclipee.routine.boundary;

import dev.paperclipee.heartbeat.control.RuntimeSettings;
import dev.paperclipee.routine.control.RoutineClaims;
import dev.paperclipee.routine.entity.RoutineRun;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The routine clock (spec §10.10): like the heartbeat scheduler a <em>non-persistent</em> interval
 * timer on every node, at the heartbeat tick ({@code HEARTBEAT_SCHEDULER_INTERVAL_MS}, off with
 * {@code HEARTBEAT_SCHEDULER_ENABLED=false}). Each tick fires the due occurrences, each in its own
 * transaction claimed in PostgreSQL ({@link Routines#fire}), so every node may tick and each
 * occurrence still fires once; an occurrence whose issue cannot be created is recorded as failed
 * and the schedule moves on.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoutineScheduler {

    private static final Logger LOG = Logger.getLogger(RoutineScheduler.class.getName());
    /** Occurrences listed per round; the tick repeats rounds until nothing is due. */
    static final int BATCH = 100;

    @Resource
    TimerService timers;

    @EJB
    Routines routines;

    private final AtomicBoolean ticking = new AtomicBoolean();

    @PostConstruct
    void start() {
        RuntimeSettings settings = RuntimeSettings.current();
        if (!settings.enabled()) {
            LOG.info("Routine scheduler off (HEARTBEAT_SCHEDULER_ENABLED=false); routines fire only by hand");
            return;
        }
        long period = settings.tick().toMillis();
        timers.createIntervalTimer(period, period, new TimerConfig(null, false));
    }

    @Timeout
    void onTimer() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            fireDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Routine tick failed; the next one retries", e);
        } finally {
            ticking.set(false);
        }
    }

    /**
     * Fires every due occurrence; safe to call from several threads and nodes at once.
     *
     * @return the firings this call made
     */
    public int fireDue() {
        int fired = 0;
        List<RoutineClaims.Due> due;
        int rounds = 0;
        do {
            due = routines.due(BATCH);
            int before = fired;
            for (RoutineClaims.Due occurrence : due) {
                fired += fireOne(occurrence) ? 1 : 0;
            }
            // a round in which another node took everything: let it finish, the next tick looks again
            if (fired == before) {
                break;
            }
        } while (due.size() == BATCH && ++rounds < 100);
        return fired;
    }

    private boolean fireOne(RoutineClaims.Due occurrence) {
        try {
            RoutineRun run = routines.fire(occurrence);
            return run != null;
        } catch (RuntimeException e) {
            // a domain refusal (assignee terminated, company archived, …): the firing rolled back
            return failed(occurrence, e);
        }
    }

    private boolean failed(RoutineClaims.Due occurrence, RuntimeException cause) {
        String reason = reason(cause);
        LOG.log(Level.INFO, "Routine " + occurrence.routineId() + " could not fire for " + occurrence.occurrence() + ": " + reason);
        try {
            return routines.recordFailure(occurrence, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recording the failed firing of routine " + occurrence.routineId() + " failed", e);
            return false;
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t instanceof EJBException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
