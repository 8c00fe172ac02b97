package dev.paperclipee.heartbeat.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The heartbeat clock (spec §6.3, §11.5; execution-semantics §8): a <em>non-persistent</em>
 * interval timer — persistent EJB timers on Payara Micro live in Hazelcast memory and vanish on
 * restart (ARCHITECTURE) — on every node. Each tick renews this node's runs, reaps lost runs,
 * queues due timer heartbeats and starts due runs; the queue in PostgreSQL makes it safe for every
 * node to tick. At start-up the runs this node's previous life left running are reaped at once
 * and persisted queued runs are resumed.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HeartbeatScheduler {

    private static final Logger LOG = Logger.getLogger(HeartbeatScheduler.class.getName());

    @Resource
    TimerService timers;

    @EJB
    RunDispatcher dispatcher;

    private final AtomicBoolean ticking = new AtomicBoolean();
    private volatile boolean started;

    @PostConstruct
    void start() {
        long period = dispatcher.settings().tick().toMillis();
        // the first tick reaps at once; later ones follow the period
        timers.createIntervalTimer(0, period, new TimerConfig(null, false));
        LOG.info(() -> "Heartbeat scheduler on node " + dispatcher.settings().node() + ", tick every " + period + " ms");
    }

    @Timeout
    void onTimer() {
        tick();
    }

    /** One tick; a tick still running when the next is due is not overlapped. */
    public void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return;
        }
        try {
            dispatcher.tick(!started);
            started = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Heartbeat tick failed; the next one retries", e);
        } finally {
            ticking.set(false);
        }
    }
}
