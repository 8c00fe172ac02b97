package dev.paperclipee.heartbeat.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paperclipee.heartbeat.entity.RunStatus;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import java.util.concurrent.TimeUnit;

import static dev.paperclipee.heartbeat.control.Fixtures.AGENT;
import static dev.paperclipee.heartbeat.control.Fixtures.COMPANY;
import static dev.paperclipee.heartbeat.control.Fixtures.RUN;
import static dev.paperclipee.heartbeat.control.Fixtures.TOKEN;
import static dev.paperclipee.heartbeat.control.Fixtures.await;
import static dev.paperclipee.heartbeat.control.Fixtures.invocation;
import static dev.paperclipee.heartbeat.control.Fixtures.json;
import static dev.paperclipee.heartbeat.control.Fixtures.parse;
import static dev.paperclipee.heartbeat.control.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The http adapter against a real local HTTP server (spec §11.3). */
class HttpAdapterTest {

    @RegisterExtension
    final AdapterThreads threads = new AdapterThreads();

    private record Received(String method, String path, String authorization, String contentType, String body) {
    }

    private record Answer(int status, String body, CountDownLatch hold) {
    }

    @TempDir
    Path work;

    private HttpServer server;
    private ExecutorService serverThreads;
    private HttpAdapter adapter;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Answer answer = new Answer(200, "{\"id\":\"ext-42\"}", null);
    private final RecordedOutput output = new RecordedOutput();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/", this::handle);
        server.start();
        adapter = new HttpAdapter(threads.pool, threads.timer);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Answer now = answer;
        if (now.hold() != null) {
            try {
                now.hold().await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = now.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(now.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private Execution invoke(String extraConfig) throws AdapterException {
        return invoke(extraConfig, Map.of("PAPERCLIP_TASK_ID", "task-9", "PAPERCLIP_API_KEY", TOKEN));
    }

    private Execution invoke(String extraConfig, Map<String, String> environment) throws AdapterException {
        JsonObject config = json("{'url':'" + url("/agent/run?key=query-secret-1") + "','headers':{'Authorization':'Bearer agent-endpoint-secret'}"
                + extraConfig + "}");
        return adapter.invoke(invocation(config, work, environment, "prompt", null), output);
    }

    @Test
    void a2xxAnswerSucceedsWithTheDefaultPayloadAndTheAnswersId() throws Exception {
        Execution execution = invoke("");

        RunResult result = result(execution);

        assertEquals(RunStatus.succeeded, result.status());
        assertEquals("ext-42", result.externalRunId());
        assertEquals("ext-42", execution.externalRunId().orElseThrow());
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals("POST", request.method());
        assertEquals("/agent/run?key=query-secret-1", request.path());
        assertEquals("Bearer agent-endpoint-secret", request.authorization(), "configured headers are sent");
        assertEquals("application/json", request.contentType());
        JsonObject payload = parse(request.body()).asJsonObject();
        assertEquals(AGENT.toString(), payload.getString("agentId"));
        assertEquals(COMPANY.toString(), payload.getString("companyId"));
        assertEquals(RUN.toString(), payload.getString("runId"));
        assertTrue(payload.getString("callbackUrl").endsWith("/heartbeat-runs/" + RUN + "/callback"));
        assertEquals("issue_assigned", payload.getJsonObject("context").getString("wakeReason"));
        String log = output.all();
        assertFalse(log.contains("agent-endpoint-secret") || log.contains("query-secret-1"), log);
        assertTrue(log.contains("POST http://127.0.0.1:" + server.getAddress().getPort() + "/agent/run ("), log);
    }

    @Test
    void aNon2xxAnswerFailsWithTheStatusAndABodyExcerptInTheLog() throws Exception {
        answer = new Answer(503, "upstream exploded: " + "x".repeat(10_000), null);

        RunResult result = result(invoke(""));

        assertAll(
                () -> assertEquals(RunStatus.failed, result.status()),
                () -> assertEquals("http_status", result.errorCode()),
                () -> assertEquals("HTTP 503 from agent endpoint", result.error()));
        String system = output.text(RunOutput.Stream.system);
        assertTrue(system.contains("body: upstream exploded: xxx"), system);
        assertTrue(system.length() < HttpAdapter.EXCERPT_CHARS + 500, "the excerpt is bounded");
    }

    @Test
    void aSlowEndpointFailsAsHttpTimeout() throws Exception {
        answer = new Answer(200, "{}", release);
        long started = System.nanoTime();

        RunResult result = result(invoke(",'timeoutMs':300"));

        assertEquals(RunStatus.failed, result.status());
        assertEquals("http_timeout", result.errorCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5000);
    }

    @Test
    void aRefusedConnectionFailsAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        JsonObject config = json("{'url':'http://127.0.0.1:" + closedPort + "/'}");

        RunResult result = result(adapter.invoke(invocation(config, work), output));

        assertEquals(RunStatus.failed, result.status());
        assertEquals("http_unreachable", result.errorCode());
    }

    @Test
    void theTemplateIsFilledInValueByValue() throws Exception {
        invoke(",'method':'PUT','payloadTemplate':{'agent':'{{agent.id}}','who':'Agent {{ agent.name }}','company':'{{company.id}}',"
                + "'ctx':'{{context}}','inline':'c={{context}}','token':'{{run.token}}','task':'{{env.PAPERCLIP_TASK_ID}}',"
                + "'absent':'[{{env.NOT_SET}}]','n':5,'flag':true,'list':['{{run.id}}','{{run.callbackUrl}}','{{api.url}}'],"
                + "'{{agent.id}}':'keys stay'}").completion().toCompletableFuture().get(10, TimeUnit.SECONDS);

        Received request = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals("PUT", request.method());
        JsonObject sent = parse(request.body()).asJsonObject();
        assertAll(
                () -> assertEquals(AGENT.toString(), sent.getString("agent")),
                () -> assertEquals("Agent Ada", sent.getString("who")),
                () -> assertEquals(COMPANY.toString(), sent.getString("company")),
                () -> assertEquals("issue_assigned", sent.getJsonObject("ctx").getString("wakeReason"), "exactly {{context}} is the object"),
                () -> assertEquals("c={\"wakeReason\":\"issue_assigned\",\"issueIds\":[\"i-1\"]}", sent.getString("inline")),
                () -> assertEquals(TOKEN, sent.getString("token")),
                () -> assertEquals("task-9", sent.getString("task")),
                () -> assertEquals("[]", sent.getString("absent")),
                () -> assertEquals(5, sent.getInt("n")),
                () -> assertTrue(sent.getBoolean("flag")),
                () -> assertEquals(RUN.toString(), sent.getJsonArray("list").getString(0)),
                () -> assertTrue(sent.getJsonArray("list").getString(1).endsWith("/callback")),
                () -> assertEquals("http://127.0.0.1:8080", sent.getJsonArray("list").getString(2)),
                () -> assertEquals("keys stay", sent.getString("{{agent.id}}")));
        assertFalse(output.all().contains(TOKEN), "the payload is never logged");
    }

    @Test
    void unknownPlaceholdersAreAConfigurationError() {
        JsonObject config = json("{'url':'" + url("/") + "','payloadTemplate':{'a':['ok {{run.id}}','{{run.secret}}'],'b':'{{agent}}'}}");

        List<ConfigProblem> problems = HttpAdapter.validate(config);
        AdapterException refused = assertThrows(AdapterException.class, () -> adapter.invoke(invocation(config, work), output));

        assertEquals(List.of(List.of("adapterConfig", "payloadTemplate", "a", "1"), List.of("adapterConfig", "payloadTemplate", "b")),
                problems.stream().map(ConfigProblem::path).toList());
        assertEquals("unknown_placeholder", problems.get(0).code());
        assertEquals("adapter_config_invalid", refused.code());
        assertTrue(received.isEmpty(), "nothing was sent");
    }

    @Test
    void callbackModeStaysRunningUntilTheAgentReports() throws Exception {
        answer = new Answer(202, "{\"runId\":\"job-7\"}", null);
        Execution execution = invoke(",'completion':'callback','timeoutSec':30");
        await("the request was accepted", Duration.ofSeconds(5),
                () -> output.text(RunOutput.Stream.system).contains("waiting up to 30 s"));

        assertTrue(execution.alive());
        assertFalse(execution.completion().toCompletableFuture().isDone());
        assertEquals("job-7", execution.externalRunId().orElseThrow());

        assertTrue(execution.report(RunResult.succeeded(null)));
        RunResult result = result(execution);
        assertEquals(RunStatus.succeeded, result.status());
        assertEquals("job-7", result.externalRunId());
        assertFalse(execution.report(RunResult.failed(null, "x", "late")), "the first report stands");
        assertFalse(execution.alive());
    }

    @Test
    void aReportMayOvertakeTheAnswer() throws Exception {
        answer = new Answer(500, "late and failing", release);
        Execution execution = invoke(",'completion':'callback'");
        await("the request arrived", Duration.ofSeconds(5), () -> !received.isEmpty());

        assertTrue(execution.report(RunResult.succeeded(null)));
        release.countDown();

        assertEquals(RunStatus.succeeded, result(execution).status(), "the answer that follows changes nothing");
    }

    @Test
    void callbackModeTimesOutWithoutAReport() throws Exception {
        answer = new Answer(202, "", null);

        RunResult result = result(invoke(",'completion':'callback','timeoutSec':1"));

        assertEquals(RunStatus.timed_out, result.status());
    }

    @Test
    void cancelStopsWaitingForTheCallbackOrAbortsTheRequest() throws Exception {
        answer = new Answer(202, "{}", null);
        Execution waiting = invoke(",'completion':'callback','timeoutSec':30");
        await("the request was accepted", Duration.ofSeconds(5), () -> output.text(RunOutput.Stream.system).contains("waiting"));
        waiting.cancel();
        assertEquals(RunStatus.cancelled, result(waiting).status());

        answer = new Answer(200, "{}", release);
        Execution inFlight = invoke(",'timeoutMs':20000");
        await("the request arrived", Duration.ofSeconds(5), () -> received.size() >= 2);
        long started = System.nanoTime();
        inFlight.cancel();
        assertEquals(RunStatus.cancelled, result(inFlight).status());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2000);
        assertTrue(output.text(RunOutput.Stream.system).contains("request aborted"), output.all());
    }

    @Test
    void aReportIsRefusedWhenTheAnswerEndsTheRun() throws Exception {
        Execution execution = invoke("");

        result(execution);

        assertFalse(execution.report(RunResult.succeeded(null)));
    }

    @Test
    void validationNamesEveryBadField() {
        List<ConfigProblem> problems = HttpAdapter.validate(json("{'url':'ftp://x/','method':'FETCH','headers':{'Host':'x','Bad Name':'y','Ok':3},"
                + "'timeoutMs':0,'completion':'poll','timeoutSec':-5}"));

        assertEquals(List.of(
                List.of("adapterConfig", "url"),
                List.of("adapterConfig", "method"),
                List.of("adapterConfig", "headers", "Ok"),
                List.of("adapterConfig", "headers", "Host"),
                List.of("adapterConfig", "headers", "Bad Name"),
                List.of("adapterConfig", "timeoutMs"),
                List.of("adapterConfig", "completion"),
                List.of("adapterConfig", "timeoutSec")), problems.stream().map(ConfigProblem::path).toList());
        assertEquals("required", HttpAdapter.validate(json("{}")).get(0).code());
        assertEquals(List.of(), HttpAdapter.validate(json("{'url':'https://agents.example.com/run','method':'POST',"
                + "'headers':{'X-Api-Key':'k'},'timeoutMs':15000,'payloadTemplate':{'id':'{{agent.id}}'},'completion':'callback','timeoutSec':600}")));
    }
}
