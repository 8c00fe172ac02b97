package dev.paperclipee.heartbeat.boundary;

import dev.paperclipee.cost.boundary.BudgetExhausted;
import dev.paperclipee.heartbeat.control.AdapterException;
import dev.paperclipee.heartbeat.control.Adapters;
import dev.paperclipee.heartbeat.control.Execution;
import dev.paperclipee.heartbeat.control.Redactor;
import dev.paperclipee.heartbeat.control.RunLogFile;
import dev.paperclipee.heartbeat.control.RunPlan;
import dev.paperclipee.heartbeat.control.RunResult;
import dev.paperclipee.heartbeat.control.RuntimeSettings;
import dev.paperclipee.secret.entity.SecretUnavailableException;
import dev.paperclipee.shared.entity.DomainException;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * This node's part of the heartbeat runtime (spec §11, ARCHITECTURE "Concurrency rules"): claims
 * due runs from PostgreSQL, hands each to its adapter on a container-managed thread, outside any
 * transaction, and records the end. It knows which runs live here, renews their leases, stops
 * them on request, and reaps runs whose node is gone. Adapter I/O never holds a row lock.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunDispatcher {

    private static final Logger LOG = Logger.getLogger(RunDispatcher.class.getName());
    /** Agents whose queued runs one claim statement starts; the loop repeats until nothing is due. */
    static final int CLAIM_BATCH = 200;
    /**
     * Runs being prepared and spawned at once. Preparing is a transaction and spawning a fork: a
     * thousand due agents launched all at once would only make the two cores thrash, and the
     * claims and API requests wait behind them.
     */
    static final int LAUNCHERS = 4;
    /**
     * Runs whose end is being recorded at once. A thousand `true` processes end within a second;
     * recorded on unbounded threads their transactions took every pooled connection, and the
     * claims and API requests waited seconds for one.
     */
    static final int RECORDERS = 4;

    @Resource
    ManagedThreadFactory threads;

    @EJB
    RunLifecycle lifecycle;

    private RuntimeSettings settings;
    /** When this life of the node began, by the database's clock (before it claimed anything). */
    private OffsetDateTime bootedAt;
    private ExecutorService pool;
    private ThreadPoolExecutor launcher;
    private ThreadPoolExecutor recorder;
    private ScheduledExecutorService timers;
    private Adapters adapters;

    /** The runs this node is running: launching (no execution yet) or executing. */
    private final Map<UUID, Live> live = new ConcurrentHashMap<>();
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private final AtomicBoolean dispatchWanted = new AtomicBoolean();

    private static final class Live {
        volatile Execution execution;
        volatile RunLogFile log;
        volatile boolean stopWanted;
    }

    @PostConstruct
    void start() {
        settings = RuntimeSettings.current();
        // a cached pool: every live run blocks a few threads on its output streams, so a fixed
        // pool would let 100 quiet runs starve the 101st
        pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        launcher = new ThreadPoolExecutor(LAUNCHERS, LAUNCHERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        launcher.allowCoreThreadTimeOut(true);
        recorder = new ThreadPoolExecutor(RECORDERS, RECORDERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        recorder.allowCoreThreadTimeOut(true);
        timers = Executors.newScheduledThreadPool(1, threads);
        adapters = Adapters.standard(pool, timers);
        bootedAt = lifecycle.databaseNow();
    }

    @PreDestroy
    void stop() {
        // the processes must not outlive the server; their runs are reaped as lost on the next start
        live.values().forEach(run -> {
            if (run.execution != null) {
                run.execution.cancel();
            }
        });
        timers.shutdownNow();
        launcher.shutdownNow();
        recorder.shutdown();
        pool.shutdown();
    }

    public RuntimeSettings settings() {
        return settings;
    }

    public Set<UUID> tracked() {
        return Set.copyOf(live.keySet());
    }

    /** Starts due queued runs soon, on a pool thread; concurrent requests collapse into one claim loop. */
    public void requestDispatch() {
        dispatchWanted.set(true);
        if (dispatching.compareAndSet(false, true)) {
            pool.execute(this::dispatchLoop);
        }
    }

    public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunsQueued event) {
        requestDispatch();
    }

    public void onStop(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunsToStop event) {
        stopRuns(event.runIds());
    }

    /**
     * A company's or project's budget was used up by a committed transaction: its runs stop (in a
     * transaction of their own, see {@code BudgetExhausted} for why not in the crossing one).
     */
    public void onBudgetExhausted(@Observes(during = TransactionPhase.AFTER_SUCCESS) BudgetExhausted event) {
        try {
            stopRuns(lifecycle.stopForBudget(event.companyId(), event.projectId()));
        } catch (RuntimeException e) {
            // the claim and checkout refuse new work anyway; the runs still running end on their own
            LOG.log(Level.WARNING, "Stopping the runs of company " + event.companyId() + " after its budget was used up failed", e);
        }
    }

    private void dispatchLoop() {
        try {
            while (dispatchWanted.getAndSet(false)) {
                long start = System.nanoTime();
                long claiming = 0;
                int started = 0;
                List<UUID> claimed;
                do {
                    long claim = System.nanoTime();
                    claimed = lifecycle.claim(settings.node(), settings.lease(), CLAIM_BATCH);
                    claiming += System.nanoTime() - claim;
                    claimed.forEach(this::launch);
                    started += claimed.size();
                } while (!claimed.isEmpty());
                note("claimed " + started + " runs (claim statements " + claiming / 1_000_000 + " ms), handed to the"
                        + " launchers", started, start);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Claiming queued heartbeat runs failed; the next tick retries", e);
        } finally {
            dispatching.set(false);
        }
        if (dispatchWanted.get() && dispatching.compareAndSet(false, true)) {
            pool.execute(this::dispatchLoop);
        }
    }

    private void launch(UUID runId) {
        live.put(runId, new Live());
        launcher.execute(() -> run(runId));
    }

    private void run(UUID runId) {
        Live run = live.get(runId);
        RunPlan plan;
        try {
            plan = lifecycle.prepare(runId, settings).orElse(null);
        } catch (DomainException e) {
            // e.g. an env binding whose secret cannot be resolved: the reason names variable and secret, never a value
            LOG.log(Level.INFO, "Heartbeat run {0} cannot start: {1}", new Object[] {runId, e.getMessage()});
            end(runId, RunResult.failed(null, e instanceof SecretUnavailableException ? SecretUnavailableException.CODE
                    : "prepare_failed", "The run could not be prepared: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Preparing heartbeat run " + runId + " failed", e);
            end(runId, RunResult.failed(null, "prepare_failed", "The run could not be prepared: " + e.getClass().getSimpleName()));
            return;
        }
        if (plan == null) {
            live.remove(runId);
            return;
        }
        try {
            Files.createDirectories(plan.invocation().workDirectory());
            Files.createDirectories(plan.logFile().getParent());
            run.log = new RunLogFile(plan.logFile(), Redactor.forInvocation(plan.invocation()));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Run " + runId + ": cannot write its log or work directory", e);
            end(runId, RunResult.failed(null, "log_unwritable", "The run's log or work directory cannot be written"));
            return;
        }
        Execution execution;
        try {
            execution = adapters.forType(plan.adapterType()).invoke(plan.invocation(), run.log);
        } catch (AdapterException e) {
            run.log.system(e.getMessage());
            lifecycle.started(runId, null, null, plan.logFile(), plan.contextJson());
            end(runId, RunResult.failed(null, e.code(), e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Adapter " + plan.adapterType() + " failed to start run " + runId, e);
            end(runId, RunResult.failed(null, "adapter_failed", "The adapter failed to start: " + e.getClass().getSimpleName()));
            return;
        }
        run.execution = execution;
        try {
            lifecycle.started(runId, execution.process().map(ProcessHandle::pid).orElse(null),
                    execution.processStart().map(start -> start.atOffset(ZoneOffset.UTC)).orElse(null),
                    plan.logFile(), plan.contextJson());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Recording the start of run " + runId + " failed", e);
        }
        if (run.stopWanted) {
            execution.cancel();
        }
        execution.completion().whenCompleteAsync((result, failure) -> end(runId, result != null ? result
                : RunResult.failed(null, "adapter_failed", "The adapter failed: " + failure.getClass().getSimpleName())), recorder);
    }

    private void end(UUID runId, RunResult result) {
        Live run = live.get(runId);
        long bytes = 0;
        OffsetDateTime lastOutput = null;
        if (run != null && run.log != null) {
            bytes = run.log.bytesWritten();
            lastOutput = run.log.lastOutputAt().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null);
            try {
                run.log.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Run " + runId + ": closing its log failed", e);
            }
        }
        try {
            lifecycle.finish(runId, result, bytes, lastOutput);
        } catch (RuntimeException e) {
            // left running without a lease renewal: the reaper fails it once the lease runs out
            LOG.log(Level.WARNING, "Recording the end of run " + runId + " failed", e);
        } finally {
            live.remove(runId);
            deleteWorkDirectory(runId);
        }
        requestDispatch();
    }

    /** Stops these runs if they live here (gracefully, then forcefully: the adapter's cancel). */
    public void stopRuns(List<UUID> runIds) {
        for (UUID runId : runIds) {
            Live run = live.get(runId);
            if (run != null) {
                run.stopWanted = true;
                Execution execution = run.execution;
                if (execution != null) {
                    execution.cancel();
                }
            }
        }
    }

    /**
     * One scheduler tick's work for this node, in the order of execution-semantics §8: renew the
     * leases of live runs and note their output, stop runs asked to stop, reap orphaned runs, clear
     * stale issue locks, queue due timer heartbeats, start what is due.
     */
    public void tick(boolean firstTick) {
        long start = System.nanoTime();
        Set<UUID> here = tracked();
        lifecycle.renew(settings.node(), here, settings.lease());
        live.forEach((runId, run) -> {
            RunLogFile log = run.log;
            if (log != null) {
                log.lastOutputAt().ifPresent(at -> lifecycle.progress(runId, log.bytesWritten(), at.atOffset(ZoneOffset.UTC)));
            }
        });
        stopRuns(lifecycle.cancelRequested(settings.node()));
        int reaped = 0;
        // the first tick reaps what this node's previous life left running, and only that: runs it
        // claimed since it started are its own, even those not yet in `here`
        for (UUID orphan : lifecycle.orphans(settings.node(), firstTick ? bootedAt : null, here)) {
            killLeftovers(orphan);
            reaped += lifecycle.lose(orphan) ? 1 : 0;
        }
        int swept = lifecycle.sweepStaleLocks();
        int queued = 0;
        if (settings.enabled()) {
            int batch;
            do {
                batch = lifecycle.enqueueDueTimers(500);
                queued += batch;
            } while (batch == 500);
        }
        note("tick: " + here.size() + " live runs here, " + reaped + " reaped, " + swept + " stale issue locks cleared, "
                + queued + " timer runs queued", reaped + queued, start);
        requestDispatch();
    }

    /** Busy moments are worth a line in the server log (operators size nodes by them); quiet ones are not. */
    private static void note(String what, int count, long startNanos) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        Level level = count >= 100 || millis >= 1_000 ? Level.INFO : Level.FINE;
        if (LOG.isLoggable(level)) {
            LOG.log(level, "Heartbeat " + what + " in " + millis + " ms");
        }
    }

    /** A process that survived its server (kill -9 of the JVM) is stopped before its run is reaped. */
    private void killLeftovers(UUID runId) {
        lifecycle.process(runId, settings.node()).ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    private void deleteWorkDirectory(UUID runId) {
        Path directory = settings.workDirectory().resolve(runId.toString());
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Cannot delete " + path, e);
                }
            });
        } catch (IOException e) {
            LOG.log(Level.FINE, "Cannot clean " + directory, e);
        }
    }
}
