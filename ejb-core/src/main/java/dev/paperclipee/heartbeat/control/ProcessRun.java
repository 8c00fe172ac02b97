package dev.paperclipee.heartbeat.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running child process (spec §11.2): output pumped to the run log, a deadline, and a stop that
 * reaches the whole process tree, SIGTERM first and SIGKILL after the grace period. Shared by the
 * process adapter and the agent CLI adapters, which differ only in the command line and in the
 * {@link RunInterpreter} that reads the output.
 *
 * <p>The completion comes once the process has exited and both output streams are drained (the
 * JDK closes a child's pipes when it exits, so a background grandchild holding them does not hold
 * up the run). A stopped run also waits until every process it signalled is gone or has been sent
 * SIGKILL, so that "cancelled" means nothing of the run is left working. Descendants of a process
 * that exits by itself are not hunted: once orphaned they are no longer its descendants.
 */
final class ProcessRun implements Execution {

    private enum Stop { NONE, CANCELLED, TIMED_OUT }

    private static final Pattern ERRNO = Pattern.compile("error=\\d+, (.+)$");

    private final Process process;
    private final ProcessLaunch launch;
    private final Executor executor;
    private final RunOutput output;
    private final ScheduledExecutorService timer;
    private final RunInterpreter interpreter;
    private final CompletableFuture<RunResult> completion = new CompletableFuture<>();
    private final AtomicReference<Stop> stop = new AtomicReference<>(Stop.NONE);
    private final Set<ProcessHandle> signalled = ConcurrentHashMap.newKeySet();
    /** Completes when a stopped tree is gone or has been sent SIGKILL. */
    private final CompletableFuture<Void> settled = new CompletableFuture<>();
    private volatile ScheduledFuture<?> deadline;
    private volatile ScheduledFuture<?> kill;

    private ProcessRun(Process process, ProcessLaunch launch, Executor executor, RunOutput output,
            ScheduledExecutorService timer, RunInterpreter interpreter) {
        this.process = process;
        this.launch = launch;
        this.executor = executor;
        this.output = output;
        this.timer = timer;
        this.interpreter = interpreter;
    }

