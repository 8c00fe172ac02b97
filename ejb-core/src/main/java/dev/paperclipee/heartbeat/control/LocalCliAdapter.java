package dev.paperclipee.heartbeat.control;

import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * What the local agent CLIs ({@code claude_local}, {@code codex_local}) share (api-contract
 * "Local CLI adapters"): they are child processes like the {@code process} adapter ({@link
 * ProcessRun}, same {@code cwd}, {@code env}, {@code timeoutSec}, {@code graceSec}), started with a
 * command line the adapter builds, the Paperclip skill delivered into the work directory, the
 * prompt on stdin, and a JSON stream on stdout that tells the session, the usage and whether the
 * agent itself failed.
 *
 * <p>Shared config: {@code command} (the executable, default {@code claude}/{@code codex}),
 * {@code model}, {@code extraArgs} (appended to the flags the adapter sets),
 * {@code instructionsFilePath} (the agent's own instructions, added after the Paperclip skill;
 * relative to the working directory), and the process settings.
 */
abstract class LocalCliAdapter implements AgentAdapter {

    /** Longest final message kept as the run's summary. */
    static final int SUMMARY_CHARS = 32 * 1024;
    /** Longest agent text quoted in a run's error. */
    static final int ERROR_CHARS = 500;
    /** Sent when the runtime gives no prompt: a CLI in print mode needs some input. */
    static final String DEFAULT_PROMPT = "Run one Paperclip heartbeat now, as your Paperclip skill describes.";

    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final Map<String, String> serverEnvironment;

    LocalCliAdapter(Executor executor, ScheduledExecutorService timer, Map<String, String> serverEnvironment) {
        this.executor = Objects.requireNonNull(executor);
        this.timer = Objects.requireNonNull(timer);
        this.serverEnvironment = Map.copyOf(serverEnvironment);
    }

    /** The config keys both CLIs read. */
    record Common(String command, String model, List<String> extraArgs, String instructionsFilePath,
            ProcessSettings process) {

        static Common read(AdapterConfig config, String defaultCommand) {
            String command = config.text("command", false);
            return new Common(command == null ? defaultCommand : command, config.text("model", false),
                    config.texts("extraArgs"), config.text("instructionsFilePath", false), new ProcessSettings(config));
        }

        Path instructions(Path directory) {
            if (instructionsFilePath == null) {
                return null;
            }
            Path path = Path.of(instructionsFilePath);
            return path.isAbsolute() || directory == null ? path : directory.resolve(path);
        }
    }

    /** One CLI's part: its arguments, its standard input, how it reads its stream. */
    interface CommandLine {

        Common common();

        /** The arguments after the executable. */
        List<String> arguments(Invocation invocation, PaperclipSkill.Delivered skill);

        String stdin(Invocation invocation, PaperclipSkill.Delivered skill);

        RunInterpreter interpreter(Invocation invocation);
    }

    /** Reads the whole config (recording problems) into this CLI's command line. */
    abstract CommandLine commandLine(AdapterConfig config);

    /** Names of the server's environment the CLI needs besides the base ones (its own credentials). */
    abstract List<String> passThrough();

    @Override
    public final Execution invoke(Invocation invocation, RunOutput output) throws AdapterException {
        AdapterConfig config = new AdapterConfig(invocation.adapterConfig());
        CommandLine cli = commandLine(config);
        config.requireValid();
        Common common = cli.common();
        PaperclipSkill.Delivered skill = PaperclipSkill.deliver(invocation.workDirectory(),
                common.instructions(common.process().directory(invocation)));
        List<String> command = new ArrayList<>();
        command.add(common.command());
        command.addAll(cli.arguments(invocation, skill));
        ProcessLaunch launch = common.process().launch(command, invocation, cli.stdin(invocation, skill),
                serverEnvironment, passThrough());
        return ProcessRun.start(launch, output, executor, timer, cli.interpreter(invocation));
    }

    static String prompt(Invocation invocation) {
        return invocation.prompt() == null || invocation.prompt().isBlank() ? DEFAULT_PROMPT : invocation.prompt();
    }

    /**
     * Reads a CLI's stdout as JSON lines (anything else is only logged) and watches stderr for a
     * session the CLI no longer knows, so that the runtime can drop it instead of resuming it
     * forever ({@code errorCode session_unknown}, no session in the result).
     */
    abstract static class JsonStream implements RunInterpreter {

        private static final Pattern UNKNOWN_SESSION = Pattern.compile(
                "no conversation found|unknown (session|thread)|(session|thread|conversation)\\b.{0,80}\\bnot found|no rollout found",
                Pattern.CASE_INSENSITIVE);

        private final Redactor redactor;
        private volatile boolean unknownSession;

        JsonStream(Invocation invocation) {
            this.redactor = Redactor.forInvocation(invocation);
        }

        @Override
        public boolean readsLines() {
            return true;
        }

        @Override
        public void line(RunOutput.Stream stream, String line) {
            if (stream == RunOutput.Stream.stderr) {
                noteUnknownSession(line);
                return;
            }
            String trimmed = line.trim();
            if (!trimmed.startsWith("{")) {
                return;
            }
            JsonObject event;
            try {
                event = JsonText.parse(trimmed);
            } catch (JsonException | ClassCastException | IllegalStateException notAnEvent) {
                return;
            }
            event(event);
        }

        /** One event of the stream. */
        abstract void event(JsonObject event);

        final void noteUnknownSession(String text) {
            if (text != null && UNKNOWN_SESSION.matcher(text).find()) {
                unknownSession = true;
            }
        }

        final boolean unknownSession() {
            return unknownSession;
        }

        /** Agent text fit for the run's error or summary: secrets masked, length bounded. */
        final String excerpt(String text, int max) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String masked = redactor.redact(text.strip());
            return masked.length() <= max ? masked : masked.substring(0, max) + "…";
        }

        /**
         * The end of a run whose stream reported no failure of its own, or the given failure; with
         * the session dropped when the CLI did not know it.
         */
        final RunResult failedOrExit(int exitCode, String failureText, String program, boolean sawResult) {
            if (unknownSession) {
                return RunResult.failed(exitCode, "session_unknown",
                        program + " could not resume the previous session" + suffix(failureText));
            }
            if (failureText != null) {
                return RunResult.failed(exitCode, "agent_error", program + " reported a failure" + suffix(failureText));
            }
            if (exitCode != 0) {
                return RunResult.failed(exitCode, "exit_code", program + " exited with code " + exitCode);
            }
            if (!sawResult) {
                return RunResult.failed(exitCode, "no_result", program + " ended without reporting a result");
            }
            return RunResult.succeeded(exitCode);
        }

        private static String suffix(String text) {
            return text == null ? "" : ": " + text;
        }

        /** The session to keep: none when the CLI did not know it. */
        final String session(RunResult result, String sessionId) {
            return "session_unknown".equals(result.errorCode()) ? null : sessionId;
        }
    }

    static long count(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        return value instanceof JsonNumber number ? Math.max(0, number.longValue()) : 0;
    }

    static String string(JsonObject object, String key) {
        return object == null ? null : object.getString(key, null);
    }

    static JsonObject object(JsonObject object, String key) {
        JsonValue value = object == null ? null : object.get(key);
        return value instanceof JsonObject member ? member : null;
    }
}
