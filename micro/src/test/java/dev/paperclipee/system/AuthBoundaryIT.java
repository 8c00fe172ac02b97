package dev.paperclipee.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The auth boundary (spec §9.3, §16): EVERY route of the API — read from the resource classes as
 * {@link OpenApiIT} does, so a new route without a rule here fails {@link #everyRouteHasARule} —
 * called by four callers on an {@code authenticated} instance, each answer checked against the
 * route's rule:
 *
 * <ul>
 *   <li>no credentials: 401 (public routes excepted);</li>
 *   <li>an agent of another company: 403 or 404 (404 where existence must not leak);</li>
 *   <li>an agent of the same company: 403 for board-only routes, else not refused (not 401/403);</li>
 *   <li>the board (a board API key): never 401/403.</li>
 * </ul>
 *
 * Agents call with real ids of company A and bodies that pass validation, so a board-only route
 * is refused by the boundary's permission check and not merely by validation. The board calls
 * with ids that exist nowhere (no side effects: it may do everything). No answer is ever a 5xx.
 */
class AuthBoundaryIT {

    enum Rule {
        /** Anyone, whatever credentials (health, log-in, log-out). */
        PUBLIC,
        /** Any authenticated caller; answers about itself (me, its companies). */
        SELF,
        /** The board only (§9.3): agents 403. */
        BOARD,
        /** The board and agents of the company the route is about. */
        COMPANY,
        /**
         * Only a run's own run-scoped token (the completion callback): an agent's long-lived key is
         * refused (403), and so is the board (403, or 404 for a run that does not exist).
         */
        RUN_TOKEN
    }

    static final Map<String, Rule> RULES = new TreeMap<>();
    /** Bodies that pass validation; "%name%" placeholders are ids made in the set-up. */
    static final Map<String, String> BODIES = new LinkedHashMap<>();
    /** Path parameters other than the default for one route (an agent edits itself). */
    static final Map<String, Map<String, String>> PARAMS = new LinkedHashMap<>();

    static {
        rule(Rule.PUBLIC, "GET /api/health", "POST /api/auth/login", "POST /api/auth/logout",
                "GET /api/skills/index", "GET /api/skills/{name}");
        rule(Rule.SELF, "GET /api/agents/me", "GET /api/auth/me", "GET /api/companies");
        rule(Rule.BOARD,
                "POST /api/companies", "PATCH /api/companies/{companyId}", "PATCH /api/companies/{companyId}/branding",
                "PATCH /api/companies/{companyId}/budgets", "POST /api/companies/{companyId}/archive",
                "POST /api/companies/{companyId}/agents",
                "POST /api/agents/{agentId}/pause", "POST /api/agents/{agentId}/resume", "POST /api/agents/{agentId}/terminate",
                "GET /api/agents/{agentId}/keys", "POST /api/agents/{agentId}/keys", "DELETE /api/agents/{agentId}/keys/{keyId}",
                "GET /api/board/api-keys", "POST /api/board/api-keys", "DELETE /api/board/api-keys/{keyId}",
                "POST /api/approvals/{approvalId}/approve", "POST /api/approvals/{approvalId}/reject",
                "POST /api/approvals/{approvalId}/request-revision",
                "POST /api/issues/{issueId}/admin/force-release",
                "POST /api/companies/{companyId}/costs/rollups", "POST /api/companies/{companyId}/costs/rollups/{jobId}/restart",
                "PATCH /api/projects/{projectId}/budgets", "DELETE /api/goals/{goalId}",
                "GET /api/companies/{companyId}/secrets", "POST /api/companies/{companyId}/secrets",
                "GET /api/secrets/{secretId}", "PATCH /api/secrets/{secretId}", "POST /api/secrets/{secretId}/rotate",
                "DELETE /api/secrets/{secretId}",
                "POST /api/companies/{companyId}/exports", "GET /api/companies/{companyId}/exports/{jobId}",
                "GET /api/companies/{companyId}/exports/{jobId}/package",
                "POST /api/companies/import/packages", "POST /api/companies/import/preview", "POST /api/companies/import",
                "GET /api/companies/import/{jobId}");
        rule(Rule.COMPANY,
                "GET /api/companies/{companyId}", "GET /api/companies/{companyId}/activity", "GET /api/companies/{companyId}/agents",
                "GET /api/companies/{companyId}/approvals", "GET /api/companies/{companyId}/costs/by-agent",
                "GET /api/companies/{companyId}/costs/by-model", "GET /api/companies/{companyId}/costs/by-project",
                "GET /api/companies/{companyId}/costs/rollups", "GET /api/companies/{companyId}/costs/rollups/{jobId}",
                "GET /api/companies/{companyId}/costs/summary", "GET /api/companies/{companyId}/dashboard",
                "GET /api/companies/{companyId}/goals", "GET /api/companies/{companyId}/heartbeat-runs",
                "GET /api/companies/{companyId}/issues", "GET /api/companies/{companyId}/org",
                "GET /api/companies/{companyId}/projects",
                "POST /api/companies/{companyId}/approvals", "POST /api/companies/{companyId}/cost-events",
                "POST /api/companies/{companyId}/goals", "POST /api/companies/{companyId}/issues",
                "POST /api/companies/{companyId}/issues/{issueId}/attachments", "POST /api/companies/{companyId}/projects",
                "GET /api/agents/{agentId}", "PATCH /api/agents/{agentId}", "PATCH /api/agents/{agentId}/budgets",
                "POST /api/agents/{agentId}/heartbeat/invoke",
                "GET /api/approvals/{approvalId}", "POST /api/approvals/{approvalId}/cancel",
                "POST /api/approvals/{approvalId}/resubmit",
                "GET /api/attachments/{attachmentId}/content", "HEAD /api/attachments/{attachmentId}/content",
                "DELETE /api/attachments/{attachmentId}",
                "GET /api/goals/{goalId}", "PATCH /api/goals/{goalId}",
                "GET /api/heartbeat-runs/{runId}", "GET /api/heartbeat-runs/{runId}/log",
                "POST /api/heartbeat-runs/{runId}/cancel",
                "GET /api/issues/{issueId}", "PATCH /api/issues/{issueId}", "GET /api/issues/{issueId}/attachments",
                "GET /api/issues/{issueId}/comments", "POST /api/issues/{issueId}/comments",
                "GET /api/issues/{issueId}/documents", "GET /api/issues/{issueId}/documents/{key}",
                "PUT /api/issues/{issueId}/documents/{key}", "DELETE /api/issues/{issueId}/documents/{key}",
                "GET /api/issues/{issueId}/documents/{key}/revisions",
                "POST /api/issues/{issueId}/checkout", "POST /api/issues/{issueId}/release",
                "GET /api/projects/{projectId}", "PATCH /api/projects/{projectId}",
                "GET /api/companies/{companyId}/routines", "POST /api/companies/{companyId}/routines",
                "GET /api/routines/{routineId}", "PATCH /api/routines/{routineId}", "POST /api/routines/{routineId}/pause",
                "POST /api/routines/{routineId}/resume", "POST /api/routines/{routineId}/run",
                "GET /api/routines/{routineId}/runs");

        rule(Rule.RUN_TOKEN, "POST /api/heartbeat-runs/{runId}/callback");

        BODIES.put("POST /api/companies", "{\"name\":\"Made by the suite\"}");
        BODIES.put("PATCH /api/companies/{companyId}", "{\"name\":\"Renamed\"}");
        BODIES.put("PATCH /api/companies/{companyId}/branding", "{\"brandColor\":\"#123456\"}");
        BODIES.put("PATCH /api/companies/{companyId}/budgets", "{\"budgetMonthlyCents\":1000}");
        BODIES.put("POST /api/companies/{companyId}/agents", "{\"name\":\"Hire\",\"adapterType\":\"process\",\"adapterConfig\":{\"command\":\"true\"}}");
        BODIES.put("POST /api/agents/{agentId}/keys", "{\"name\":\"k\"}");
        BODIES.put("POST /api/board/api-keys", "{\"name\":\"k\"}");
        BODIES.put("POST /api/issues/{issueId}/admin/force-release", "{}");
        BODIES.put("POST /api/companies/{companyId}/costs/rollups", "{\"month\":\"2026-01\"}");
        BODIES.put("PATCH /api/projects/{projectId}/budgets", "{\"budgetMonthlyCents\":1000}");
        BODIES.put("POST /api/companies/{companyId}/approvals", "{\"type\":\"approve_ceo_strategy\",\"payload\":{\"plan\":\"more\"}}");
        BODIES.put("POST /api/companies/{companyId}/cost-events", "{\"agentId\":\"%agentA1%\",\"provider\":\"openai\","
                + "\"model\":\"gpt-5\",\"costCents\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\"}");
        BODIES.put("POST /api/companies/{companyId}/goals", "{\"title\":\"Another goal\"}");
        BODIES.put("POST /api/companies/{companyId}/issues", "{\"title\":\"Another issue\"}");
        BODIES.put("POST /api/companies/{companyId}/projects", "{\"name\":\"Another project\"}");
        BODIES.put("PATCH /api/agents/{agentId}", "{\"title\":\"Chief\"}");
        BODIES.put("PATCH /api/agents/{agentId}/budgets", "{\"budgetMonthlyCents\":500}");
        BODIES.put("POST /api/approvals/{approvalId}/resubmit", "{\"payload\":{\"plan\":\"again\"}}");
        BODIES.put("PATCH /api/goals/{goalId}", "{\"title\":\"Goal renamed\"}");
        BODIES.put("POST /api/heartbeat-runs/{runId}/callback", "{\"status\":\"succeeded\"}");
        BODIES.put("PATCH /api/issues/{issueId}", "{\"title\":\"Issue renamed\"}");
        BODIES.put("POST /api/issues/{issueId}/comments", "{\"body\":\"a comment\"}");
        BODIES.put("PUT /api/issues/{issueId}/documents/{key}", "{\"format\":\"markdown\",\"body\":\"# Plan\"}");
        BODIES.put("POST /api/issues/{issueId}/checkout", "{\"agentId\":\"%agentA1%\",\"expectedStatuses\":[\"todo\",\"backlog\"]}");
        BODIES.put("PATCH /api/projects/{projectId}", "{\"name\":\"Project renamed\"}");
        BODIES.put("POST /api/auth/login", "{}");
        BODIES.put("POST /api/companies/{companyId}/secrets", "{\"name\":\"Another secret\",\"value\":\"s3cr3t-value\"}");
        BODIES.put("PATCH /api/secrets/{secretId}", "{\"description\":\"d\"}");
        BODIES.put("POST /api/secrets/{secretId}/rotate", "{\"value\":\"rotated-value\"}");
        BODIES.put("POST /api/companies/{companyId}/exports", "{}");
        BODIES.put("POST /api/companies/import/preview", "{\"packageId\":\"%secretId%\",\"newCompanyName\":\"Imported\"}");
        BODIES.put("POST /api/companies/import", "{\"packageId\":\"%secretId%\",\"newCompanyName\":\"Imported\"}");
        BODIES.put("POST /api/companies/{companyId}/routines", "{\"title\":\"Another routine\"}");
        BODIES.put("PATCH /api/routines/{routineId}", "{\"title\":\"Routine renamed\"}");

        // an agent edits only itself; it sets budgets below it (its report), and is invoked by itself
        PARAMS.put("PATCH /api/agents/{agentId}", Map.of("agentId", "%agentA1%"));
        PARAMS.put("POST /api/agents/{agentId}/heartbeat/invoke", Map.of("agentId", "%agentA1%"));
        // an agent cancels its own runs only
        PARAMS.put("POST /api/heartbeat-runs/{runId}/cancel", Map.of("runId", "%runA1%"));
    }

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    static PaperclipApp app;
    static Api api;
    static Map<String, String> ids = new LinkedHashMap<>();
    static Map<String, String> board;
    static Map<String, String> agentA1;
    static Map<String, String> agentB1;

    @BeforeAll
    static void anAuthenticatedInstanceWithTwoCompanies() {
        app = AuthenticatedApp.start("auth-boundary", Map.of("PAPERCLIP_KEY_RATE_PER_MINUTE", "1000"));
        api = new Api(app.baseUri());
        String cookie = AuthenticatedApp.login(api, AuthenticatedApp.ADMIN_EMAIL, AuthenticatedApp.ADMIN_PASSWORD);
        Map<String, String> session = AuthenticatedApp.session(cookie, app);
        Api.Reply key = api.send("POST", "/api/board/api-keys", Api.JSON, "{\"name\":\"suite\"}", session);
        assertEquals(201, key.status(), key::toString);
        board = AuthenticatedApp.bearer(key.object().getString("token"));
        ids.put("boardKey", key.object().getString("id"));

        String companyA = created(api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Alpha\"}", board));
        String companyB = created(api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Beta\"}", board));
        String quiet = ",\"adapterType\":\"process\",\"adapterConfig\":{\"command\":\"true\"},"
                + "\"runtimeConfig\":{\"heartbeat\":{\"enabled\":false}}";
        String a1 = created(api.send("POST", "/api/companies/" + companyA + "/agents", Api.JSON,
                "{\"name\":\"CEO A\",\"role\":\"ceo\"" + quiet + "}", board));
        String a2 = created(api.send("POST", "/api/companies/" + companyA + "/agents", Api.JSON,
                "{\"name\":\"Engineer A\",\"reportsTo\":\"" + a1 + "\"" + quiet + "}", board));
        String b1 = created(api.send("POST", "/api/companies/" + companyB + "/agents", Api.JSON,
                "{\"name\":\"CEO B\",\"role\":\"ceo\"" + quiet + "}", board));
        agentA1 = AuthenticatedApp.bearer(token(api.send("POST", "/api/agents/" + a1 + "/keys", Api.JSON, "{\"name\":\"a1\"}", board)));
        agentB1 = AuthenticatedApp.bearer(token(api.send("POST", "/api/agents/" + b1 + "/keys", Api.JSON, "{\"name\":\"b1\"}", board)));
        String a2Key = created(api.send("POST", "/api/agents/" + a2 + "/keys", Api.JSON, "{\"name\":\"a2\"}", board));

        ids.put("companyId", companyA);
        ids.put("agentId", a2);
        ids.put("agentA1", a1);
        ids.put("keyId", a2Key);
        ids.put("projectId", created(api.send("POST", "/api/companies/" + companyA + "/projects", Api.JSON, "{\"name\":\"P\"}", board)));
        ids.put("goalId", created(api.send("POST", "/api/companies/" + companyA + "/goals", Api.JSON, "{\"title\":\"G\"}", board)));
        ids.put("issueId", created(api.send("POST", "/api/companies/" + companyA + "/issues", Api.JSON, "{\"title\":\"I\"}", board)));
        ids.put("key", "plan");
        Api.Reply doc = api.send("PUT", "/api/issues/" + ids.get("issueId") + "/documents/plan", Api.JSON,
                "{\"format\":\"markdown\",\"body\":\"# Plan\"}", board);
        assertEquals(true, doc.status() < 300, doc::toString);
        ids.put("approvalId", created(api.send("POST", "/api/companies/" + companyA + "/approvals", Api.JSON,
                "{\"type\":\"approve_ceo_strategy\",\"payload\":{\"plan\":\"grow\"}}", agentA1)));
        Api.Reply run = api.send("POST", "/api/agents/" + a2 + "/heartbeat/invoke", null, null, board);
        assertEquals(202, run.status(), run::toString);
        ids.put("runId", run.object().getString("id"));
        Api.Reply own = api.send("POST", "/api/agents/" + a1 + "/heartbeat/invoke", null, null, board);
        assertEquals(202, own.status(), own::toString);
        ids.put("runA1", own.object().getString("id"));
        ids.put("attachmentId", UUID.randomUUID().toString());
        ids.put("jobId", "1");
        ids.put("secretId", created(api.send("POST", "/api/companies/" + companyA + "/secrets", Api.JSON,
                "{\"name\":\"S\",\"value\":\"fixture-secret\"}", board)));
        ids.put("routineId", created(api.send("POST", "/api/companies/" + companyA + "/routines", Api.JSON,
                "{\"title\":\"R\"}", board)));
        ids.put("name", "paperclip");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void everyRouteHasARule() throws Exception {
        Set<String> routes = new TreeSet<>();
        for (OpenApiIT.Route route : OpenApiIT.routes()) {
            routes.add(route.toString());
        }
        assertEquals(routes, RULES.keySet(), "a route without an auth rule (add it to RULES), or a rule without a route");
    }

    @Test
    void everyRouteAnswersEachCallerAsItsRuleSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        List<OpenApiIT.Route> routes = new ArrayList<>(OpenApiIT.routes());
        // the board-only routes first: a permission gap there must not disturb the others
        routes.sort((x, y) -> Boolean.compare(RULES.get(y.toString()) == Rule.BOARD, RULES.get(x.toString()) == Rule.BOARD));
        for (OpenApiIT.Route route : routes) {
            String name = route.toString();
            Rule rule = RULES.get(name);
            if (rule == null) {
                continue; // everyRouteHasARule says so
            }
            String body = BODIES.containsKey(name) ? fill(BODIES.get(name)) : null;
            String real = path(route, true);
            String nowhere = path(route, false);

            int none = call(route.method(), real, body, Map.of());
            int other = call(route.method(), real, body, agentB1);
            int same = call(route.method(), real, body, agentA1);
            int byBoard = call(route.method(), nowhere, body, board);

            String seen = name + ": none " + none + ", other company " + other + ", same company " + same + ", board " + byBoard;
            boolean ok = switch (rule) {
                case PUBLIC -> none != 401 && other != 401 && same != 401 && byBoard != 401;
                case SELF -> none == 401 && allowed(other) && allowed(same) && allowed(byBoard);
                case BOARD -> none == 401 && (other == 403 || other == 404) && same == 403 && allowed(byBoard);
                case COMPANY -> none == 401 && (other == 403 || other == 404) && allowed(same) && allowed(byBoard);
                case RUN_TOKEN -> none == 401 && (other == 403 || other == 404) && same == 403
                        && (byBoard == 403 || byBoard == 404);
            };
            boolean no5xx = none < 500 && other < 500 && same < 500 && byBoard < 500;
            if (!ok || !no5xx) {
                wrong.add(rule + " " + seen);
            }
            System.out.println("auth boundary: " + rule + " " + seen);
        }
        assertEquals(List.of(), wrong, "answers that break the route's auth rule");
    }

    private static boolean allowed(int status) {
        return status != 401 && status != 403 && status < 500;
    }

    private static int call(String method, String path, String body, Map<String, String> headers) {
        return api.send(method, path, body == null ? null : Api.JSON, body, headers).status();
    }

    /** The route's path with company A's ids ({@code real}) or ids that exist nowhere. */
    private static String path(OpenApiIT.Route route, boolean real) {
        Map<String, String> overrides = PARAMS.getOrDefault(route.toString(), Map.of());
        Matcher m = PARAM.matcher(route.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String param = m.group(1);
            String value;
            if (!real) {
                value = switch (param) {
                    case "key" -> "nowhere";
                    case "jobId" -> "999999";
                    default -> UUID.randomUUID().toString();
                };
            } else if (overrides.containsKey(param)) {
                value = fill(overrides.get(param));
            } else if (route.path().startsWith("/api/board/api-keys") && param.equals("keyId")) {
                value = ids.get("boardKey");
            } else {
                value = ids.get(param);
                if (value == null) {
                    throw new AssertionError("no id for {" + param + "} of " + route);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace("%" + id.getKey() + "%", id.getValue());
        }
        return filled;
    }

    private static String created(Api.Reply reply) {
        assertEquals(true, reply.status() == 200 || reply.status() == 201, reply::toString);
        return reply.object().getString("id");
    }

    private static String token(Api.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("token");
    }

    private static void rule(Rule rule, String... routes) {
        for (String route : routes) {
            if (RULES.put(route, rule) != null) {
                throw new IllegalStateException("two rules for " + route);
            }
        }
    }
}
