package dev.paperclipee.heartbeat.control;

import dev.paperclipee.heartbeat.entity.RunStatus;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.paperclipee.heartbeat.control.Fixtures.TOKEN;
import static dev.paperclipee.heartbeat.control.Fixtures.await;
import static dev.paperclipee.heartbeat.control.Fixtures.invocation;
import static dev.paperclipee.heartbeat.control.Fixtures.json;
import static dev.paperclipee.heartbeat.control.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claude_local adapter against a fake {@code claude} that speaks the real stream-json format. */
class ClaudeLocalAdapterTest {

    private static final String PROMPT = "You were assigned ACM-1. Work on it.\n";

    @RegisterExtension
    final AdapterThreads threads = new AdapterThreads();

    @TempDir
    Path work;
    @TempDir
    Path bin;
    @TempDir
    Path record;

    private ClaudeLocalAdapter adapter;
    private Path claude;

    @BeforeEach
    void start() throws Exception {
        adapter = new ClaudeLocalAdapter(threads.pool, threads.timer, Map.of("PATH", System.getenv("PATH"),
                "ANTHROPIC_API_KEY", "sk-ant-server-key-123", "SERVER_ONLY_SECRET", "not-for-agents"));
        claude = FakeCli.install(bin, "fake-claude.sh");
        Files.writeString(work.resolve("AGENTS.md"), "Be terse. Ship small steps.\n");
    }

    private JsonObject config(String mode, String extra) {
        return json("{'command':'" + claude + "','model':'claude-sonnet-4-5','env':{'FAKE_RECORD':'" + record + "','FAKE_MODE':'"
                + mode + "'}" + extra + "}");
    }

    private Execution invoke(JsonObject config, String sessionId, RunOutput output) throws AdapterException {
        return adapter.invoke(invocation(config, work, Map.of("PAPERCLIP_API_KEY", TOKEN), PROMPT, sessionId), output);
    }

    private List<String> recorded(String name) throws Exception {
        return Files.readAllLines(record.resolve(name));
    }

    @Test
    void aSuccessfulRunReportsSessionUsageCostAndSummary() throws Exception {
        Path log = work.resolve("run.ndjson");
        RunResult result;
        Invocation invocation = invocation(config("success", ",'maxTurns':7,'instructionsFilePath':'AGENTS.md',"
                + "'extraArgs':['--permission-mode','acceptEdits']"), work, Map.of("PAPERCLIP_API_KEY", TOKEN), PROMPT, null);
        try (RunLogFile file = new RunLogFile(log, Redactor.forInvocation(invocation))) {
            result = result(adapter.invoke(invocation, file));
        }

        assertAll(
                () -> assertEquals(RunStatus.succeeded, result.status()),
                () -> assertEquals(0, result.exitCode()),
                () -> assertEquals("sess-new-1", result.sessionId()),
                () -> assertEquals("Done: ACM-1 moved to in_review.", result.summary()),
                () -> assertEquals(new Usage("anthropic", "claude-sonnet-4-5-20250929", 112, 2000, 345, new BigDecimal("0.1234")),
                        result.usage()),
                () -> assertEquals(12, result.usage().costCents()));
        assertEquals(List.of("--print", "-", "--output-format", "stream-json", "--verbose", "--model", "claude-sonnet-4-5",
                "--max-turns", "7", "--append-system-prompt-file", work.resolve("paperclip-instructions.md").toString(),
                "--add-dir", work.resolve("skills").toString(), "--permission-mode", "acceptEdits"), recorded("args"));
        assertEquals(PROMPT, Files.readString(record.resolve("stdin")), "the prompt arrives on stdin");
        String log1 = Files.readString(log);
        assertTrue(log1.contains("\\\"type\\\":\\\"result\\\""), "the JSON stream is logged too");
        assertFalse(log1.contains(TOKEN), "the run token the agent printed is masked");
        assertTrue(log1.contains("Checking my assignments with key ***REDACTED***"), log1);
    }

