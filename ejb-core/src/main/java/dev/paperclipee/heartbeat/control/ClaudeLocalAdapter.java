package dev.paperclipee.heartbeat.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code claude_local} adapter (api-contract "Local CLI adapters"): Claude Code in print mode,
 * {@code claude --print - --output-format stream-json --verbose [--resume <session>] [--model m]
 * [--max-turns n] [--dangerously-skip-permissions] --append-system-prompt-file <instructions>
 * --add-dir <skills> [extraArgs…]}, the prompt on stdin.
 *
 * <p>The Paperclip skill reaches Claude twice: as the appended system prompt (together with the
 * agent's {@code instructionsFilePath}), and as a skill bundle in a directory Claude may read.
 * Config besides the shared keys ({@link LocalCliAdapter}): {@code maxTurns},
 * {@code dangerouslySkipPermissions} (without it Claude in print mode cannot run the shell
 * commands a heartbeat needs, unless the agent's Claude settings allow them). The server's
 * {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_AUTH_TOKEN}, {@code ANTHROPIC_BASE_URL} and
 * {@code CLAUDE_CONFIG_DIR} are passed on.
 *
 * <p>The stream: {@code {"type":"system","subtype":"init","session_id","model"}} first,
 * {@code {"type":"assistant",…}} messages, and a final {@code {"type":"result","subtype",
 * "is_error","session_id","result","total_cost_usd","usage":{input_tokens,
 * cache_creation_input_tokens, cache_read_input_tokens, output_tokens}}}. A result with
 * {@code is_error} or an {@code error_*} subtype fails the run even with exit code 0. Usage:
 * provider {@code anthropic}; input = {@code input_tokens} + {@code cache_creation_input_tokens}
 * (both billed as uncached input), cached = {@code cache_read_input_tokens}.
 */
public final class ClaudeLocalAdapter extends LocalCliAdapter {

    public static final String TYPE = "claude_local";
    static final long MAX_TURNS = 10_000;

    public ClaudeLocalAdapter(Executor executor, ScheduledExecutorService timer) {
        this(executor, timer, System.getenv());
    }

    ClaudeLocalAdapter(Executor executor, ScheduledExecutorService timer, Map<String, String> serverEnvironment) {
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
        return new Settings(Common.read(config, "claude"), config.wholeNumber("maxTurns", 1, MAX_TURNS),
                config.flag("dangerouslySkipPermissions", false));
    }

    @Override
    CommandLine commandLine(AdapterConfig config) {
        return settings(config);
    }

    @Override
    List<String> passThrough() {
        return List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN", "ANTHROPIC_BASE_URL", "CLAUDE_CONFIG_DIR");
    }

    private record Settings(Common common, Long maxTurns, boolean skipPermissions) implements CommandLine {

        @Override
        public List<String> arguments(Invocation invocation, PaperclipSkill.Delivered skill) {
            List<String> args = new ArrayList<>(List.of("--print", "-", "--output-format", "stream-json", "--verbose"));
            if (invocation.sessionId() != null && !invocation.sessionId().isBlank()) {
                args.addAll(List.of("--resume", invocation.sessionId()));
            }
            if (common.model() != null) {
                args.addAll(List.of("--model", common.model()));
            }
            if (maxTurns != null) {
                args.addAll(List.of("--max-turns", maxTurns.toString()));
            }
            if (skipPermissions) {
                args.add("--dangerously-skip-permissions");
            }
            args.addAll(List.of("--append-system-prompt-file", skill.instructions().toString()));
            args.addAll(List.of("--add-dir", skill.skills().toString()));
            args.addAll(common.extraArgs());
            return args;
        }

        @Override
        public String stdin(Invocation invocation, PaperclipSkill.Delivered skill) {
            return prompt(invocation);
        }

        @Override
        public RunInterpreter interpreter(Invocation invocation) {
            return new ClaudeStream(invocation);
        }
    }

    /** Claude Code's stream-json output. */
    static final class ClaudeStream extends JsonStream {

        private volatile String sessionId;
        private volatile String model;
        private volatile String lastText;
        private volatile JsonObject result;

        ClaudeStream(Invocation invocation) {
            super(invocation);
        }

        @Override
        void event(JsonObject event) {
            String type = string(event, "type");
            if (type == null) {
                return;
            }
            String session = string(event, "session_id");
            switch (type) {
                case "system" -> {
                    if ("init".equals(string(event, "subtype"))) {
                        sessionId = session == null ? sessionId : session;
                        model = string(event, "model") == null ? model : string(event, "model");
                    }
                }
                case "assistant" -> {
                    String text = text(object(event, "message"));
                    if (text != null) {
                        lastText = text;
                    }
                }
                case "result" -> {
                    result = event;
                    sessionId = session == null ? sessionId : session;
                    noteUnknownSession(string(event, "result"));
                }
                default -> {
                    // tool use, user (tool results), stream events: only the log needs them
                }
            }
        }

        private static String text(JsonObject message) {
            JsonValue content = message == null ? null : message.get("content");
            if (!(content instanceof JsonArray blocks)) {
                return null;
            }
            StringBuilder text = new StringBuilder();
            for (JsonValue block : blocks) {
                if (block instanceof JsonObject part && "text".equals(string(part, "type")) && string(part, "text") != null) {
                    text.append(text.length() == 0 ? "" : "\n\n").append(string(part, "text"));
                }
            }
            return text.length() == 0 ? null : text.toString();
        }

        @Override
        public RunResult exited(int exitCode) {
            JsonObject end = result;
            String failure = null;
            if (end != null && (end.getBoolean("is_error", false)
                    || String.valueOf(string(end, "subtype")).startsWith("error"))) {
                String detail = excerpt(string(end, "result"), ERROR_CHARS);
                failure = "(" + string(end, "subtype") + ")" + (detail == null ? "" : " " + detail);
            }
            return withSession(failedOrExit(exitCode, failure, "claude", end != null));
        }

        @Override
        public RunResult stopped(RunResult stop) {
            return withSession(stop);
        }

        private RunResult withSession(RunResult base) {
            JsonObject end = result;
            String summary = end != null && string(end, "result") != null ? string(end, "result") : lastText;
            return base.withSession(session(base, sessionId), usage(end), excerpt(summary, SUMMARY_CHARS));
        }

        private Usage usage(JsonObject end) {
            if (end == null) {
                return null;
            }
            JsonObject tokens = object(end, "usage");
            JsonValue cost = end.get("total_cost_usd");
            BigDecimal usd = cost instanceof JsonNumber number ? number.bigDecimalValue() : null;
            return new Usage("anthropic", model != null ? model : firstModel(end),
                    count(tokens, "input_tokens") + count(tokens, "cache_creation_input_tokens"),
                    count(tokens, "cache_read_input_tokens"), count(tokens, "output_tokens"), usd);
        }

        /** Without an init event, the model named in the result's per-model usage. */
        private static String firstModel(JsonObject end) {
            JsonObject perModel = object(end, "modelUsage");
            return perModel == null || perModel.isEmpty() ? null : perModel.keySet().iterator().next();
        }
    }
}
