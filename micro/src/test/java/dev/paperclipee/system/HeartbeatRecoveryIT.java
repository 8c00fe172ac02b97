package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.paperclipee.system.CompaniesApiIT.token;
import static dev.paperclipee.system.HeartbeatEndToEndIT.await;
import static dev.paperclipee.system.HeartbeatEndToEndIT.awaitRun;
import static dev.paperclipee.system.HeartbeatEndToEndIT.awaitRunOfIssue;
import static dev.paperclipee.system.HeartbeatEndToEndIT.created;
import static dev.paperclipee.system.HeartbeatEndToEndIT.logText;
import static dev.paperclipee.system.RunTokensApiIT.bearer;
import static dev.paperclipee.system.RunTokensApiIT.mint;
import static dev.paperclipee.system.RunTokensApiIT.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server killed with {@code kill -9} while a run is running, then started again on the same
 * instance (execution-semantics §8, {@code process_lost}): its own node recognises the run its
 * previous life left running, stops the agent process that outlived it (same pid and start time),
 * fails the run with a visible reason and queues the one automatic retry 30 s later, which takes
 * over the run's issue locks. Its own instance of the jar ({@link PaperclipApp#separate}), since
 * the shared one must not be killed; one kill, one restart.
 */
class HeartbeatRecoveryIT {

    /** The agent's process, stopped at the end should the server have failed to (a failing test leaves no orphan). */
    private long agentPid;

    @Test
    void aRunLeftRunningByAKilledServerIsFailedAsProcessLostAndRetriedOnce() throws Exception {
        PaperclipApp app = PaperclipApp.separate("heartbeat-recovery");
        try {
            Api api = new Api(app.baseUri());
            Path pidFile = app.home().resolveSibling("agent.pid");
            Files.deleteIfExists(pidFile); // an earlier run's
            String company = created(api.post("/api/companies", "{\"name\":\"Recovery " + token() + "\"}")).getString("id");
            String agent = created(api.post("/api/companies/" + company + "/agents", Json.createObjectBuilder()
                    .add("name", "Sleeper")
                    .add("adapterType", "process")
                    .add("adapterConfig", Json.createObjectBuilder()
                            .add("command", "sh")
                            // exec: the recorded pid is the sleeping process itself
                            .add("args", Json.createArrayBuilder().add("-c")
                                    .add("echo $$ > '" + pidFile + "'; echo sleeping; exec sleep 300")))
                    .build().toString())).getString("id");
            String issue = created(api.post("/api/companies/" + company + "/issues",
                    "{\"title\":\"Outlive the server\",\"assigneeAgentId\":\"" + agent + "\"}")).getString("id");

            String run = awaitRunOfIssue(api, company, agent, issue).getString("id");
            awaitRun(api, run, r -> "running".equals(r.getString("status")), "the run is running");
            long pid = await(() -> readPid(pidFile), p -> p > 0, "the agent process wrote its pid", Duration.ofSeconds(60));
            agentPid = pid;
            await(() -> recordedPid(app, run), p -> p == pid, "the server recorded the process", Duration.ofSeconds(90));
            // the agent process claims the issue within its run, as an agent does, so the run holds its locks
            Api.Reply checkout = api.send("POST", "/api/issues/" + issue + "/checkout", Api.JSON,
                    "{\"agentId\":\"" + agent + "\",\"expectedStatuses\":[\"todo\"]}",
                    with(bearer(mint(run, agent, company, Instant.now().plusSeconds(600))), "X-Paperclip-Run-Id", run));
            assertEquals(200, checkout.status(), checkout::toString);
            assertEquals(run, checkout.object().getString("checkoutRunId"));

            app.kill();
            assertTrue(alive(pid), "the agent process outlived its server (else this test proves nothing)");
            Instant restarted = Instant.now();
            app.startAgain();

            JsonObject lost = awaitRun(api, run, r -> !"running".equals(r.getString("status")), "the lost run is reaped");
            assertEquals("failed", lost.getString("status"), lost::toString);
            assertEquals("process_lost", lost.getString("errorCode"));
            assertTrue(lost.getString("error").startsWith("Process lost"), lost::toString);
            assertFalse(lost.isNull("finishedAt"), lost::toString);
            await(() -> alive(pid), living -> !living, "the orphaned agent process " + pid + " is stopped", Duration.ofSeconds(15));
            assertTrue(logText(api, run).contains("sleeping"), "the first life's log is still readable");

            List<JsonObject> retries = api.get("/api/companies/" + company + "/heartbeat-runs?agentId=" + agent).array()
                    .stream().map(JsonValue::asJsonObject).filter(r -> run.equals(r.getString("retryOfRunId", null))).toList();
            assertEquals(1, retries.size(), "exactly one retry: " + retries);
            JsonObject retry = retries.get(0);
            String retryId = retry.getString("id");
            assertEquals("queued", retry.getString("status"), retry::toString);
            assertEquals("process_lost_retry", retry.getString("wakeReason"));
            assertEquals(issue, retry.getString("issueId"));
            Instant scheduled = Instant.parse(retry.getString("scheduledAt"));
            assertTrue(!scheduled.isBefore(restarted.plusSeconds(29)) && !scheduled.isAfter(Instant.now().plusSeconds(31)),
                    "the retry is due 30 s after the reaping: " + retry + ", restarted at " + restarted);

            JsonObject held = api.get("/api/issues/" + issue).object();
            assertEquals(retryId, held.getString("checkoutRunId"), "the retry took over the issue: " + held);
            assertEquals(retryId, held.getString("executionRunId"), held::toString);
            assertEquals("in_progress", held.getString("status"));
            assertEquals("error", api.get("/api/agents/" + agent).object().getString("status"), "a lost run leaves the agent in error");
            JsonObject reaped = api.get("/api/companies/" + company + "/activity?action=heartbeat.process_lost").array()
                    .getJsonObject(0);
            assertEquals(run, reaped.getString("entityId"));
            assertEquals(retryId, reaped.getJsonObject("details").getString("retryRunId"));
            assertEquals(0, api.get("/api/companies/" + company + "/heartbeat-runs?status=running").array().size(),
                    "nothing is left running");

            // the retry is not waited for: cancelled, it gives the issue's locks back
            Api.Reply cancelled = api.post("/api/heartbeat-runs/" + retryId + "/cancel", "{}");
            assertEquals(200, cancelled.status(), cancelled::toString);
            assertEquals("cancelled", cancelled.object().getString("status"));
            JsonObject released = api.get("/api/issues/" + issue).object();
            assertTrue(released.isNull("checkoutRunId") && released.isNull("executionRunId"), released::toString);
        } finally {
            app.close();
            if (agentPid > 0 && alive(agentPid)) {
                ProcessHandle.of(agentPid).filter(p -> p.info().command().map(c -> c.endsWith("sleep")).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static long readPid(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file).strip() : "";
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (IOException | NumberFormatException e) {
            return 0; // being written
        }
    }

    private static long recordedPid(PaperclipApp app, String run) {
        try (Connection db = app.openDatabase();
             PreparedStatement q = db.prepareStatement("select process_pid from heartbeat_runs where id = ?::uuid")) {
            q.setString(1, run);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Alive and not a zombie: a killed orphan may wait for a reaper that never comes (PID 1 of a container). */
    static boolean alive(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