    @Test
    void theSkillAndTheAgentsInstructionsAreDeliveredBeforeTheStart() throws Exception {
        result(invoke(config("success", ",'instructionsFilePath':'AGENTS.md'"), null, new RecordedOutput()));

        String skill = Files.readString(work.resolve("skills/paperclip/SKILL.md"));
        assertTrue(skill.startsWith("---\nname: paperclip\n"), skill);
        assertTrue(skill.contains("PAPERCLIP_API_KEY") && skill.contains("/checkout"), "it teaches the heartbeat");
        String instructions = Files.readString(work.resolve("paperclip-instructions.md"));
        assertTrue(instructions.startsWith(skill) && instructions.endsWith("Be terse. Ship small steps.\n"), instructions);
        assertEquals(List.of("---", "name: paperclip"), recorded("system-prompt"), "the file existed when claude started");
        assertEquals(List.of("SKILL.md"), recorded("skills"));
    }

    @Test
    void aStoredSessionIsResumed() throws Exception {
        RunResult result = result(invoke(config("success", ""), "sess-old-7", new RecordedOutput()));

        List<String> args = recorded("args");
        assertEquals(List.of("--resume", "sess-old-7"), args.subList(5, 7), args.toString());
        assertEquals("sess-old-7", result.sessionId());
    }

    @Test
    void anErrorResultFailsTheRunEvenWithExitCodeZero() throws Exception {
        RunResult result = result(invoke(config("error", ""), "sess-old-7", new RecordedOutput()));

        assertAll(
                () -> assertEquals(RunStatus.failed, result.status()),
                () -> assertEquals(0, result.exitCode()),
                () -> assertEquals("agent_error", result.errorCode()),
                () -> assertEquals("claude reported a failure: (error_max_turns) Reached the maximum number of turns", result.error()),
                () -> assertEquals("sess-old-7", result.sessionId(), "the session stays resumable"),
                () -> assertEquals(2, result.usage().costCents(), "the spend is still reported"));
    }

    @Test
    void anUnknownSessionIsDroppedSoTheNextRunStartsAfresh() throws Exception {
        RunResult result = result(invoke(config("unknown", ""), "sess-gone", new RecordedOutput()));

        assertEquals(RunStatus.failed, result.status());
        assertEquals("session_unknown", result.errorCode());
        assertNull(result.sessionId());
    }

    @Test
    void aCrashWithoutAResultFailsWithTheExitCode() throws Exception {
        RecordedOutput output = new RecordedOutput();
        RunResult result = result(invoke(config("crash", ""), null, output));

        assertEquals(RunStatus.failed, result.status());
        assertEquals("exit_code", result.errorCode());
        assertEquals(2, result.exitCode());
        assertNull(result.usage());
        assertTrue(output.text(RunOutput.Stream.stderr).contains("TypeError"));
    }

    @Test
    void aCancelledRunKeepsTheSessionItStarted() throws Exception {
        RecordedOutput output = new RecordedOutput();
        Execution execution = invoke(config("slow", ",'graceSec':1"), null, output);
        await("claude started its session", Duration.ofSeconds(5), () -> output.text(RunOutput.Stream.stdout).contains("\"init\""));

        execution.cancel();
        RunResult result = result(execution);

        assertEquals(RunStatus.cancelled, result.status());
        assertEquals("sess-new-1", result.sessionId());
        assertTrue(result.summary().startsWith("Checking my assignments"), result.summary());
        assertFalse(result.summary().contains(TOKEN), "the summary is masked too");
    }

    @Test
    void onlyTheCliCredentialsOfTheServerArePassedOn() throws Exception {
        result(invoke(config("success", ""), null, new RecordedOutput()));

        assertEquals(List.of("sk-ant-server-key-123", "unset"), recorded("env"));
    }

    @Test
    void validation() {
        assertEquals(List.of(), ClaudeLocalAdapter.validate(json("{}")), "every key has a default");
        List<ConfigProblem> problems = ClaudeLocalAdapter.validate(json(
                "{'maxTurns':0,'extraArgs':'--x','dangerouslySkipPermissions':'yes','model':5,'timeoutSec':2.5}"));
        assertEquals(List.of(List.of("adapterConfig", "model"), List.of("adapterConfig", "extraArgs"),
                List.of("adapterConfig", "timeoutSec"), List.of("adapterConfig", "maxTurns"),
                List.of("adapterConfig", "dangerouslySkipPermissions")), problems.stream().map(ConfigProblem::path).toList());
    }
}
