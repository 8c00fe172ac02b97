package dev.paperclipee.demo.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The demo agent shipped inside the application: {@code docs/examples/agents/WorkerAgent.java},
 * packaged as a resource of ejb-core, written at start into the instance's data directory and run
 * by a {@code process} agent with this server's own {@code java} (single-file source launch, JDK
 * only), so the demo needs nothing installed.
 */
public final class DemoAgentProgram {

    static final String RESOURCE = "/dev/paperclipee/demo/WorkerAgent.java";

    private DemoAgentProgram() {
    }

    /** Writes the program under {@code dataDirectory/demo-agent/} (replacing an older copy) and returns its path. */
    public static Path extract(Path dataDirectory) {
        Path target = dataDirectory.resolve("demo-agent").resolve("WorkerAgent.java");
        try (InputStream in = DemoAgentProgram.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "WorkerAgent", ".tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo agent to " + target, e);
        }
    }

    /** The {@code java} launcher of this very JVM, else {@code java.home}'s, else {@code java} on the PATH. */
    public static String javaCommand() {
        Optional<String> own = ProcessHandle.current().info().command();
        if (own.isPresent() && Files.isExecutable(Path.of(own.get()))) {
            return own.get();
        }
        Path home = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(home) ? home.toString() : "java";
    }
}
