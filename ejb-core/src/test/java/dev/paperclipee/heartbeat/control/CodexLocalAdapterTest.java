package dev.paperclipee.heartbeat.control;

import dev.paperclipee.heartbeat.entity.RunStatus;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.paperclipee.heartbeat.control.Fixtures.TOKEN;
import static dev.paperclipee.heartbeat.control.Fixtures.invocation;
import static dev.paperclipee.heartbeat.control.Fixtures.json;
import static dev.paperclipee.heartbeat.control.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The codex_local adapter against a fake {@code codex} that speaks the real {@code exec --json} format. */
class CodexLocalAdapterTest {

    private static final String PROMPT = "You were assigned ACM-2. Work on it.";

    @RegisterExtension
    final AdapterThreads threads = new AdapterThreads();

    @TempDir
    Path work;
    @TempDir
    Path bin;
    @TempDir
    Path record;

    private CodexLocalAdapter adapter;
    private Path codex;

    @BeforeEach
    void start() throws Exception {
        adapter = new CodexLocalAdapter(threads.pool, threads.timer, Map.of("PATH", System.getenv("PATH"), "OPENAI_API_KEY", "sk-openai-server-1"));
        codex = FakeCli.install(bin, "fake-codex.sh");
    }

    private RunResult run(String mode, String extra, String sessionId) throws Exception {
        JsonObject config = json("{'command':'" + codex + "','model':'gpt-5-codex','env':{'FAKE_RECORD':'" + record
                + "','FAKE_MODE':'" + mode + "'}" + extra + "}");
        return result(adapter.invoke(invocation(config, work, Map.of("PAPERCLIP_API_KEY", TOKEN), PROMPT, sessionId),
                new RecordedOutput()));
    }

    private List<String> recorded(String name) throws Exception {
        return Files.readAllLines(record.resolve(name));
    }

    @Test
    void aCompletedTurnReportsThreadUsageAndTheLastMessage() throws Exception {
        RunResult result = run("success", "", null);

        assertAll(
                () -> assertEquals(RunStatus.succeeded, result.status()),
                () -> assertEquals("thread-new-1", result.sessionId()),
                () -> assertEquals("Done with ACM-2.", result.summary()),
                () -> assertEquals(new Usage("openai", "gpt-5-codex", 1000, 4000, 300, null), result.usage()),
                () -> assertEquals(0, result.usage().costCents()));
        assertEquals(List.of("exec", "--json", "--skip-git-repo-check", "--model", "gpt-5-codex", "-"), recorded("args"));
        String stdin = Files.readString(record.resolve("stdin"));
        assertTrue(stdin.startsWith(PaperclipSkill.text()), "a new session gets the Paperclip skill first");
        assertTrue(stdin.endsWith("\n\n---\n\n" + PROMPT), stdin);
        assertTrue(Files.exists(work.resolve("skills/paperclip/SKILL.md")));
        assertEquals(List.of("sk-openai-server-1"), recorded("env"));
    }

    @Test
    void aStoredThreadIsResumedWithAPointerToTheInstructions() throws Exception {
        RunResult result = run("success", ",'dangerouslyBypassApprovalsAndSandbox':true,'extraArgs':['-c','model_reasoning_effort=high']",
                "thread-old-3");

        assertEquals(List.of("exec", "--json", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox",
                "--model", "gpt-5-codex", "-c", "model_reasoning_effort=high", "resume", "thread-old-3", "-"), recorded("args"));
        assertEquals("thread-old-3", result.sessionId());
        String stdin = Files.readString(record.resolve("stdin"));
        assertTrue(stdin.startsWith("(Your Paperclip instructions are in " + work.resolve("paperclip-instructions.md")), stdin);
    }

    @Test
    void aFailedTurnFailsTheRunEvenWithExitCodeZero() throws Exception {
        RunResult result = run("fail", "", null);

        assertAll(
                () -> assertEquals(RunStatus.failed, result.status()),
                () -> assertEquals(0, result.exitCode()),
                () -> assertEquals("agent_error", result.errorCode()),
                () -> assertEquals("codex reported a failure: stream disconnected before completion", result.error()),
                () -> assertEquals("thread-new-1", result.sessionId()),
                () -> assertNull(result.usage()));
    }

    @Test
    void anUnknownThreadIsDropped() throws Exception {
        RunResult result = run("unknown", "", "thread-gone");

        assertEquals("session_unknown", result.errorCode());
        assertNull(result.sessionId());
    }

    @Test
    void validation() {
        assertEquals(List.of(), CodexLocalAdapter.validate(json("{'model':'o4-mini','extraArgs':['--oss']}")));
        assertEquals(List.of(List.of("adapterConfig", "dangerouslyBypassApprovalsAndSandbox")),
                CodexLocalAdapter.validate(json("{'dangerouslyBypassApprovalsAndSandbox':1}")).stream().map(ConfigProblem::path).toList());
    }
}
