package dev.paperclipee.heartbeat.control;

import dev.paperclipee.heartbeat.entity.RunStatus;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.paperclipee.heartbeat.control.Fixtures.await;
import static dev.paperclipee.heartbeat.control.Fixtures.invocation;
import static dev.paperclipee.heartbeat.control.Fixtures.json;
import static dev.paperclipee.heartbeat.control.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process adapter with real child processes (spec §11.2). */
class ProcessAdapterTest {

    @RegisterExtension
    final AdapterThreads threads = new AdapterThreads();

    @TempDir
    Path work;

    private ProcessAdapter adapter;
    private final RecordedOutput output = new RecordedOutput();

    @BeforeEach
    void start() {
        adapter = new ProcessAdapter(threads.pool, threads.timer, Map.of("PATH", System.getenv("PATH"), "HOME", "/home/server",
                "DATABASE_PASSWORD", "server-db-password", "LANG", "C.UTF-8"));
    }

    private Execution run(String script, String extraConfig) throws AdapterException {
        JsonObject config = json("{'command':'sh','args':['-c'," + quoted(script) + "]" + extraConfig + "}");
        return adapter.invoke(invocation(config, work), output);
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\\"") + "'";
    }

    @Test
    void echoSucceedsWithBothStreamsAndSystemLinesLogged() throws Exception {
        Execution execution = run("echo hello; echo oops >&2", "");

        RunResult result = result(execution);

        assertEquals(RunStatus.succeeded, result.status());
        assertEquals(0, result.exitCode());
        assertEquals(List.of("hello\n"), output.chunks(RunOutput.Stream.stdout));
        assertEquals(List.of("oops\n"), output.chunks(RunOutput.Stream.stderr));
        List<String> system = output.chunks(RunOutput.Stream.system);
        assertTrue(system.get(0).startsWith("Started sh (pid "), system.toString());
        assertTrue(system.get(system.size() - 1).contains("exited with code 0"), system.toString());
        assertFalse(execution.alive());
        assertTrue(execution.process().isPresent());
    }

    @Test
    void nonZeroExitFailsWithTheCode() throws Exception {
        RunResult result = result(run("exit 3", ""));

        assertAll(
                () -> assertEquals(RunStatus.failed, result.status()),
                () -> assertEquals(3, result.exitCode()),
                () -> assertEquals("exit_code", result.errorCode()),
                () -> assertEquals("Process exited with code 3", result.error()));
    }

    @Test
    void argumentsAreNeverShownInTheLog() throws Exception {
        JsonObject config = json("{'command':'sh','args':['-c','exit 0','--token=supersecret-arg']}");

        result(adapter.invoke(invocation(config, work), output));

        assertFalse(output.all().contains("supersecret-arg"), output.all());
    }

    @Test
    void timeoutStopsTheProcessAsTimedOut() throws Exception {
        long started = System.nanoTime();
        Execution execution = run("exec sleep 30", ",'timeoutSec':1,'graceSec':1");

        RunResult result = result(execution);

        assertEquals(RunStatus.timed_out, result.status());
        assertEquals("timeout", result.errorCode());
        assertNull(result.exitCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
        assertFalse(execution.process().orElseThrow().isAlive());
        assertTrue(output.text(RunOutput.Stream.system).contains("Timed out after 1 s"), output.all());
    }

    @Test
    void cancelEndsASleepingProcessWithSigtermWithoutWaitingForTheGrace() throws Exception {
        Execution execution = run("exec sleep 30", ",'graceSec':30");
        long started = System.nanoTime();

        execution.cancel();
        RunResult result = result(execution);

        assertEquals(RunStatus.cancelled, result.status());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "SIGTERM ended it, no SIGKILL needed");
        assertFalse(output.text(RunOutput.Stream.system).contains("SIGKILL sent"), output.all());
        execution.cancel();
        assertEquals(RunStatus.cancelled, result(execution).status(), "a second cancel changes nothing");
    }

    @Test
    void aTreeThatIgnoresSigtermIsKilledAfterTheGraceGrandchildIncluded() throws Exception {
        Files.writeString(work.resolve("child.sh"), "sleep 60 &\necho \"grandchild $!\"\nwait\n");
        Execution execution = run("trap '' TERM; sh child.sh & wait", ",'graceSec':1");
        Pattern pid = Pattern.compile("grandchild (\\d+)");
        await("the grandchild reports its pid", Duration.ofSeconds(5), () -> pid.matcher(output.text(RunOutput.Stream.stdout)).find());
        Matcher matcher = pid.matcher(output.text(RunOutput.Stream.stdout));
        assertTrue(matcher.find());
        ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(matcher.group(1))).orElseThrow();
        ProcessHandle root = execution.process().orElseThrow();
        List<ProcessHandle> tree = root.descendants().toList();
        assertTrue(tree.size() >= 2, "sh, its child sh and sleep: " + tree);

        execution.cancel();
        RunResult result = result(execution);

        assertEquals(RunStatus.cancelled, result.status());
        assertTrue(output.text(RunOutput.Stream.system).contains("SIGKILL sent to"), output.all());
        await("the whole tree is gone", Duration.ofSeconds(10),
                () -> !root.isAlive() && !grandchild.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void largeOutputIsLoggedCompletelyInOrder() throws Exception {
        Path log = work.resolve("run.ndjson");
        Execution execution;
        try (RunLogFile file = new RunLogFile(log, Redactor.none())) {
            JsonObject config = json("{'command':'sh','args':['-c'," + quoted("yes " + "0123456789".repeat(10)
                    + " | head -c 5242880; head -c 40000 /dev/zero | tr '\\000' y") + "]}");
            execution = adapter.invoke(invocation(config, work), file);
            assertEquals(RunStatus.succeeded, result(execution).status());
        }
        long next = 0;
        long expectedSeq = 0;
        StringBuilder stdout = new StringBuilder();
        int longest = 0;
        while (true) {
            RunLogFile.Page page = RunLogFile.read(log, next, 256 * 1024);
            if (page.chunks().isEmpty()) {
                break;
            }
            for (RunLogFile.Chunk chunk : page.chunks()) {
                assertEquals(expectedSeq++, chunk.seq());
                if (chunk.stream() == RunOutput.Stream.stdout) {
                    stdout.append(chunk.chunk());
                    longest = Math.max(longest, chunk.chunk().length());
                }
            }
            next = page.nextOffset();
        }
        assertEquals(Files.size(log), next);
        assertEquals(5242880 + 40000, stdout.length());
        assertTrue(stdout.toString().endsWith("y".repeat(40000)));
        assertEquals(OutputPump.CHUNK_CHARS, longest, "a never-ending line is cut into bounded chunks");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        RunResult result = result(run("printf '\\377\\376ok\\n'", ""));

        assertEquals(RunStatus.succeeded, result.status());
        assertEquals("\uFFFD\uFFFDok\n", output.text(RunOutput.Stream.stdout));
    }

    @Test
    void thePromptReachesTheChildOnStdin() throws Exception {
        JsonObject config = json("{'command':'cat'}");
        String prompt = "Wake up, Ada.\nYour issue ACM-1 is assigned to you.\n";

        RunResult result = result(adapter.invoke(invocation(config, work, Map.of(), prompt, null), output));

        assertEquals(RunStatus.succeeded, result.status());
        assertEquals(prompt, output.text(RunOutput.Stream.stdout));
    }

    @Test
    void environmentIsMinimalInvocationWinsAndConfigCannotSetPaperclipNames() throws Exception {
        JsonObject config = json("{'command':'env','env':{'A':'config','B':'config','HOME':'/config/home',"
                + "'PAPERCLIP_API_KEY':'forged-key','PAPERCLIP_RUN_ID':'forged-run','PLAIN':{'type':'plain','value':'bound'}}}");
        Map<String, String> environment = Map.of("B", "invocation", "PAPERCLIP_API_KEY", "run-token-value");

        RunResult result = result(adapter.invoke(invocation(config, work, environment, null, null), output));

        assertEquals(RunStatus.succeeded, result.status());
        Map<String, String> child = new HashMap<>();
        for (String line : output.text(RunOutput.Stream.stdout).split("\n")) {
            int eq = line.indexOf('=');
            child.put(line.substring(0, eq), line.substring(eq + 1));
        }
        assertAll(
                () -> assertEquals("config", child.get("A")),
                () -> assertEquals("invocation", child.get("B")),
                () -> assertEquals("/config/home", child.get("HOME")),
                () -> assertEquals("bound", child.get("PLAIN")),
                () -> assertEquals("run-token-value", child.get("PAPERCLIP_API_KEY")),
                () -> assertFalse(child.containsKey("PAPERCLIP_RUN_ID"), "not set by the invocation, not taken from config"),
                () -> assertFalse(child.containsKey("DATABASE_PASSWORD"), "the server's environment is not inherited"),
                () -> assertEquals("C.UTF-8", child.get("LANG")));
        String system = output.text(RunOutput.Stream.system);
        assertTrue(system.contains("PAPERCLIP_API_KEY") && system.contains("PAPERCLIP_RUN_ID"), system);
        assertFalse(system.contains("forged"), system);
    }

    @Test
    void workingDirectoryDefaultsToTheWorkDirectoryAndResolvesRelativeCwd() throws Exception {
        Files.createDirectory(work.resolve("repo"));
        RecordedOutput second = new RecordedOutput();

        result(adapter.invoke(invocation(json("{'command':'pwd'}"), work), output));
        result(adapter.invoke(invocation(json("{'command':'pwd','cwd':'repo'}"), work), second));

        assertEquals(work.toRealPath() + "\n", output.text(RunOutput.Stream.stdout));
        assertEquals(work.resolve("repo").toRealPath() + "\n", second.text(RunOutput.Stream.stdout));
    }

    @Test
    void aMissingExecutableOrDirectoryCannotStart() {
        AdapterException missing = assertThrows(AdapterException.class,
                () -> adapter.invoke(invocation(json("{'command':'no-such-program-here'}"), work), output));
        AdapterException badCwd = assertThrows(AdapterException.class,
                () -> adapter.invoke(invocation(json("{'command':'pwd','cwd':'/no/such/dir'}"), work), output));

        assertEquals("spawn_failed", missing.code());
        assertTrue(missing.getMessage().contains("no-such-program-here"), missing.getMessage());
        assertEquals("spawn_failed", badCwd.code());
    }

    @Test
    void anInvalidConfigIsRefusedAtInvoke() {
        AdapterException invalid = assertThrows(AdapterException.class,
                () -> adapter.invoke(invocation(json("{'args':['x']}"), work), output));

        assertEquals("adapter_config_invalid", invalid.code());
        assertTrue(invalid.getMessage().contains("adapterConfig.command: is required"), invalid.getMessage());
    }

    @Test
    void validationNamesEveryBadField() {
        List<ConfigProblem> problems = ProcessAdapter.validate(json(
                "{'args':['ok',3],'env':{'A':1},'timeoutSec':1.5,'graceSec':-1,'cwd':7}"));

        assertEquals(List.of(
                List.of("adapterConfig", "command"),
                List.of("adapterConfig", "args", "1"),
                List.of("adapterConfig", "cwd"),
                List.of("adapterConfig", "env", "A"),
                List.of("adapterConfig", "timeoutSec"),
                List.of("adapterConfig", "graceSec")), problems.stream().map(ConfigProblem::path).toList());
        assertEquals("required", problems.get(0).code());
        assertEquals(List.of(), ProcessAdapter.validate(json(
                "{'command':'node','args':['agent.js'],'env':{'A':'1'},'timeoutSec':900,'graceSec':0,'cwd':'/srv','other':true}")));
        assertEquals("out_of_range", ProcessAdapter.validate(json("{'command':'x','timeoutSec':0}")).get(0).code());
        assertEquals("invalid_type", ProcessAdapter.validate(json("{'command':'x','timeoutSec':'10'}")).get(0).code());
        assertEquals(Optional.of("invalid_type"), ProcessAdapter.validate(json("{'command':['x']}")).stream().map(ConfigProblem::code).findFirst());
    }
}
