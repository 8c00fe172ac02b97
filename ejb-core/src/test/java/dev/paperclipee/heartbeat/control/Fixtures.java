package dev.paperclipee.heartbeat.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.paperclipee.shared.entity.JsonText.JSON;
import static org.junit.jupiter.api.Assertions.fail;

/** Invocations, JSON and waiting, shared by the adapter tests. */
final class Fixtures {

    static final UUID RUN = UUID.fromString("11111111-2222-4333-8444-555555555555");
    static final UUID AGENT = UUID.fromString("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee");
    static final UUID COMPANY = UUID.fromString("99999999-8888-4777-8666-555555555555");
    static final String TOKEN = "pcp_run_0123456789abcdef0123456789abcdef";

    private Fixtures() {
    }

    static JsonObject json(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text.replace('\'', '"')))) {
            return reader.readObject();
        }
    }

    static Invocation invocation(JsonObject config, Path work, Map<String, String> environment, String prompt,
            String sessionId) {
        return new Invocation(RUN, AGENT, "Ada", COMPANY, config, environment,
                json("{'wakeReason':'issue_assigned','issueIds':['i-1']}"), prompt, work, sessionId,
                URI.create("http://127.0.0.1:8080"), TOKEN, URI.create("http://127.0.0.1:8080/api/heartbeat-runs/" + RUN + "/callback"),
                Duration.ofSeconds(30), java.util.Set.of());
    }

    static Invocation invocation(JsonObject config, Path work) {
        return invocation(config, work, Map.of("PAPERCLIP_RUN_ID", RUN.toString(), "PAPERCLIP_API_KEY", TOKEN), null, null);
    }

    static RunResult result(Execution execution) throws Exception {
        return result(execution.completion());
    }

    static RunResult result(CompletionStage<RunResult> completion) throws Exception {
        return completion.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Polls {@code condition} until it holds; fails after {@code max}. */
    static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    static JsonValue parse(String text) {
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
