package dev.paperclipee.system;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared application ({@link PaperclipApp}) when the JUnit session of the test JVM
 * closes, however the tests ended. The application itself starts lazily, on first use, so a
 * run that selects no system test never starts it.
 */
public class SystemTestSession implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        PaperclipApp.stopIfStarted();
    }
}