    /**
     * Spawns the process and starts pumping its output; returns as soon as it runs.
     *
     * @param executor runs the two output pumps and the stdin writer for as long as the process lives
     * @param timer    runs the deadline and the SIGKILL after the grace period
     * @throws AdapterException {@code spawn_failed}: no such executable or working directory, or no
     *                          thread to read the output with
     */
    static ProcessRun start(ProcessLaunch launch, RunOutput output, Executor executor,
            ScheduledExecutorService timer, RunInterpreter interpreter) throws AdapterException {
        if (launch.directory() == null || !Files.isDirectory(launch.directory())) {
            throw new AdapterException("spawn_failed", "Working directory does not exist: " + launch.directory());
        }
        ProcessBuilder builder = new ProcessBuilder(launch.command()).directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AdapterException("spawn_failed", "Could not start " + launch.program() + ": " + reason(e), e);
        }
        ProcessRun run = new ProcessRun(process, launch, executor, output, timer, interpreter);
        run.begin();
        return run;
    }

    private static String reason(IOException e) {
        Matcher errno = ERRNO.matcher(String.valueOf(e.getMessage()));
        return errno.find() ? errno.group(1) : "it cannot be executed";
    }

    private void begin() throws AdapterException {
        output.system("Started " + launch.program() + " (pid " + process.pid() + ") in " + launch.directory());
        if (!launch.ignored().isEmpty()) {
            output.system("Ignored adapterConfig.env names reserved for Paperclip: " + String.join(", ", launch.ignored()));
        }
        CompletableFuture<Void> stdout;
        CompletableFuture<Void> stderr;
        try {
            stdout = CompletableFuture.runAsync(pump(RunOutput.Stream.stdout), executor);
            stderr = CompletableFuture.runAsync(pump(RunOutput.Stream.stderr), executor);
            executor.execute(this::feedStdin);
            deadline = timer.schedule(this::timeOut, launch.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            tree(process.toHandle()).forEach(ProcessHandle::destroyForcibly);
            throw new AdapterException("spawn_failed", "No thread available to run " + launch.program(), e);
        }
        CompletableFuture.allOf(process.onExit(), stdout, stderr).whenComplete((done, failure) -> afterExit());
    }

    private OutputPump pump(RunOutput.Stream stream) {
        Consumer<String> lines = interpreter.readsLines() ? line -> interpreter.line(stream, line) : null;
        return new OutputPump(stream == RunOutput.Stream.stdout ? process.getInputStream() : process.getErrorStream(),
                stream, output, lines);
    }

    private void feedStdin() {
        try (OutputStream stdin = process.getOutputStream()) {
            if (launch.stdin() != null) {
                stdin.write(launch.stdin().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException notReading) {
            // the child exited or closed its stdin without reading the prompt: its exit code tells the rest
        }
    }

    private void afterExit() {
        Stop how = stop.get();
        if (how == Stop.NONE) {
            onExecutor(() -> finish(how));
        } else {
            settled.whenComplete((done, failure) -> onExecutor(() -> finish(how)));
        }
    }

    /**
     * Runs the end on the given (managed) executor rather than on the JDK's process reaper thread,
     * so that whatever the runtime chains to the completion runs with the container's context.
     */
    private void onExecutor(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException shuttingDown) {
            task.run();
        }
    }

    private void finish(Stop how) {
        cancelTimer(deadline);
        cancelTimer(kill);
        int exit = process.exitValue();
        RunResult result;
        try {
            result = switch (how) {
                case NONE -> {
                    output.system(describe(exit));
                    yield interpreter.exited(exit);
                }
                case CANCELLED -> {
                    output.system("Stopped after cancel; " + describe(exit));
                    yield interpreter.stopped(RunResult.cancelled("Cancelled"));
                }
                case TIMED_OUT -> {
                    output.system("Stopped after timeout; " + describe(exit));
                    yield interpreter.stopped(RunResult.timedOut("Timed out after " + seconds(launch.timeout())));
                }
            };
        } catch (RuntimeException e) {
            result = RunResult.failed(exit, "adapter_error", "Could not read the run's outcome (" + e.getClass().getSimpleName() + ")");
        }
        completion.complete(result);
    }

    private static String describe(int exit) {
        // the JDK reports a process killed by signal N as 128 + N
        return exit > 128 && exit < 160
                ? "process exited with code " + exit + " (signal " + (exit - 128) + ")"
                : "process exited with code " + exit;
    }

    private static void cancelTimer(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }

    @Override
    public CompletionStage<RunResult> completion() {
        return completion.minimalCompletionStage();
    }

    @Override
    public boolean alive() {
        return !completion.isDone();
    }

    @Override
    public void cancel() {
        if (process.isAlive() && stop.compareAndSet(Stop.NONE, Stop.CANCELLED)) {
            terminate("Cancel requested");
        }
    }

    private void timeOut() {
        if (process.isAlive() && stop.compareAndSet(Stop.NONE, Stop.TIMED_OUT)) {
            terminate("Timed out after " + seconds(launch.timeout()));
        }
    }

    /** SIGTERM to the process and every descendant; SIGKILL to whatever is left after the grace period. */
    private void terminate(String why) {
        List<ProcessHandle> tree = tree(process.toHandle());
        signalled.addAll(tree);
        // descendants first: a parent that dies first would orphan them before they are signalled
        for (int i = tree.size() - 1; i >= 0; i--) {
            tree.get(i).destroy();
        }
        output.system(why + ": SIGTERM sent to " + tree.size() + " process(es); SIGKILL follows after "
                + seconds(launch.grace()));
        CompletableFuture.allOf(tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                .whenComplete((gone, failure) -> settled.complete(null));
        try {
            kill = timer.schedule(this::forceKill, launch.grace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            forceKill();
        }
    }

    private void forceKill() {
        Set<ProcessHandle> survivors = new LinkedHashSet<>();
        for (ProcessHandle handle : signalled) {
            if (handle.isAlive()) {
                survivors.addAll(tree(handle));
            }
        }
        survivors.addAll(tree(process.toHandle()));
        survivors.removeIf(handle -> !handle.isAlive());
        if (!survivors.isEmpty()) {
            output.system("Grace period of " + seconds(launch.grace()) + " over: SIGKILL sent to "
                    + survivors.size() + " process(es)");
            survivors.forEach(ProcessHandle::destroyForcibly);
        }
        settled.complete(null);
    }

    /** The process and its live descendants, root first; empty when the root is gone. */
    private static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        if (root.isAlive()) {
            tree.add(root);
            root.descendants().forEach(tree::add);
        }
        return tree;
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(process.toHandle());
    }
}
