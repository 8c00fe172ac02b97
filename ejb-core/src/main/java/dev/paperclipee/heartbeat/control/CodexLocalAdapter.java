package dev.paperclipee.heartbeat.control;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code codex_local} adapter (api-contract "Local CLI adapters"): OpenAI Codex headless,
 * {@code codex exec --json --skip-git-repo-check [--dangerously-bypass-approvals-and-sandbox]
 * [--model m] [extraArgs…] [resume <session>] -}, the prompt on stdin.
 *
 * <p>Codex has no flag for extra instructions, and its own instruction files ({@code AGENTS.md}
 * in the working directory, skills under {@code CODEX_HOME}) belong to the user's project and
 * login. So the Paperclip skill (and the agent's {@code instructionsFilePath}) go in front of the
 * prompt on a new session; a resumed session already holds them and only gets a pointer to the
 * skill file, which is also written to the work directory. {@code --skip-git-repo-check}: the
 * default working directory, the run's work directory, is no git repository.
 *
 * <p>Config besides the shared keys ({@link LocalCliAdapter}): {@code dangerouslyBypassApprovalsAndSandbox}
 * (Codex's default sandbox has no network, so the agent cannot reach the Paperclip API without it
 * or a sandbox setting in {@code extraArgs}). The server's {@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL} and {@code CODEX_HOME} are passed on.
 *
 * <p>The stream: {@code {"type":"thread.started","thread_id"}} (the session),
 * {@code item.completed} items (an {@code agent_message} is the summary),
 * {@code {"type":"turn.completed","usage":{input_tokens, cached_input_tokens, output_tokens}}} or
 * {@code {"type":"turn.failed","error":{"message"}}}, and {@code {"type":"error","message"}}
 * notices. A failed turn fails the run even with exit code 0. Usage: provider {@code openai}, the
 * configured model (Codex does not name it in the stream), input = {@code input_tokens} minus the
 * cached part (Codex counts cached tokens inside {@code input_tokens}); no cost is reported.
 */
public final class CodexLocalAdapter extends LocalCliAdapter {

    public static final String TYPE = "codex_local";

    public CodexLocalAdapter(Executor executor, ScheduledExecutorService timer) {
        this(executor, timer, System.getenv());
    }

    CodexLocalAdapter(Executor executor, ScheduledExecutorService timer, Map<String, String> serverEnvironment) {
        super(executor, timer, serverEnvironment);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** What is wrong with {@code adapterConfig} for this adapter; empty when it can run. */
    public static List<ConfigProblem> validate(JsonObject adapterConfig) {
        AdapterConfig config = new AdapterConfig(adapterConfig);
        settings(config);
        return config.problems();
    }

    private static Settings settings(AdapterConfig config) {
        return new Settings(Common.read(config, "codex"), config.flag("dangerouslyBypassApprovalsAndSandbox", false));
    }

    @Override
    CommandLine commandLine(AdapterConfig config) {
        return settings(config);
    }

    @Override
    List<String> passThrough() {
        return List.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "CODEX_HOME");
    }

    private record Settings(Common common, boolean bypassSandbox) implements CommandLine {

        @Override
        public List<String> arguments(Invocation invocation, PaperclipSkill.Delivered skill) {
            List<String> args = new ArrayList<>(List.of("exec", "--json", "--skip-git-repo-check"));
            if (bypassSandbox) {
                args.add("--dangerously-bypass-approvals-and-sandbox");
            }
            if (common.model() != null) {
                args.addAll(List.of("--model", common.model()));
            }
            args.addAll(common.extraArgs());
            if (resumes(invocation)) {
                args.addAll(List.of("resume", invocation.sessionId()));
            }
            args.add("-");
            return args;
        }

        @Override
        public String stdin(Invocation invocation, PaperclipSkill.Delivered skill) {
            String instructions = resumes(invocation)
                    ? "(Your Paperclip instructions are in " + skill.instructions() + ".)"
                    : skill.text();
            return instructions + "\n\n---\n\n" + prompt(invocation);
        }

        @Override
        public RunInterpreter interpreter(Invocation invocation) {
            return new CodexStream(invocation, common.model());
        }

        private static boolean resumes(Invocation invocation) {
            return invocation.sessionId() != null && !invocation.sessionId().isBlank();
        }
    }

    /** Codex's {@code exec --json} events. */
    static final class CodexStream extends JsonStream {

        private final String model;
        private volatile String threadId;
        private volatile String lastMessage;
        private volatile String lastError;
        private volatile JsonObject usage;
        private volatile boolean completed;
        private volatile String turnFailure;

        CodexStream(Invocation invocation, String model) {
            super(invocation);
            this.model = model;
        }

        @Override
        void event(JsonObject event) {
            String type = string(event, "type");
            if (type == null) {
                return;
            }
            switch (type) {
                case "thread.started" -> threadId = string(event, "thread_id") == null ? threadId : string(event, "thread_id");
                case "item.completed" -> {
                    JsonObject item = object(event, "item");
                    String kind = string(item, "type") != null ? string(item, "type") : string(item, "item_type");
                    if (("agent_message".equals(kind) || "assistant_message".equals(kind)) && string(item, "text") != null) {
                        lastMessage = string(item, "text");
                    }
                }
                case "turn.completed" -> {
                    completed = true;
                    usage = object(event, "usage");
                }
                case "turn.failed" -> {
                    JsonObject error = object(event, "error");
                    String message = string(error, "message");
                    turnFailure = message == null ? "turn failed" : message;
                    noteUnknownSession(message);
                }
                case "error" -> {
                    // also sent for retried hiccups: only the reason of a failure, not one itself
                    lastError = string(event, "message");
                    noteUnknownSession(lastError);
                }
                default -> {
                    // turn.started, item.started/updated: only the log needs them
                }
            }
        }

        @Override
        public RunResult exited(int exitCode) {
            String failure = turnFailure != null ? excerpt(turnFailure, ERROR_CHARS) : null;
            RunResult base = failedOrExit(exitCode, failure, "codex", completed);
            if (base.errorCode() != null && base.errorCode().equals("exit_code") && lastError != null) {
                base = RunResult.failed(exitCode, "exit_code",
                        "codex exited with code " + exitCode + ": " + excerpt(lastError, ERROR_CHARS));
            }
            return withSession(base);
        }

        @Override
        public RunResult stopped(RunResult stop) {
            return withSession(stop);
        }

        private RunResult withSession(RunResult base) {
            JsonObject tokens = usage;
            Usage used = tokens == null ? null : new Usage("openai", model,
                    Math.max(0, count(tokens, "input_tokens") - count(tokens, "cached_input_tokens")),
                    count(tokens, "cached_input_tokens"), count(tokens, "output_tokens"), null);
            return base.withSession(session(base, threadId), used, excerpt(lastMessage, SUMMARY_CHARS));
        }
    }
}
