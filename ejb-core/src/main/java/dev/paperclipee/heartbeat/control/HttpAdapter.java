package dev.paperclipee.heartbeat.control;

import dev.paperclipee.heartbeat.entity.RunStatus;
import dev.paperclipee.shared.entity.JsonText;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code http} adapter (spec §11.3): a heartbeat is one outbound request to the agent's
 * endpoint. A 2xx answer means accepted, anything else fails the run.
 *
 * <p>Config: {@code url} (required, http or https), {@code method} (default POST), {@code headers}
 * (strings; sent, never logged), {@code timeoutMs} (for the request, default 15000),
 * {@code payloadTemplate} (any JSON, see {@link PayloadTemplate}; without one the body is
 * {@code {agentId, companyId, runId, callbackUrl, context}}), {@code completion}:
 * <ul>
 *   <li>{@code response} (default): the answer ends the run: 2xx succeeded;</li>
 *   <li>{@code callback}: a 2xx answer only means the agent has started; the run stays running
 *       until the agent reports through the callback endpoint ({@link Execution#report}) or
 *       {@code timeoutSec} (default {@link Invocation#defaultTimeout()}) passes: timed_out.</li>
 * </ul>
 *
 * <p>Ends and their error codes: non-2xx → failed {@code http_status} (an excerpt of the body goes
 * to the log); no answer within {@code timeoutMs} → failed {@code http_timeout} (not timed_out: the
 * agent never accepted the work, which is a failed invocation in §11.3's terms, while timed_out is
 * for accepted work that ran too long); connection refused, unknown host or connect timeout →
 * failed {@code http_unreachable}; other I/O failures → failed {@code http_error}. A JSON answer's
 * {@code id} or {@code runId} becomes the run's external id. {@link Execution#cancel()} aborts a
 * request in flight or stops waiting for the callback (the remote agent is not told: §11.3 has no
 * cancel call).
 *
 * <p>The log shows the method and the URL without its query (which may carry a key); header values
 * and the payload (which may carry {@code {{run.token}}}) are never written.
 */
public final class HttpAdapter implements AgentAdapter {

    public static final String TYPE = "http";

    static final long DEFAULT_TIMEOUT_MS = 15_000;
    static final long MAX_TIMEOUT_MS = 3_600_000;
    /** How much of an answer's body is kept (for its id and the log excerpt); the rest is discarded. */
    static final int BODY_LIMIT = 64 * 1024;
    static final int EXCERPT_CHARS = 2048;

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> COMPLETIONS = Set.of("response", "callback");
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Executor executor;
    private final ScheduledExecutorService timer;

    /**
     * @param executor runs the HTTP client's work and the completion of each run (a managed executor)
     * @param timer    runs the request and callback deadlines
     */
    public HttpAdapter(Executor executor, ScheduledExecutorService timer) {
        this.executor = Objects.requireNonNull(executor);
        this.timer = Objects.requireNonNull(timer);
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** What is wrong with {@code adapterConfig} for this adapter; empty when it can run. */
    public static List<ConfigProblem> validate(JsonObject adapterConfig) {
        AdapterConfig config = new AdapterConfig(adapterConfig);
        read(config);
        return config.problems();
    }

    private record Settings(URI url, String method, Map<String, String> headers, long timeoutMs, JsonValue template,
            boolean callback, Long timeoutSec) {
    }

    private static Settings read(AdapterConfig config) {
        URI url = url(config);
        String method = config.choice("method", "POST", METHODS);
        Map<String, String> headers = config.textMap("headers");
        headers.keySet().stream()
                .filter(name -> RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || !token(name))
                .forEach(name -> config.problem(List.of("headers", name), "cannot be set", "invalid_value"));
        Long timeoutMs = config.wholeNumber("timeoutMs", 1, MAX_TIMEOUT_MS);
        JsonValue template = config.value("payloadTemplate");
        if (template != null) {
            PayloadTemplate.check("payloadTemplate", template, config);
        }
        boolean callback = "callback".equals(config.choice("completion", "response", COMPLETIONS));
        Long timeoutSec = config.wholeNumber("timeoutSec", 1, ProcessSettings.MAX_TIMEOUT_SEC);
        return new Settings(url, method, headers, timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs, template,
                callback, timeoutSec);
    }

    private static URI url(AdapterConfig config) {
        String text = config.text("url", true);
        if (text == null) {
            return null;
        }
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && url.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException malformed) {
            // reported below
        }
        config.problem(List.of("url"), "must be an absolute http or https URL", "invalid_value");
        return null;
    }

    /** An HTTP header name: RFC 9110 token characters only. */
    private static boolean token(String name) {
        return name.chars().allMatch(c -> c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
    }

    @Override
    public Execution invoke(Invocation invocation, RunOutput output) throws AdapterException {
        AdapterConfig config = new AdapterConfig(invocation.adapterConfig());
        Settings settings = read(config);
        config.requireValid();
        JsonValue payload = settings.template() == null
                ? PayloadTemplate.defaultPayload(invocation)
                : PayloadTemplate.render(settings.template(), invocation);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(Duration.ofMillis(settings.timeoutMs()));
        settings.headers().forEach(request::header);
        if (settings.headers().keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            request.header("Content-Type", "application/json");
        }
        request.method(settings.method(), settings.method().equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(payload.toString(), StandardCharsets.UTF_8));
        Duration runTimeout = settings.timeoutSec() != null ? Duration.ofSeconds(settings.timeoutSec())
                : invocation.defaultTimeout() != null ? invocation.defaultTimeout()
                : Duration.ofSeconds(ProcessSettings.MAX_TIMEOUT_SEC);
        output.system(settings.method() + " " + shown(settings.url()) + " (" + settings.headers().size()
                + " configured header(s); completion by " + (settings.callback() ? "callback" : "response") + ")");
        HttpRun run = new HttpRun(output, settings, runTimeout);
        run.send(request.build());
        return run;
    }

    /** The URL as the log may show it: no user info, no query, no fragment. */
    private static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** One request and, in callback mode, the wait for the agent's report. */
    private final class HttpRun implements Execution {

        private final RunOutput output;
        private final Settings settings;
        private final Duration runTimeout;
        private final CompletableFuture<RunResult> completion = new CompletableFuture<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile CompletableFuture<HttpResponse<byte[]>> inFlight;
        private volatile ScheduledFuture<?> deadline;
        private volatile String externalRunId;

        HttpRun(RunOutput output, Settings settings, Duration runTimeout) {
            this.output = output;
            this.settings = settings;
            this.runTimeout = runTimeout;
        }

        void send(HttpRequest request) throws AdapterException {
            try {
                inFlight = client.sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(
                        new BoundedBody(BODY_LIMIT), BoundedBody::bytes));
                // the request's own timeout covers the wait for the headers only; this one the whole answer
                deadline = timer.schedule(this::requestTimedOut, settings.timeoutMs(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                throw new AdapterException("spawn_failed", "No thread available to call the agent endpoint", e);
            }
            inFlight.whenComplete(this::answered);
        }

        private void requestTimedOut() {
            // end first: aborting completes the request future at once, which would read as a cancel
            if (!inFlight.isDone() && end(RunResult.failed(null, "http_timeout",
                    "No answer from the agent endpoint within " + settings.timeoutMs() + " ms"))) {
                inFlight.cancel(true);
            }
        }

        private void answered(HttpResponse<byte[]> response, Throwable failure) {
            if (ended.get()) {
                return;
            }
            if (failure != null) {
                end(failed(failure));
                return;
            }
            int status = response.statusCode();
            byte[] body = response.body();
            externalRunId = idOf(body);
            String id = externalRunId == null ? "" : " (external run " + externalRunId + ")";
            if (status / 100 != 2) {
                output.system("HTTP " + status + " from agent endpoint" + id + "; body: " + excerpt(body));
                end(RunResult.failed(null, "http_status", "HTTP " + status + " from agent endpoint")
                        .withExternalRunId(externalRunId));
            } else if (!settings.callback()) {
                output.system("HTTP " + status + " from agent endpoint" + id);
                end(RunResult.succeeded(null).withExternalRunId(externalRunId));
            } else {
                output.system("HTTP " + status + " from agent endpoint" + id + "; waiting up to "
                        + runTimeout.toSeconds() + " s for the agent's callback");
                cancel(deadline);
                deadline = timer.schedule(() -> end(RunResult.timedOut("No callback from the agent within "
                        + runTimeout.toSeconds() + " s").withExternalRunId(externalRunId)),
                        runTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (ended.get()) {
                    // a report or cancel came in between: its end already stands
                    cancel(deadline);
                }
            }
        }

        private RunResult failed(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof CancellationException) {
                return RunResult.cancelled("Cancelled");
            }
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
                return RunResult.failed(null, "http_unreachable",
                        "Agent endpoint unreachable (" + cause.getClass().getSimpleName() + ")");
            }
            if (cause instanceof HttpTimeoutException) {
                return RunResult.failed(null, "http_timeout",
                        "No answer from the agent endpoint within " + settings.timeoutMs() + " ms");
            }
            String kind = cause instanceof IOException ? "" : "unexpected ";
            return RunResult.failed(null, "http_error",
                    "Request to the agent endpoint failed (" + kind + cause.getClass().getSimpleName() + ")");
        }

        /** Ends the run once; later ends (a late answer, a second cancel) are ignored. */
        private boolean end(RunResult result) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            cancel(deadline);
            if ((result.status() == RunStatus.failed && !"http_status".equals(result.errorCode()))
                    || result.status() == RunStatus.timed_out) {
                output.system(result.error());
            }
            try {
                executor.execute(() -> completion.complete(result));
            } catch (RejectedExecutionException shuttingDown) {
                completion.complete(result);
            }
            return true;
        }

        private void cancel(ScheduledFuture<?> task) {
            if (task != null) {
                task.cancel(false);
            }
        }

        @Override
        public CompletionStage<RunResult> completion() {
            return completion.minimalCompletionStage();
        }

        @Override
        public boolean alive() {
            return !ended.get();
        }

        @Override
        public void cancel() {
            if (ended.get()) {
                return;
            }
            CompletableFuture<HttpResponse<byte[]>> request = inFlight;
            boolean waiting = request != null && !request.isDone();
            if (end(RunResult.cancelled("Cancelled").withExternalRunId(externalRunId))) {
                output.system("Cancel requested: " + (waiting ? "request aborted" : "stopped waiting for the callback"));
                if (waiting) {
                    request.cancel(true);
                }
            }
        }

        @Override
        public boolean report(RunResult result) {
            if (!settings.callback()) {
                return false;
            }
            RunResult reported = result.externalRunId() == null && externalRunId != null
                    ? result.withExternalRunId(externalRunId) : result;
            // a report may overtake the answer to the request; the answer is then ignored, not
            // aborted, since an agent may treat a dropped connection as its caller giving up
            boolean taken = end(reported);
            if (taken) {
                output.system("The agent reported the run as " + result.status());
            }
            return taken;
        }

        @Override
        public Optional<String> externalRunId() {
            return Optional.ofNullable(externalRunId);
        }
    }

    /** The {@code id} or {@code runId} of a JSON object answer, if it has a short one. */
    private static String idOf(byte[] body) {
        if (body.length == 0 || body.length >= BODY_LIMIT) {
            return null;
        }
        try {
            JsonObject answer = JsonText.parse(new String(body, StandardCharsets.UTF_8));
            for (String key : List.of("id", "runId")) {
                JsonValue id = answer.get(key);
                String text = id instanceof JsonString string ? string.getString()
                        : id instanceof JsonNumber number ? number.toString() : null;
                if (text != null && !text.isBlank() && text.length() <= 200) {
                    return text;
                }
            }
        } catch (JsonException | ClassCastException | IllegalStateException notAnObject) {
            // not JSON, or not an object: no id
        }
        return null;
    }

    private static String excerpt(byte[] body) {
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException impossible) {
            return "(unreadable)";
        }
        if (text.length() == 0) {
            return "(empty)";
        }
        return text.length() <= EXCERPT_CHARS ? text.toString() : text.subSequence(0, EXCERPT_CHARS) + "…";
    }

    /** Keeps the first {@code limit} bytes of a body and drops the rest, so a huge answer costs no memory. */
    private static final class BoundedBody implements Flow.Subscriber<List<ByteBuffer>> {

        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int room = limit - kept.size();
                int take = Math.min(room, buffer.remaining());
                if (take > 0) {
                    byte[] bytes = new byte[take];
                    buffer.get(bytes);
                    kept.write(bytes, 0, take);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            // the client fails the response future itself
        }

        @Override
        public void onComplete() {
            // the finisher reads what was kept
        }

        byte[] bytes() {
            return kept.toByteArray();
        }
    }
}
