package dev.paperclipee.db.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.nio.file.Path;

/**
 * Starts the test database once per JUnit run — before any test class, so that an Arquillian
 * container started for the first class already has its data source — and stops it at the end.
 *
 * <p>Eager only where the build asks for it ({@code paperclip.test.db.eager=true}); elsewhere
 * {@link TestDatabase#get()} starts it on first use. With {@code paperclip.test.container.dir}
 * set it also writes the boot command files and sets {@code paperclip.test.container.jvm} for
 * {@code arquillian.xml}.
 */
public class TestDatabaseSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("paperclip.test.db.eager")) {
            return;
        }
        TestDatabase db = TestDatabase.get();
        String containerDir = System.getProperty("paperclip.test.container.dir");
        if (containerDir != null && !containerDir.isBlank()) {
            System.setProperty("paperclip.test.container.jvm", db.writeContainerConfig(Path.of(containerDir)));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        TestDatabase.stop();
    }
}
