package dev.paperclipee.heartbeat.control;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code process} adapter (spec §11.2): runs {@code command} with {@code args} as a child
 * process, the prompt on its standard input, its output in the run log; exit code 0 is success.
 *
 * <p>Config: {@code command} (required), {@code args} (strings), {@code cwd} (default: the run's
 * work directory; relative to it when relative), {@code env} (strings; {@code PAPERCLIP_*} names
 * are ignored), {@code timeoutSec} (default: {@link Invocation#defaultTimeout()}), {@code graceSec}
 * (between SIGTERM and SIGKILL, default 15). The child's environment: see {@link ProcessSettings}.
 */
public final class ProcessAdapter implements AgentAdapter {

    public static final String TYPE = "process";

    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Map<String, String> serverEnvironment;

    /**
     * @param executor runs two output pumps and a stdin writer per run, for as long as the process
     *                 lives (the runtime passes a managed executor)
     * @param timer    runs deadlines and the SIGKILL after the grace period
     */
    public ProcessAdapter(Executor executor, ScheduledExecutorService timer) {
        this(executor, timer, System.getenv());
    }

    /** With the server environment the child's base variables come from (tests pass their own). */
    ProcessAdapter(Executor executor, ScheduledExecutorService timer, Map<String, String> serverEnvironment) {
        this.executor = Objects.requireNonNull(executor);
        this.timer = Objects.requireNonNull(timer);
        this.serverEnvironment = Map.copyOf(serverEnvironment);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** What is wrong with {@code adapterConfig} for this adapter; empty when it can run. */
    public static List<ConfigProblem> validate(JsonObject adapterConfig) {
        AdapterConfig config = new AdapterConfig(adapterConfig);
        read(config);
        return config.problems();
    }

    private static Settings read(AdapterConfig config) {
        String command = config.text("command", true);
        List<String> args = config.texts("args");
        return new Settings(command, args, new ProcessSettings(config));
    }

    private record Settings(String command, List<String> args, ProcessSettings process) {
    }

    @Override
    public Execution invoke(Invocation invocation, RunOutput output) throws AdapterException {
        AdapterConfig config = new AdapterConfig(invocation.adapterConfig());
        Settings settings = read(config);
        config.requireValid();
        List<String> command = new ArrayList<>();
        command.add(settings.command());
        command.addAll(settings.args());
        ProcessLaunch launch = settings.process().launch(command, invocation, invocation.prompt(), serverEnvironment, List.of());
        return ProcessRun.start(launch, output, executor, timer, new ExitCode());
    }

    /** A plain process tells how it went by its exit code only. */
    private static final class ExitCode implements RunInterpreter {

        @Override
        public RunResult exited(int exitCode) {
            return exitCode == 0
                    ? RunResult.succeeded(0)
                    : RunResult.failed(exitCode, "exit_code", "Process exited with code " + exitCode);
        }
    }
}
