/*
 * A minimal Paperclip agent: one heartbeat of work, as the agent skill describes it
 * (api-contract "How a real agent runs a heartbeat"). Point a process agent at it:
 *
 *   "adapterType": "process",
 *   "adapterConfig": {"command": "java", "args": ["/path/to/WorkerAgent.java"]}
 *
 * and assign it an issue. It reads the environment the heartbeat gives it, finds its task, checks
 * it out, comments, reports a small fixed cost and marks the issue done. With WORKER_DELEGATE=true
 * (in adapterConfig.env) a manager hands a top-level issue to one of its direct reports instead:
 * it creates a child issue assigned to the report and closes its own. WORKER_COST_CENTS,
 * WORKER_INPUT_TOKENS and WORKER_OUTPUT_TOKENS change the cost it reports (the first-run demo
 * company uses them for a realistic bill). Everything it prints goes
 * to the run log. Any answer that is not 2xx ends it with exit code 1 and the server's error text;
 * a checkout conflict (409) means another run owns the issue: it says so and exits 0, never retrying.
 *
 * Single file, JDK only (java.net.http), so that `java WorkerAgent.java` runs it without a build.
 */

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public class WorkerAgent {

    /** What one heartbeat of this demo agent costs: fixed, so that a test can recognise it. */
    static final String PROVIDER = "paperclip-demo";
    static final String MODEL = "worker-1";
    static final int COST_CENTS = 3;
    static final int INPUT_TOKENS = 120;
    static final int OUTPUT_TOKENS = 40;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String api;
    private final String key;
    private final String runId;

    WorkerAgent(String api, String key, String runId) {
        this.api = api;
        this.key = key;
        this.runId = runId;
    }

    public static void main(String[] args) {
        try {
            System.exit(heartbeat(System.getenv()));
        } catch (ApiError | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("Cannot reach the Paperclip API: " + e);
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static int heartbeat(Map<String, String> env) throws IOException, InterruptedException {
        String origin = required(env, "PAPERCLIP_API_URL");
        String base = (origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin) + "/api";
        WorkerAgent agent = new WorkerAgent(base, required(env, "PAPERCLIP_API_KEY"), env.get("PAPERCLIP_RUN_ID"));
        agent.awaitReady(Duration.ofSeconds(180));
        int costCents = number(env, "WORKER_COST_CENTS", COST_CENTS);
        int inputTokens = number(env, "WORKER_INPUT_TOKENS", INPUT_TOKENS);
        int outputTokens = number(env, "WORKER_OUTPUT_TOKENS", OUTPUT_TOKENS);
        String companyId = required(env, "PAPERCLIP_COMPANY_ID");
        System.out.println("Heartbeat: run " + env.getOrDefault("PAPERCLIP_RUN_ID", "(none)") + ", woken by "
                + env.getOrDefault("PAPERCLIP_WAKE_REASON", "(no reason given)"));

        Map<String, Object> me = object(agent.call("GET", "/agents/me", null).json());
        String agentId = (String) me.get("id");
        System.out.println("I am " + me.get("name") + " (" + agentId + ")");

        String issueId = env.get("PAPERCLIP_TASK_ID");
        if (issueId == null || issueId.isBlank()) {
            List<Object> mine = list(agent.call("GET", "/companies/" + companyId + "/issues?assigneeAgentId=" + agentId
                    + "&status=todo,in_progress", null).json());
            if (mine.isEmpty()) {
                System.out.println("No assigned work: nothing to do this heartbeat");
                return 0;
            }
            issueId = (String) object(mine.get(0)).get("id");
        }

        Map<String, Object> checkout = new LinkedHashMap<>();
        checkout.put("agentId", agentId);
        checkout.put("expectedStatuses", List.of("todo", "in_progress", "backlog", "blocked"));
        Reply claimed = agent.call("POST", "/issues/" + issueId + "/checkout", checkout, 409);
        if (claimed.status() == 409) {
            System.out.println("Issue " + issueId + " is checked out by someone else (" + claimed.error()
                    + "); leaving it alone");
            return 0;
        }
        Map<String, Object> issue = object(claimed.json());
        String name = issue.get("identifier") + " \"" + issue.get("title") + "\"";
        System.out.println("Checked out " + name + ", now " + issue.get("status"));

        agent.call("POST", "/issues/" + issueId + "/comments",
                Map.of("body", "Working on " + name + " (worker-agent demo)."));
        System.out.println("Commented on " + issue.get("identifier"));

        String delegatedTo = null;
        if ("true".equalsIgnoreCase(env.get("WORKER_DELEGATE")) && issue.get("parentId") == null) {
            delegatedTo = agent.delegate(companyId, agentId, issue);
        }

        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("agentId", agentId);
        cost.put("issueId", issueId);
        cost.put("provider", PROVIDER);
        cost.put("model", MODEL);
        cost.put("inputTokens", inputTokens);
        cost.put("outputTokens", outputTokens);
        cost.put("costCents", costCents);
        cost.put("occurredAt", Instant.now().toString());
        Map<String, Object> event = object(agent.call("POST", "/companies/" + companyId + "/cost-events", cost).json());
        System.out.println("Reported " + costCents + " cents of " + PROVIDER + "/" + MODEL + " as cost event " + event.get("id"));

        Map<String, Object> done = new LinkedHashMap<>();
        done.put("status", "done");
        done.put("comment", delegatedTo == null ? "Done: the worker-agent demo finished " + name + "."
                : "Delegated " + name + " to " + delegatedTo + "; my part is done.");
        Map<String, Object> finished = object(agent.call("PATCH", "/issues/" + issueId, done).json());
        System.out.println("Marked " + issue.get("identifier") + " " + finished.get("status"));
        return 0;
    }

    /**
     * Hands the issue to a direct report that is not paused or terminated, the one with the fewest
     * open issues: a child issue assigned to it. Null when there is nobody to delegate to.
     */
    String delegate(String companyId, String agentId, Map<String, Object> issue) throws IOException, InterruptedException {
        String report = null;
        String reportName = null;
        int fewest = Integer.MAX_VALUE;
        for (Object item : list(call("GET", "/companies/" + companyId + "/agents", null).json())) {
            Map<String, Object> candidate = object(item);
            if (!agentId.equals(candidate.get("reportsTo"))
                    || List.of("paused", "terminated", "pending_approval").contains(String.valueOf(candidate.get("status")))) {
                continue;
            }
            int open = list(call("GET", "/companies/" + companyId + "/issues?assigneeAgentId=" + candidate.get("id")
                    + "&status=todo,in_progress,blocked", null).json()).size();
            if (open < fewest) {
                fewest = open;
                report = (String) candidate.get("id");
                reportName = (String) candidate.get("name");
            }
        }
        if (report == null) {
            System.out.println("No report to delegate to: doing it myself");
            return null;
        }
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("title", issue.get("title"));
        child.put("description", "Delegated from " + issue.get("identifier") + ".");
        child.put("parentId", issue.get("id"));
        child.put("assigneeAgentId", report);
        child.put("priority", issue.get("priority"));
        Map<String, Object> created = object(call("POST", "/companies/" + companyId + "/issues", child).json());
        System.out.println("Delegated " + issue.get("identifier") + " to " + reportName + " as " + created.get("identifier"));
        return reportName + " (" + created.get("identifier") + ")";
    }

    // ---- HTTP ------------------------------------------------------------------------------------

    /** An answer: its status and body. */
    record Reply(int status, String body) {

        Object json() {
            return new JsonReader(body).read();
        }

        /** The server's {@code error} text, or the raw body if it is not the usual error object. */
        String error() {
            try {
                Object error = object(json()).get("error");
                return error == null ? body : error.toString();
            } catch (RuntimeException notJson) {
                return body;
            }
        }
    }

    /** A failed call, worded like upstream's CLI: {@code API error <status>: <error>}. */
    static final class ApiError extends RuntimeException {
        ApiError(String method, String path, Reply reply) {
            super("API error " + reply.status() + ": " + reply.error() + " (" + method + " /api" + path + ")");
        }
    }

    /**
     * Waits until {@code GET /api/health} says the server is ready: a run started while the server
     * itself is still starting (the first-run demo queues its runs during start-up) would otherwise
     * get answers from a half-deployed application. Gives up quietly at the deadline; the first
     * real call then reports whatever is wrong.
     */
    void awaitReady(Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        boolean said = false;
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(api + "/health"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!said) {
                System.out.println("Waiting for the server to be ready");
                said = true;
            }
            Thread.sleep(1000);
        }
    }

    Reply call(String method, String path, Object body, int... alsoAccepted) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.method(method, HttpRequest.BodyPublishers.ofString(JsonWriter.write(body)))
                    .header("Content-Type", "application/json");
        }
        if (!method.equals("GET") && runId != null && !runId.isBlank()) {
            request.header("X-Paperclip-Run-Id", runId); // every write names the run it belongs to
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Reply reply = new Reply(response.statusCode(), response.body());
        for (int accepted : alsoAccepted) {
            if (reply.status() == accepted) {
                return reply;
            }
        }
        if (reply.status() < 200 || reply.status() > 299) {
            throw new ApiError(method, path, reply);
        }
        return reply;
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number, not " + value);
        }
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run me as a Paperclip process agent");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json) {
        if (json instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalStateException("expected a JSON object, got " + json);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object json) {
        if (json instanceof List<?> items) {
            return (List<Object>) items;
        }
        throw new IllegalStateException("expected a JSON array, got " + json);
    }

    // ---- just enough JSON --------------------------------------------------------------------------

    /** Maps, lists, strings, numbers and booleans to JSON text. */
    static final class JsonWriter {

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            append(out, value);
            return out.toString();
        }

        private static void append(StringBuilder out, Object value) {
            if (value == null) {
                out.append("null");
            } else if (value instanceof String s) {
                string(out, s);
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else if (value instanceof Map<?, ?> map) {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, e.getKey().toString());
                    out.append(':');
                    append(out, e.getValue());
                }
                out.append('}');
            } else if (value instanceof List<?> items) {
                out.append('[');
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, items.get(i));
                }
                out.append(']');
            } else {
                throw new IllegalArgumentException("not JSON: " + value.getClass());
            }
        }

        private static void string(StringBuilder out, String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /**
     * JSON text to maps (insertion-ordered), lists, strings, numbers (long or double), booleans and
     * null: a small recursive-descent reader for the server's answers.
     */
    static final class JsonReader {

        private final String text;
        private int at;

        JsonReader(String text) {
            this.text = text;
        }

        Object read() {
            Object value = value();
            space();
            if (at != text.length()) {
                throw error("unexpected content after the JSON value");
            }
            return value;
        }

        private Object value() {
            space();
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(at);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            at++; // {
            space();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw error("expected a field name");
                }
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> items = new ArrayList<>();
            at++; // [
            space();
            if (peek() == ']') {
                at++;
                return items;
            }
            while (true) {
                items.add(value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return items;
                }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            at++; // opening quote
            while (true) {
                if (at >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    throw error("unterminated escape");
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("short \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private Object number() {
            int start = at;
            while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
            String n = text.substring(start, at);
            if (n.isEmpty()) {
                throw error("unexpected character '" + text.charAt(at) + "'");
            }
            if (n.contains(".") || n.contains("e") || n.contains("E")) {
                return Double.parseDouble(n);
            }
            return Long.parseLong(n);
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw error("unexpected text");
            }
            at += word.length();
            return value;
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private IllegalStateException error(String why) {
            return new IllegalStateException("Unreadable JSON at " + at + ": " + why);
        }
    }
}
