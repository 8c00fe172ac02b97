package dev.paperclipee.heartbeat.control;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The executor and timer an adapter test hands to its adapter, in place of the container's managed
 * executors; shut down after each test. Register as an instance field with {@code @RegisterExtension}.
 */
final class AdapterThreads implements AfterEachCallback {

    final ExecutorService pool = Executors.newCachedThreadPool();
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @Override
    public void afterEach(ExtensionContext context) {
        pool.shutdownNow();
        timer.shutdownNow();
    }
}
