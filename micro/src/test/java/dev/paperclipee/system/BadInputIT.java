package dev.paperclipee.system;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input at every endpoint, generated from one table ({@link #ENDPOINTS}): malformed and
 * truncated JSON, JSON that is not an object, no body, the wrong Content-Type, every field with
 * every wrong JSON type, numbers past 32 and 64 bits, fractions, 1 MB strings, NUL characters and
 * lone surrogates, each required field missing, each id field as a non-UUID, an unknown UUID and
 * another company's id, each path id as a non-UUID and an unknown UUID (and as another company's
 * id where the body links the caller's own company), bodies over 4 MB, and bad query parameters.
 *
 * <p>Every case must answer 4xx (never 5xx) with a JSON body whose {@code error} is a non-empty
 * string, and must write nothing: the row counts of the tables the API writes and the content of
 * the fixture companies' rows are the same before and after.
 *
 * <p>Adding an endpoint is one row: method, path template, and for a JSON body each field with
 * its {@link FieldType} and a valid value (id fields name their {@link Kind}; the valid value is
 * the own company's fixture). Path placeholders: {@code {company}}, {@code {throwaway}} (a company
 * of its own, for routes such as archive that change the company itself), {@code {goal}},
 * {@code {project}}, {@code {run}} (a finished heartbeat run of the fixture agent), {@code {approval}}
 * (a pending approval), {@code {secret}} (a company secret), {@code {routine}} (a routine without a schedule, so it never fires); a new kind of
 * id is a {@link Kind} constant plus its two fixtures in {@link #createFixtures()}. A field that is
 * an object of known fields ({@link FieldType#RECORD}) lists them, and each of them gets its wrong
 * values inside the object. Multipart routes need a generator of their own.
 *
 * <p>The caller is the board, which may act in every company; in addition every endpoint is
 * called once, well-formed, on our company's ids with another company's agent key, which must be
 * refused (403 or 404) and write nothing.
 */
class BadInputIT {

    /** What an id names; each has an own-company fixture and another company's. */
    enum Kind { COMPANY, THROWAWAY, GOAL, PROJECT, AGENT, KEY, ISSUE, RUN, APPROVAL, SECRET, ROUTINE }

    /**
     * The JSON type a field takes, which decides the wrong values generated for it: {@code TIMESTAMP}
     * an ISO-8601 instant, {@code INT32}
     * is a count (never negative), {@code SIGNED_INT32} may be negative (an exit code),
     * {@code DECIMAL} a non-negative amount with a fraction, {@code OBJECT} free-form JSON that is
     * stored, {@code RECORD} an object of known fields (unknown ones are ignored).
     */
    enum FieldType { TEXT, ENUM, DATE, TIMESTAMP, ID, INT32, SIGNED_INT32, DECIMAL, BOOLEAN, OBJECT, RECORD, ENUM_ARRAY }

    // ---- the table ------------------------------------------------------------------------------

    /** {@code ?month=} of the cost reads takes {@code YYYY-MM} only. */
    static final String[] BAD_MONTHS = {"2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", "2026/01", "x", "", "%00"};

    static final List<Endpoint> ENDPOINTS = List.of(
            // companies (spec §10.1)
            post("/api/companies",
                    text("name", "\"Never Created\"").required(), text("description", "\"d\""),
                    field("budgetMonthlyCents", FieldType.INT32, "100"),
                    field("requireBoardApprovalForNewAgents", FieldType.BOOLEAN, "true")),
            get("/api/companies/{company}"),
            patch("/api/companies/{company}",
                    text("name", "\"Never Renamed\""), text("description", "\"never\""),
                    field("status", FieldType.ENUM, "\"paused\""),
                    field("budgetMonthlyCents", FieldType.INT32, "100"),
                    field("requireBoardApprovalForNewAgents", FieldType.BOOLEAN, "true"),
                    field("attachmentMaxBytes", FieldType.INT32, "1000")),
            patch("/api/companies/{company}/branding",
                    text("brandColor", "\"#123456\""), text("logoUrl", "\"https://example.test/logo.png\"")),
            bodiless("POST", "/api/companies/{throwaway}/archive"),
            // goals (spec §10.2)
            get("/api/companies/{company}/goals"),
            post("/api/companies/{company}/goals",
                    text("title", "\"Never Created\"").required(), text("description", "\"d\""),
                    field("level", FieldType.ENUM, "\"team\""), field("status", FieldType.ENUM, "\"active\""),
                    id("parentId", Kind.GOAL), id("ownerAgentId", Kind.AGENT)),
            get("/api/goals/{goal}"),
            patch("/api/goals/{goal}",
                    text("title", "\"Never Renamed\""), text("description", "\"never\""),
                    field("level", FieldType.ENUM, "\"team\""), field("status", FieldType.ENUM, "\"active\""),
                    id("parentId", Kind.GOAL), id("ownerAgentId", Kind.AGENT)),
            bodiless("DELETE", "/api/goals/{goal}"),
            // projects (spec §10.5)
            get("/api/companies/{company}/projects"),
            post("/api/companies/{company}/projects",
                    text("name", "\"Never Created\"").required(), text("description", "\"d\""),
                    field("status", FieldType.ENUM, "\"planned\""), id("goalId", Kind.GOAL), id("leadAgentId", Kind.AGENT),
                    field("targetDate", FieldType.DATE, "\"2026-12-31\""), field("env", FieldType.OBJECT, "{\"A\":\"b\"}")),
            get("/api/projects/{project}"),
            patch("/api/projects/{project}",
                    text("name", "\"Never Renamed\""), text("description", "\"never\""),
                    field("status", FieldType.ENUM, "\"planned\""), id("goalId", Kind.GOAL), id("leadAgentId", Kind.AGENT),
                    field("targetDate", FieldType.DATE, "\"2026-12-31\""), field("env", FieldType.OBJECT, "{\"A\":\"b\"}")),
            // agents and their keys (spec §10.3)
            get("/api/companies/{company}/agents", query("status", "sleeping", "%00")),
            get("/api/companies/{company}/org"),
            post("/api/companies/{company}/agents",
                    text("name", "\"Never Hired\"").required(), field("role", FieldType.ENUM, "\"engineer\""),
                    text("title", "\"t\""), text("icon", "\"i\""), id("reportsTo", Kind.AGENT),
                    text("capabilities", "\"c\""), text("adapterType", "\"process\""),
                    field("adapterConfig", FieldType.OBJECT, "{\"command\":\"true\"}"),
                    field("runtimeConfig", FieldType.OBJECT, "{\"heartbeat\":{\"intervalSec\":60}}"),
                    field("budgetMonthlyCents", FieldType.INT32, "100"),
                    field("permissions", FieldType.OBJECT, "{}"), field("metadata", FieldType.OBJECT, "{}")),
            get("/api/agents/{agent}"),
            patch("/api/agents/{agent}",
                    text("name", "\"Never Renamed\""), field("role", FieldType.ENUM, "\"engineer\""),
                    text("title", "\"t\""), id("reportsTo", Kind.AGENT), field("status", FieldType.ENUM, "\"idle\""),
                    text("adapterType", "\"process\""), field("runtimeConfig", FieldType.OBJECT, "{}"),
                    field("budgetMonthlyCents", FieldType.INT32, "100"), field("metadata", FieldType.OBJECT, "{}")),
            bodiless("POST", "/api/agents/{agent}/pause"),
            bodiless("POST", "/api/agents/{agent}/resume"),
            bodiless("POST", "/api/agents/{agent}/terminate"),
            get("/api/agents/{agent}/keys"),
            post("/api/agents/{agent}/keys", text("name", "\"Never Issued\"").required()),
            bodiless("DELETE", "/api/agents/{agent}/keys/{key}"),
            // issues, checkout and comments (spec §10.4, §10.4.1)
            get("/api/companies/{company}/issues",
                    query("status", "open", "todo,nope", "%00"), query("limit", "0", "1001", "x", "1.5", "", "99999999999"),
                    query("offset", "-1", "x"), query("assigneeAgentId", "nope", ""), query("projectId", "1"),
                    query("parentId", "%00"), query("q", "x".repeat(201), "a%00b")),
            post("/api/companies/{company}/issues",
                    text("title", "\"Never Created\"").required(), text("description", "\"d\""),
                    field("status", FieldType.ENUM, "\"todo\""), field("priority", FieldType.ENUM, "\"high\""),
                    id("assigneeAgentId", Kind.AGENT), id("projectId", Kind.PROJECT), id("goalId", Kind.GOAL),
                    id("parentId", Kind.ISSUE), text("assigneeUserId", "\"00000000-0000-0000-0000-000000000001\""),
                    text("billingCode", "\"OPS\"")),
            get("/api/issues/{issue}"),
            patch("/api/issues/{issue}",
                    text("title", "\"Never Renamed\""), text("description", "\"d\""),
                    field("status", FieldType.ENUM, "\"todo\""), field("priority", FieldType.ENUM, "\"high\""),
                    id("assigneeAgentId", Kind.AGENT), id("projectId", Kind.PROJECT), id("goalId", Kind.GOAL),
                    id("parentId", Kind.ISSUE), text("billingCode", "\"OPS\""), text("comment", "\"c\"")),
            post("/api/issues/{issue}/checkout",
                    id("agentId", Kind.AGENT).required(), field("expectedStatuses", FieldType.ENUM_ARRAY, "[\"todo\"]").required()),
            bodiless("POST", "/api/issues/{issue}/release"),
            // its body is optional (an empty body is a valid call), so only its path is generated here;
            // IssuesApiIT refuses its malformed bodies
            bodiless("POST", "/api/issues/{issue}/admin/force-release"),
            get("/api/issues/{issue}/comments", query("after", "nope", "%00"), query("order", "sideways"),
                    query("limit", "0", "1001", "x")),
            post("/api/issues/{issue}/comments", text("body", "\"Never Said\"").required()),
            // issue documents (spec §7.15): the fixture issue has no "plan", so a valid PUT would create it
            get("/api/issues/{issue}/documents"),
            new Endpoint("PUT", "/api/issues/{issue}/documents/plan", true, List.of(text("body", "\"Never Written\"").required(),
                    text("title", "\"t\""), field("format", FieldType.ENUM, "\"markdown\""), text("changeSummary", "\"c\"")),
                    List.of()),
            get("/api/issues/{issue}/documents/plan/revisions", query("limit", "0", "201", "x")),
            bodiless("DELETE", "/api/issues/{issue}/documents/plan"),
            // issue attachments (spec §7.14): uploads are multipart, refused in AttachmentsApiIT
            get("/api/issues/{issue}/attachments"),
            // cost events (spec §10.7, §13.3)
            post("/api/companies/{company}/cost-events",
                    id("agentId", Kind.AGENT).required(), text("provider", "\"openai\"").required(),
                    text("model", "\"gpt-5\"").required(), field("costCents", FieldType.INT32, "89").required(),
                    field("occurredAt", FieldType.TIMESTAMP, "\"2026-02-17T20:25:00Z\"").required(),
                    field("inputTokens", FieldType.INT32, "1234"), field("cachedInputTokens", FieldType.INT32, "0"),
                    field("outputTokens", FieldType.INT32, "567"), id("issueId", Kind.ISSUE),
                    id("projectId", Kind.PROJECT), id("goalId", Kind.GOAL), text("billingCode", "\"OPS\"")),
            // budgets and cost reads (spec §10.7, §13)
            patch("/api/companies/{company}/budgets", field("budgetMonthlyCents", FieldType.INT32, "100").required()),
            patch("/api/agents/{agent}/budgets", field("budgetMonthlyCents", FieldType.INT32, "100").required()),
            patch("/api/projects/{project}/budgets", field("budgetMonthlyCents", FieldType.INT32, "100").required()),
            get("/api/companies/{company}/costs/summary", query("month", BAD_MONTHS)),
            get("/api/companies/{company}/costs/by-agent", query("month", BAD_MONTHS)),
            get("/api/companies/{company}/costs/by-project", query("month", BAD_MONTHS)),
            get("/api/companies/{company}/costs/by-model", query("month", BAD_MONTHS)),
            // cost rollups (issue 5): the start's body is optional ({month?}), so only its path is generated here;
            // CostRollupsApiIT refuses a bad month and covers the routes of one job execution
            bodiless("POST", "/api/companies/{company}/costs/rollups"),
            get("/api/companies/{company}/costs/rollups", query("month", BAD_MONTHS)),
            // company export and import (issue 8, spec §21): the export's body is optional ({projects?, tasks?}), so only its
            // path is generated here; its malformed bodies, the routes of one job execution, the zip upload (multipart) and
            // the jobs themselves are covered in PortabilityApiIT.
            // No bad body names a source that exists, so none of them reaches a job.
            bodiless("POST", "/api/companies/{company}/exports"),
            post("/api/companies/import/preview",
                    text("packageId", "\"" + UUID.randomUUID() + "\""), text("directory", "\"/nonexistent\""),
                    id("companyId", Kind.COMPANY), text("newCompanyName", "\"Never Imported\""),
                    field("collisionStrategy", FieldType.ENUM, "\"skip\""),
                    field("projects", FieldType.BOOLEAN, "true"), field("tasks", FieldType.BOOLEAN, "true")),
            post("/api/companies/import",
                    text("packageId", "\"" + UUID.randomUUID() + "\""), text("directory", "\"/nonexistent\""),
                    id("companyId", Kind.COMPANY), text("newCompanyName", "\"Never Imported\""),
                    field("collisionStrategy", FieldType.ENUM, "\"skip\""),
                    field("projects", FieldType.BOOLEAN, "true"), field("tasks", FieldType.BOOLEAN, "true")),
            // activity (spec §10.8)
            get("/api/companies/{company}/activity",
                    query("limit", "0", "501", "-1", "abc", "1.5", "", "99999999999"),
                    query("offset", "-1", "x", "0.5", "99999999999"),
                    query("agentId", "not-a-uuid", ""),
                    query("actorType", "robot", ""),
                    query("entityType", "a%00b"),
                    query("entityId", "%00"),
                    query("action", "x".repeat(501))),
            // heartbeat runs (spec §10.3 invoke, §7.8, §11.3 callback): invoke ignores any body, and
            // the callback is the run's own key's (the board's well-formed report is a 403), so
            // every malformed body below is refused before anyone is asked who calls
            bodiless("POST", "/api/agents/{agent}/heartbeat/invoke"),
            get("/api/companies/{company}/heartbeat-runs", query("agentId", "nope", "", "%00"),
                    query("status", "nope", "succeeded,nope", "%00", "x".repeat(501)),
                    query("limit", "0", "501", "-1", "x", "1.5", "", "99999999999"), query("offset", "-1", "x", "")),
            get("/api/heartbeat-runs/{run}"),
            bodiless("POST", "/api/heartbeat-runs/{run}/cancel"),
            get("/api/heartbeat-runs/{run}/log", query("offset", "-1", "x", "1.5", "", "99999999999999999999"),
                    query("limitBytes", "0", "-1", "4194305", "x", "1.5", "")),
            post("/api/heartbeat-runs/{run}/callback",
                    field("status", FieldType.ENUM, "\"succeeded\"").required(), text("error", "\"e\""),
                    field("exitCode", FieldType.SIGNED_INT32, "1"), text("externalRunId", "\"x\""),
                    text("sessionId", "\"s\""),
                    record("usage", "{\"provider\":\"p\"}", text("provider", "\"p\""), text("model", "\"m\""),
                            field("inputTokens", FieldType.INT32, "1"), field("cachedInputTokens", FieldType.INT32, "1"),
                            field("outputTokens", FieldType.INT32, "1"), field("costUsd", FieldType.DECIMAL, "0.25"))),
            // approvals (spec §10.6, §8.3, §12.1): the hire payload is an agent-create body, each of its fields gets
            // its wrong values; the decisions take an optional body ({decisionNote?}), so only their paths are
            // generated here and ApprovalsApiIT refuses their malformed bodies. The fixture approval stays pending.
            get("/api/companies/{company}/approvals", query("status", "nope", "pending,approved", "%00"),
                    query("limit", "0", "501", "-1", "x", "1.5", "", "99999999999"), query("offset", "-1", "x", "")),
            post("/api/companies/{company}/approvals",
                    field("type", FieldType.ENUM, "\"hire_agent\"").required(),
                    record("payload", "{\"name\":\"Never Hired\"}", text("name", "\"Never Hired\""),
                            field("role", FieldType.ENUM, "\"engineer\""), text("title", "\"t\""), text("icon", "\"i\""),
                            id("reportsTo", Kind.AGENT), text("capabilities", "\"c\""), text("adapterType", "\"process\""),
                            field("adapterConfig", FieldType.OBJECT, "{\"command\":\"true\"}"),
                            field("runtimeConfig", FieldType.OBJECT, "{\"heartbeat\":{\"intervalSec\":60}}"),
                            field("budgetMonthlyCents", FieldType.INT32, "100"), field("permissions", FieldType.OBJECT, "{}"),
                            field("metadata", FieldType.OBJECT, "{}"), field("createApiKey", FieldType.BOOLEAN, "true"))
                            .required()),
            get("/api/approvals/{approval}"),
            bodiless("POST", "/api/approvals/{approval}/approve"),
            bodiless("POST", "/api/approvals/{approval}/reject"),
            bodiless("POST", "/api/approvals/{approval}/cancel"),
            bodiless("POST", "/api/approvals/{approval}/request-revision"),
            post("/api/approvals/{approval}/resubmit", field("payload", FieldType.OBJECT, "{\"ask\":\"again\"}")),
            // the dashboard (spec §10.8)
            get("/api/companies/{company}/dashboard"),
            // company secrets (spec §7.12): board only, values never answered
            get("/api/companies/{company}/secrets"),
            post("/api/companies/{company}/secrets",
                    text("name", "\"Never Created\"").required(), text("value", "\"never-stored-value\"").required(),
                    text("description", "\"d\""), field("provider", FieldType.ENUM, "\"local_encrypted\"")),
            get("/api/secrets/{secret}"),
            patch("/api/secrets/{secret}", text("name", "\"Never Renamed\""), text("description", "\"never\"")),
            post("/api/secrets/{secret}/rotate", text("value", "\"never-rotated-value\"").required()),
            bodiless("DELETE", "/api/secrets/{secret}"),
            // routines (spec §10.10): the actions take no body; a well-formed manual run is RoutinesApiIT's
            get("/api/companies/{company}/routines"),
            post("/api/companies/{company}/routines",
                    text("title", "\"Never Created\"").required(), text("description", "\"d\""),
                    field("priority", FieldType.ENUM, "\"high\""), id("assigneeAgentId", Kind.AGENT),
                    id("projectId", Kind.PROJECT), id("goalId", Kind.GOAL),
                    field("concurrencyPolicy", FieldType.ENUM, "\"skip_if_active\""),
                    text("cronExpression", "\"0 9 * * 1\""), text("timezone", "\"Europe/Berlin\""),
                    field("status", FieldType.ENUM, "\"paused\"")),
            get("/api/routines/{routine}"),
            patch("/api/routines/{routine}",
                    text("title", "\"Never Renamed\""), text("description", "\"d\""),
                    field("priority", FieldType.ENUM, "\"high\""), id("assigneeAgentId", Kind.AGENT),
                    id("projectId", Kind.PROJECT), id("goalId", Kind.GOAL),
                    field("concurrencyPolicy", FieldType.ENUM, "\"skip_if_active\""),
                    text("cronExpression", "\"0 9 * * 1\""), text("timezone", "\"Europe/Berlin\""),
                    field("status", FieldType.ENUM, "\"paused\"")),
            bodiless("POST", "/api/routines/{routine}/pause"),
            bodiless("POST", "/api/routines/{routine}/resume"),
            bodiless("POST", "/api/routines/{routine}/run"),
            get("/api/routines/{routine}/runs", query("limit", "0", "201", "-1", "x", "1.5", "", "99999999999")),
            // board log-in and board API keys (issue 6): log-in is open to anyone (no "another company's agent"
            // case); a bad body is a 400 before any password is checked. Log-out and /auth/me take no input.
            post("/api/auth/login", text("email", "\"nobody@example.test\"").required(),
                    text("password", "\"not-a-password\"").required()),
            get("/api/board/api-keys"),
            post("/api/board/api-keys", text("name", "\"Never Issued\"").required()),
            bodiless("DELETE", "/api/board/api-keys/{key}"));

    // ---- fixtures, shared by every case ---------------------------------------------------------

    static Api api;
    static Connection db;
    static final Map<Kind, String> OWN = new LinkedHashMap<>();
    static final Map<Kind, String> FOREIGN = new LinkedHashMap<>();
    /** The API key of the other company's fixture agent. */
    static String foreignAgentToken;

    @BeforeAll
    static void createFixtures() throws SQLException {
        api = Api.ofSharedApp();
        db = PaperclipApp.get().openDatabase();
        for (Map<Kind, String> side : List.of(OWN, FOREIGN)) {
            String company = created("/api/companies", "{\"name\":\"Bad Input " + token() + "\"}");
            side.put(Kind.COMPANY, company);
            side.put(Kind.THROWAWAY, created("/api/companies", "{\"name\":\"Bad Input Throwaway " + token() + "\"}"));
            side.put(Kind.GOAL, api.get("/api/companies/" + company + "/goals").array().getJsonObject(0).getString("id"));
            side.put(Kind.PROJECT, created("/api/companies/" + company + "/projects", "{\"name\":\"Fixture\"}"));
            String agent = created("/api/companies/" + company + "/agents",
                    "{\"name\":\"Fixture\",\"adapterConfig\":{\"command\":\"true\"}}");
            side.put(Kind.AGENT, agent);
            Api.Reply key = api.post("/api/agents/" + agent + "/keys", "{\"name\":\"Fixture\"}");
            assertEquals(201, key.status(), key::toString);
            side.put(Kind.KEY, key.object().getString("id"));
            if (side == FOREIGN) {
                foreignAgentToken = key.object().getString("token");
            }
            // backlog, so that even a checkout that slipped through validation would find nothing to claim
            side.put(Kind.ISSUE, created("/api/companies/" + company + "/issues", "{\"title\":\"Fixture\"}"));
            side.put(Kind.RUN, finishedRun(agent));
            side.put(Kind.SECRET, created("/api/companies/" + company + "/secrets",
                    "{\"name\":\"Fixture\",\"value\":\"fixture-secret-value\"}"));
            side.put(Kind.APPROVAL, created("/api/companies/" + company + "/approvals",
                    "{\"type\":\"request_board_approval\",\"payload\":{\"fixture\":true}}"));
            side.put(Kind.ROUTINE, created("/api/companies/" + company + "/routines", "{\"title\":\"Fixture\"}"));
        }
    }

    /** A run of the agent, once it has ended: its row and the agent's no longer change. */
    private static String finishedRun(String agent) {
        Api.Reply invoked = api.send("POST", "/api/agents/" + agent + "/heartbeat/invoke", null, null, Map.of());
        assertEquals(202, invoked.status(), invoked::toString);
        String run = invoked.object().getString("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            Api.Reply reply = api.get("/api/heartbeat-runs/" + run);
            assertEquals(200, reply.status(), reply::toString);
            if (Set.of("succeeded", "failed", "cancelled", "timed_out").contains(reply.object().getString("status"))) {
                return run;
            }
            assertTrue(Instant.now().isBefore(deadline), "the fixture run did not end: " + reply);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String created(String path, String body) {
        Api.Reply reply = api.post(path, body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    @AfterAll
    static void closeDatabase() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> everyEndpointRefusesBadInputWithA4xxAndWritesNothing() {
        return ENDPOINTS.stream().map(endpoint -> DynamicContainer.dynamicContainer(endpoint.toString(),
                endpoint.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)))));
    }

    // ---- running one case -------------------------------------------------------------------------

    private static void run(Case c) throws SQLException {
        String before = snapshot();
        Api.Reply reply = api.send(c.method(), c.path(), c.contentType(), c.body(),
                c.asForeignAgent() ? Map.of("Authorization", "Bearer " + foreignAgentToken) : Map.of());
        String shown = c.method() + " " + c.path() + " [" + c.name() + "] → " + reply.status() + " "
                + (reply.body().length() > 300 ? reply.body().substring(0, 300) + "…" : reply.body());
        assertTrue(reply.status() >= 400 && reply.status() < 500, "a 4xx: " + shown);
        if (c.asForeignAgent()) {
            assertTrue(reply.status() == 403 || reply.status() == 404, "another company's agent is refused: " + shown);
        }
        if (c.expected() != 0) {
            assertEquals(c.expected(), reply.status(), shown);
        }
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"), "JSON: " + shown);
        JsonValue body = reply.json();
        assertTrue(body instanceof JsonObject o && o.get("error") instanceof JsonString s && !s.getString().isBlank(),
                "an error message: " + shown);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat "), "no stack trace: " + shown);
        assertEquals(before, snapshot(), "nothing written: " + shown);
    }

    /**
     * Row counts of every table the API writes so far, and the content of the fixture
     * companies' rows (a refused PATCH must not have half-applied). Heartbeat runs are counted in
     * the fixture companies only: the runs of other test classes' agents may still be ending; so are
     * routine runs (another class's routine may fire on schedule).
     */
    private static String snapshot() throws SQLException {
        String companies = "{" + String.join(",", OWN.get(Kind.COMPANY), OWN.get(Kind.THROWAWAY),
                FOREIGN.get(Kind.COMPANY), FOREIGN.get(Kind.THROWAWAY)) + "}";
        try (PreparedStatement q = db.prepareStatement("""
                select (select count(*) from companies) || '/' || (select count(*) from goals) || '/'
                    || (select count(*) from projects) || '/' || (select count(*) from agents) || '/'
                    || (select count(*) from agent_api_keys) || '/' || (select count(*) from issues) || '/'
                    || (select count(*) from issue_comments) || '/' || (select count(*) from documents) || '/'
                    || (select count(*) from document_revisions) || '/' || (select count(*) from assets) || '/'
                    || (select count(*) from activity_log) || '/' || (select count(*) from cost_events) || '/'
                    || (select count(*) from heartbeat_runs where company_id = any(?::uuid[])) || '/'
                    || (select count(*) from company_secrets) || '/' || (select count(*) from company_secret_versions) || '/'
                    || (select count(*) from routines) || '/'
                    || (select count(*) from routine_runs where company_id = any(?::uuid[])) || ' ' || md5(
                       coalesce((select string_agg(c::text, '|' order by c.id) from companies c where c.id = any(?::uuid[])), '')
                    || coalesce((select string_agg(g::text, '|' order by g.id) from goals g where g.company_id = any(?::uuid[])), '')
                    || coalesce((select string_agg(p::text, '|' order by p.id) from projects p where p.company_id = any(?::uuid[])), '')
                    || coalesce((select string_agg(a::text, '|' order by a.id) from agents a where a.company_id = any(?::uuid[])), '')
                    || coalesce((select string_agg(k.id || k.revoked_at::text, '|' order by k.id) from agent_api_keys k
                                  where k.company_id = any(?::uuid[])), '')
                    || coalesce((select string_agg(i::text, '|' order by i.id) from issues i where i.company_id = any(?::uuid[])), '')
                    || coalesce((select string_agg(r::text, '|' order by r.id) from heartbeat_runs r
                                  where r.company_id = any(?::uuid[])), '')
                    || coalesce((select string_agg(s::text, '|' order by s.id) from company_secrets s
                                  where s.company_id = any(?::uuid[])), '')
                    || coalesce((select string_agg(r::text, '|' order by r.id) from routines r
                                  where r.company_id = any(?::uuid[])), ''))
                """)) {
            for (int i = 1; i <= 11; i++) {
                q.setString(i, companies);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    // ---- generating the cases ---------------------------------------------------------------------

    /** One request to send: {@code expected} 0 means any 4xx. */
    record Case(String name, String method, String path, String contentType, String body, int expected,
                boolean asForeignAgent) {

        Case(String name, String method, String path, String contentType, String body, int expected) {
            this(name, method, path, contentType, body, expected, false);
        }
    }

    record Field(String name, FieldType type, String valid, Kind kind, boolean isRequired, List<Field> nested) {

        Field(String name, FieldType type, String valid, Kind kind, boolean isRequired) {
            this(name, type, valid, kind, isRequired, List.of());
        }

        Field required() {
            return new Field(name, type, valid, kind, true, nested);
        }


        /** A valid value as JSON: an id field names the own company's fixture of its kind. */
        String validJson() {
            return type == FieldType.ID ? quote(OWN.get(kind)) : valid;
        }

        boolean isText() {
            return type == FieldType.TEXT || type == FieldType.ENUM || type == FieldType.DATE || type == FieldType.TIMESTAMP
                    || type == FieldType.ID;
        }
    }

    record Query(String name, List<String> bad) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    private static final String ONE_MB = "\"" + "m".repeat(1024 * 1024) + "\"";
    private static final int OVER_4_MB = 4 * 1024 * 1024 + 1024;

    record Endpoint(String method, String template, boolean hasBody, List<Field> fields, List<Query> queries) {

        @Override
        public String toString() {
            return method + " " + template;
        }

        List<Case> cases() {
            List<Case> cases = new ArrayList<>();
            pathCases(cases);
            // a well-formed request on our company's ids, made with another company's agent key
            // (not for logging in, which anyone may try)
            if (!template.startsWith("/api/auth/")) {
                cases.add(new Case("as another company's agent", method, path(Map.of()), hasBody ? Api.JSON : null,
                        hasBody ? minimal() : null, 0, true));
            }
            queries.forEach(q -> q.bad().forEach(value -> cases.add(new Case("?" + q.name() + "=" + abbreviate(value), method,
                    path(Map.of()) + "?" + q.name() + "=" + value, null, null, 400))));
            if (hasBody) {
                bodyCases(cases);
            }
            return cases;
        }

        /** Each path id as a non-UUID and an unknown UUID; as another company's where the body links our own. */
        private void pathCases(List<Case> cases) {
            Matcher m = PLACEHOLDER.matcher(template);
            while (m.find()) {
                String placeholder = m.group(1);
                String body = hasBody ? minimal() : null;
                String type = hasBody ? Api.JSON : null;
                cases.add(new Case("path {" + placeholder + "} not a UUID", method, path(Map.of(placeholder, "not-a-uuid")),
                        type, body, 404));
                cases.add(new Case("path {" + placeholder + "} unknown", method,
                        path(Map.of(placeholder, UUID.randomUUID().toString())), type, body, 404));
                if (fields.stream().anyMatch(f -> f.type() == FieldType.ID)) {
                    // the board may act in every company: only a link back into ours makes it wrong
                    cases.add(new Case("path {" + placeholder + "} of another company, body linking ours", method,
                            path(Map.of(placeholder, FOREIGN.get(kind(placeholder)))), Api.JSON, withOwnLinks(), 0));
                }
            }
        }

        private void bodyCases(List<Case> cases) {
            String valid = minimal();
            String path = path(Map.of());
            List<String[]> whole = List.of(
                    new String[] {"malformed JSON: unquoted key", "{name: 'x'}"},
                    new String[] {"malformed JSON: trailing comma", valid.equals("{}") ? "{\"a\":1,}" : valid.replaceFirst("}$", ",}")},
                    new String[] {"truncated JSON", valid.substring(0, valid.length() - 1)},
                    new String[] {"two objects", valid + valid},
                    new String[] {"JSON null", "null"},
                    new String[] {"JSON array", "[]"},
                    new String[] {"array of the body", "[" + valid + "]"},
                    new String[] {"JSON string", "\"x\""},
                    new String[] {"JSON number", "42"},
                    new String[] {"empty body", ""},
                    new String[] {"nested 5000 deep", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"});
            for (String[] w : whole) {
                cases.add(new Case(w[0], method, path, Api.JSON, w[1], 400));
            }
            cases.add(new Case("Content-Type text/plain", method, path, "text/plain", valid, 415));
            cases.add(new Case("no Content-Type", method, path, null, valid, 415));
            cases.add(new Case("body over 4 MB", method, path, Api.JSON,
                    valid.replaceFirst("^\\{", "{\"padding\":\"" + "p".repeat(OVER_4_MB) + "\"" + (valid.equals("{}") ? "" : ",")),
                    413));
            for (Field f : fields) {
                for (Map.Entry<String, String> bad : wrongValues(f).entrySet()) {
                    cases.add(new Case(f.name() + ": " + bad.getKey(), method, path, Api.JSON, with(f, bad.getValue()), 400));
                }
                for (Field inner : f.nested()) {
                    for (Map.Entry<String, String> bad : wrongValues(inner).entrySet()) {
                        cases.add(new Case(f.name() + "." + inner.name() + ": " + bad.getKey(), method, path, Api.JSON,
                                with(f, "{" + quote(inner.name()) + ":" + bad.getValue() + "}"), 400));
                    }
                }
                if (f.type() == FieldType.ID) {
                    cases.add(new Case(f.name() + ": unknown id", method, path, Api.JSON,
                            with(f, quote(UUID.randomUUID().toString())), 0));
                    cases.add(new Case(f.name() + ": another company's id", method, path, Api.JSON,
                            with(f, quote(FOREIGN.get(f.kind()))), 0));
                }
                if (f.isRequired()) {
                    cases.add(new Case(f.name() + ": missing", method, path, Api.JSON, without(f), 400));
                    cases.add(new Case(f.name() + ": null", method, path, Api.JSON, with(f, "null"), 400));
                }
            }
        }

        /** The wrong values for a field, by label. */
        private static Map<String, String> wrongValues(Field f) {
            Map<String, String> bad = new LinkedHashMap<>();
            boolean numeric = f.type() == FieldType.INT32 || f.type() == FieldType.SIGNED_INT32 || f.type() == FieldType.DECIMAL;
            if (!numeric) {
                bad.put("number", "5");
                bad.put("fraction", "1.5");
                bad.put("number past 32 bits", "2147483648");
                bad.put("number past 64 bits", "9223372036854775808");
            }
            if (!f.isText()) {
                bad.put("string", "\"5\"");
            }
            if (f.type() != FieldType.BOOLEAN) {
                bad.put("boolean", "true");
            }
            if (f.type() != FieldType.OBJECT && f.type() != FieldType.RECORD) {
                bad.put("object", "{}");
            }
            bad.put(f.type() == FieldType.ENUM_ARRAY ? "empty array" : "array", "[]");
            bad.put("array of a valid value", "[" + f.validJson() + "]");
            switch (f.type()) {
                case INT32, SIGNED_INT32 -> {
                    if (f.type() == FieldType.INT32) {
                        bad.put("negative", "-1");
                    }
                    bad.put("fraction", "1.5");
                    bad.put("number past 32 bits", "2147483648");
                    bad.put("number past 64 bits", "9223372036854775808");
                    bad.put("huge exponent", "1e999");
                }
                case DECIMAL -> {
                    bad.put("negative", "-0.01");
                    bad.put("number past 64 bits", "9223372036854775808");
                    bad.put("huge exponent", "1e999");
                    bad.put("numeric string", "\"0.25\"");
                }
                case OBJECT -> {
                    bad.put("NUL in a value", "{\"K\":\"a\\u0000b\"}");
                    bad.put("lone surrogate in a key", "{\"\\ud800\":\"v\"}");
                    bad.put("1 MB value", "{\"K\":" + ONE_MB + "}");
                }
                case ID -> bad.put("not a UUID", quote("not-a-uuid"));
                case ENUM_ARRAY -> {
                    bad.put("array with an unknown value", "[\"no_such_value\"]");
                    bad.put("array with null", "[null]");
                    bad.put("array with a number", "[1]");
                    bad.put("array with a 1 MB string", "[" + ONE_MB + "]");
                }
                case ENUM -> bad.put("unknown value", quote("no_such_value"));
                case DATE -> bad.put("not a date", quote("2026-02-30"));
                case TIMESTAMP -> {
                    bad.put("impossible date", quote("2026-02-30T20:25:00Z"));
                    bad.put("no offset", quote("2026-02-17T20:25:00"));
                    bad.put("a date only", quote("2026-02-17"));
                    bad.put("year past 9999", quote("+10000-01-01T00:00:00Z"));
                    bad.put("not a date-time", quote("yesterday"));
                }
                default -> {
                }
            }
            if (f.isText()) {
                bad.put("1 MB string", ONE_MB);
                bad.put("NUL character", "\"a\\u0000b\"");
                bad.put("lone surrogate", "\"a\\ud800b\"");
            }
            return bad;
        }

        private String minimal() {
            Map<String, String> body = new LinkedHashMap<>();
            fields.stream().filter(Field::isRequired).forEach(f -> body.put(f.name(), f.validJson()));
            if (body.isEmpty() && !fields.isEmpty()) {
                Field first = fields.get(0); // a PATCH: one harmless change, so that only the path is wrong
                body.put(first.name(), first.validJson());
            }
            return json(body);
        }

        private String withOwnLinks() {
            Map<String, String> body = new LinkedHashMap<>();
            fields.stream().filter(Field::isRequired).forEach(f -> body.put(f.name(), f.validJson()));
            fields.stream().filter(f -> f.type() == FieldType.ID).forEach(f -> body.put(f.name(), f.validJson()));
            return json(body);
        }

        private String with(Field field, String value) {
            Map<String, String> body = new LinkedHashMap<>();
            fields.stream().filter(Field::isRequired).forEach(f -> body.put(f.name(), f.validJson()));
            body.put(field.name(), value);
            return json(body);
        }

        private String without(Field field) {
            Map<String, String> body = new LinkedHashMap<>();
            fields.stream().filter(f -> f.isRequired() && f != field).forEach(f -> body.put(f.name(), f.validJson()));
            return json(body);
        }

        /** The template with the own fixtures' ids, except where {@code replaced} says otherwise. */
        private String path(Map<String, String> replaced) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                m.appendReplacement(out, Matcher.quoteReplacement(replaced.getOrDefault(name, OWN.get(kind(name)))));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private static Kind kind(String placeholder) {
        return Kind.valueOf(placeholder.toUpperCase());
    }

    private static String json(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 10) + "…(" + s.length() + " chars)" : s;
    }

    // ---- building the table -------------------------------------------------------------------------

    static Endpoint get(String template, Query... queries) {
        return new Endpoint("GET", template, false, List.of(), List.of(queries));
    }

    static Endpoint bodiless(String method, String template) {
        return new Endpoint(method, template, false, List.of(), List.of());
    }

    static Endpoint post(String template, Field... fields) {
        return new Endpoint("POST", template, true, List.of(fields), List.of());
    }

    static Endpoint patch(String template, Field... fields) {
        return new Endpoint("PATCH", template, true, List.of(fields), List.of());
    }

    static Field text(String name, String valid) {
        return new Field(name, FieldType.TEXT, valid, null, false);
    }

    static Field field(String name, FieldType type, String valid) {
        return new Field(name, type, valid, null, false);
    }

    /** An object of known fields, each of which gets its own wrong values inside it. */
    static Field record(String name, String valid, Field... fields) {
        return new Field(name, FieldType.RECORD, valid, null, false, List.of(fields));
    }

    static Field id(String name, Kind kind) {
        return new Field(name, FieldType.ID, null, kind, false);
    }

    static Query query(String name, String... bad) {
        return new Query(name, Arrays.asList(bad));
    }
}
