package dev.paperclipee.demo.boundary;

import dev.paperclipee.demo.control.DemoAgentProgram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirstRunTest {

    @Test
    void theDemoIsOnUnlessSwitchedOffAndThePropertyWins() {
        assertTrue(FirstRun.enabled(Map.<String, String>of()::get, null));
        assertTrue(FirstRun.enabled(Map.<String, String>of()::get, "true"));
        assertFalse(FirstRun.enabled(Map.<String, String>of()::get, "false"));
        assertFalse(FirstRun.enabled(Map.<String, String>of()::get, " FALSE "));
        assertFalse(FirstRun.enabled(Map.of("paperclip.seed.demo", "false")::get, "true"));
        assertTrue(FirstRun.enabled(Map.of("paperclip.seed.demo", "true")::get, "false"));
    }

    @Test
    void theShippedAgentIsWrittenIntoTheDataDirectoryAndRunByThisJvmsJava(@TempDir Path data) throws Exception {
        Path program = DemoAgentProgram.extract(data);
        assertTrue(program.endsWith(Path.of("demo-agent", "WorkerAgent.java")));
        assertTrue(Files.readString(program).contains("public class WorkerAgent"));
        DemoAgentProgram.extract(data); // again: replaced, not failed
        assertTrue(Files.isExecutable(Path.of(DemoAgentProgram.javaCommand())));
    }
}
