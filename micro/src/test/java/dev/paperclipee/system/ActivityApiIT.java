package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.assertBadRequest;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/companies/:id/activity} against the running jar (spec §7.11, §10.8; api-contract.md:
 * the activity row, "General" on paging and gzip). Most rows are written over JDBC with chosen
 * times, actors and entities (two with the same time, to pin the tie-breaker); the rest come from
 * the API itself (company.created and the root goal.created).
 */
class ActivityApiIT {

    static final Set<String> ACTIVITY_FIELDS = Set.of("id", "companyId", "actorType", "actorId", "action", "entityType",
            "entityId", "agentId", "runId", "details", "createdAt");
    static final String BOARD_USER = "00000000-0000-0000-0000-000000000001";

    static Api api;
    static String company;
    static String other;
    static String agent;
    static String run;
    static String issue1 = UUID.randomUUID().toString();
    static String issue2 = UUID.randomUUID().toString();
    static String goal = UUID.randomUUID().toString();
    /** Ids of the JDBC rows, by their role in the tests. */
    static String created;
    static String checkedOut;
    static String thresholdTie;
    static String commentTie;
    static String updated;

    @BeforeAll
    static void writeATrail() throws SQLException {
        api = Api.ofSharedApp();
        company = createCompany("Activity " + token());
        other = createCompany("Other Activity " + token());
        try (Connection db = PaperclipApp.get().openDatabase()) {
            agent = GoalsAndProjectsApiIT.insertAgent(company);
            run = queryString(db, "insert into heartbeat_runs (company_id, agent_id, invocation_source, scheduled_at)"
                    + " values (?::uuid, ?::uuid, 'manual', now() + interval '1 day') returning id::text", company, agent);
            created = insert(db, company, "2020-01-01T10:00:00Z", "user", BOARD_USER, "issue.created", "issue", issue1,
                    null, null, "{\"title\": \"First\", \"nested\": {\"list\": [1, null, \"x\"]}}");
            checkedOut = insert(db, company, "2020-01-02T10:00:00Z", "agent", agent, "issue.checked_out", "issue", issue1,
                    agent, run, "{\"status\": \"in_progress\"}");
            thresholdTie = insert(db, company, "2020-01-03T10:00:00.123456Z", "system", "budget-enforcer",
                    "budget.soft_threshold_crossed", "company", company, null, null, null);
            commentTie = insert(db, company, "2020-01-03T10:00:00.123456Z", "agent", agent, "issue.comment_added", "issue",
                    issue2, agent, null, "{}");
            updated = insert(db, company, "2020-01-04T10:00:00Z", "user", BOARD_USER, "goal.updated", "goal", goal, null,
                    null, "{\"changes\": {\"title\": \"New\"}}");
            // noise in another company, with the same entity and agent ids: never listed for this one
            insert(db, other, "2020-01-05T10:00:00Z", "user", BOARD_USER, "issue.updated", "issue", issue1, null, null, null);
        }
    }

    // ---- order and shape ------------------------------------------------------------------------

    @Test
    void theTrailIsNewestFirstWithTheIdBreakingTies() throws SQLException {
        List<String> ids = ids(list(""));
        assertEquals(databaseOrder(company), ids, "created_at desc, id desc");
        assertEquals(7, ids.size(), "2 rows from creating the company and 5 written here: " + ids);
        List<String> mine = ids.subList(2, 7);
        String firstTie = thresholdTie.compareTo(commentTie) > 0 ? thresholdTie : commentTie;
        String secondTie = firstTie.equals(thresholdTie) ? commentTie : thresholdTie;
        assertEquals(List.of(updated, firstTie, secondTie, checkedOut, created), mine);
        assertEquals(Set.of("goal.created", "company.created"), Set.of(list("").getJsonObject(0).getString("action"),
                list("").getJsonObject(1).getString("action")), "the rows of creating the company are the newest");
    }

    @Test
    void everyRowHasTheContractShapeAndTheStoredValues() throws SQLException {
        JsonArray rows = list("");
        for (JsonValue v : rows) {
            JsonObject row = v.asJsonObject();
            assertEquals(ACTIVITY_FIELDS, row.keySet(), row::toString);
            assertTrue(UUID_V4.matcher(row.getString("id")).matches(), row::toString);
            assertEquals(company, row.getString("companyId"));
            assertTrue(ISO_UTC_MILLIS.matcher(row.getString("createdAt")).matches(), row::toString);
            assertTrue(Set.of("user", "agent", "system").contains(row.getString("actorType")), row::toString);
            JsonValue details = row.get("details");
            assertTrue(details == JsonValue.NULL || details.getValueType() == JsonValue.ValueType.OBJECT, row::toString);
        }
        JsonObject c = byId(rows, checkedOut);
        assertEquals("agent", c.getString("actorType"));
        assertEquals(agent, c.getString("actorId"));
        assertEquals("issue.checked_out", c.getString("action"));
        assertEquals("issue", c.getString("entityType"));
        assertEquals(issue1, c.getString("entityId"));
        assertEquals(agent, c.getString("agentId"));
        assertEquals(run, c.getString("runId"));
        assertEquals("2020-01-02T10:00:00.000Z", c.getString("createdAt"));
        assertEquals(Json.createObjectBuilder().add("status", "in_progress").build(), c.getJsonObject("details"));

        JsonObject first = byId(rows, created);
        assertEquals(JsonValue.NULL, first.get("agentId"));
        assertEquals(JsonValue.NULL, first.get("runId"));
        assertEquals(BOARD_USER, first.getString("actorId"));
        assertEquals(parse("{\"title\": \"First\", \"nested\": {\"list\": [1, null, \"x\"]}}"), first.getJsonObject("details"),
                "details is the stored JSON object, not a string");
        JsonObject system = byId(rows, thresholdTie);
        assertEquals(JsonValue.NULL, system.get("details"));
        assertEquals("budget-enforcer", system.getString("actorId"), "system actors are named, not UUIDs");
        assertEquals("2020-01-03T10:00:00.123Z", system.getString("createdAt"), "milliseconds, as upstream");
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, byId(rows, commentTie).getJsonObject("details"));

        JsonObject companyCreated = rows.stream().map(JsonValue::asJsonObject)
                .filter(o -> o.getString("action").equals("company.created")).findFirst().orElseThrow();
        assertEquals("company", companyCreated.getString("entityType"));
        assertEquals(company, companyCreated.getString("entityId"));
        assertEquals(BOARD_USER, companyCreated.getString("actorId"));
        assertTrue(companyCreated.getJsonObject("details").containsKey("issuePrefix"), companyCreated::toString);
    }

    // ---- filters ------------------------------------------------------------------------------------

    @ParameterizedTest(name = "?{0}")
    @CsvSource(delimiter = '|', value = {
            "agentId=AGENT                                  | COMMENT, CHECKED_OUT",
            "entityType=issue                               | COMMENT, CHECKED_OUT, CREATED",
            "entityType=issue&entityId=ISSUE1               | CHECKED_OUT, CREATED",
            "entityId=ISSUE1                                | CHECKED_OUT, CREATED",
            "entityId=ISSUE2                                | COMMENT",
            "entityType=goal&entityId=ISSUE1                |",
            "action=goal.updated                            | UPDATED",
            "action=issue.checked_out&agentId=AGENT         | CHECKED_OUT",
            "actorType=system                               | THRESHOLD",
            "actorType=agent&entityId=ISSUE2                | COMMENT",
            "actorType=user&entityType=issue                | CREATED",
            "agentId=UNKNOWN                                |",
            "action=no.such_action                          |",
            "entityType=                                    |",
            "entityType=company&action=budget.soft_threshold_crossed | THRESHOLD"})
    void filtersAreExactAndCombine(String query, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.stream(expected.split(",\\s*"))
                .map(ActivityApiIT::idOf).toList();
        assertEquals(want, ids(list(substitute(query))), query);
    }

    @Test
    void anotherCompanysRowsAreNeverListed() {
        assertEquals(List.of(checkedOut, created), ids(list("entityId=" + issue1)), "not the other company's row");
        assertEquals(7, list("").size());
        JsonArray theirs = api.get("/api/companies/" + other + "/activity?entityId=" + issue1).array();
        assertEquals(1, theirs.size(), theirs::toString);
        assertEquals(other, theirs.getJsonObject(0).getString("companyId"));
    }

    // ---- paging ---------------------------------------------------------------------------------------

    @Test
    void pagesFollowTheOrderWithoutGapsOrOverlaps() {
        List<String> all = ids(list(""));
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 10; offset += 2) {
            paged.addAll(ids(list("limit=2&offset=" + offset)));
        }
        assertEquals(all, paged);
        assertEquals(all.subList(3, 4), ids(list("limit=1&offset=3")));
        assertEquals(List.of(), ids(list("offset=7")));
        assertEquals(List.of(), ids(list("offset=2147483647")));
        assertEquals(all.subList(2, 7), ids(list("offset=2&limit=500")));
        assertEquals(List.of(checkedOut), ids(list("entityId=" + issue1 + "&limit=1")), "paging applies after filtering");
        assertEquals(List.of(created), ids(list("entityId=" + issue1 + "&limit=1&offset=1")));
    }

    @Test
    void defaultPageIs100AndTheLargestIs500AndLargeListsAreGzipped() throws Exception {
        String many = createCompany("Many Rows " + token());
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("insert into activity_log (company_id, actor_type, actor_id, action,"
                     + " entity_type, entity_id, details, created_at) select ?::uuid, 'user', ?, 'goal.updated', 'goal',"
                     + " gen_random_uuid()::text, jsonb_build_object('n', n), timestamptz '2021-01-01' + n * interval '1 minute'"
                     + " from generate_series(1, 510) n")) {
            q.setString(1, many);
            q.setString(2, BOARD_USER);
            assertEquals(510, q.executeUpdate());
        }
        String path = "/api/companies/" + many + "/activity";
        JsonArray first = api.get(path).array();
        assertEquals(100, first.size(), "default page");
        assertEquals(Set.of("goal.created", "company.created"), Set.of(first.getJsonObject(0).getString("action"),
                first.getJsonObject(1).getString("action")));
        assertEquals(510, first.getJsonObject(2).getJsonObject("details").getInt("n"), "then the newest inserted row");
        assertEquals(413, first.getJsonObject(99).getJsonObject("details").getInt("n"));

        Api.Reply largest = api.get(path + "?limit=500");
        assertEquals(500, largest.array().size());
        assertEquals(12, api.get(path + "?limit=500&offset=500").array().size(), "512 rows in all");
        assertBadRequest(api.get(path + "?limit=501"), "limit");

        HttpResponse<byte[]> gzipped = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(PaperclipApp.get().baseUri() + path.substring(1) + "?limit=500"))
                        .header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), gzipped.headers()::toString);
        String unzipped = gunzip(gzipped.body());
        assertTrue(gzipped.body().length * 3 < unzipped.length(), "compressed: " + gzipped.body().length + " of "
                + unzipped.length() + " bytes");
        assertEquals(largest.array(), Json.createReader(new StringReader(unzipped)).readArray(), "the same answer, compressed");
        assertTrue(largest.header("Content-Encoding").isEmpty(), "no gzip unless asked for");
    }

    // ---- refused -------------------------------------------------------------------------------------

    @ParameterizedTest(name = "?{0} → 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "limit=0            | limit",
            "limit=501          | limit",
            "limit=-1           | limit",
            "limit=abc          | limit",
            "limit=1.5          | limit",
            "limit=1e2          | limit",
            "limit=             | limit",
            "limit=%205         | limit",
            "limit=99999999999  | limit",
            "offset=-1          | offset",
            "offset=x           | offset",
            "offset=0.5         | offset",
            "offset=99999999999 | offset",
            "agentId=not-a-uuid | agentId",
            "agentId=           | agentId",
            "agentId=12345678-1234-1234-1234-12345678901 | agentId",
            "actorType=robot    | actorType",
            "actorType=AGENT    | actorType",
            "actorType=         | actorType",
            "entityType=a%00b   | entityType",
            "entityId=%00       | entityId",
            "action=LONG        | action"})
    void badParametersAre400(String query, String field) {
        String q = query.replace("LONG", "x".repeat(501));
        assertBadRequest(api.get("/api/companies/" + company + "/activity?" + q), field);
    }

    @Test
    void unknownAndMalformedCompaniesAre404() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "12345")) {
            Api.Reply reply = api.get("/api/companies/" + id + "/activity");
            assertError(reply, 404);
            assertEquals("Company not found", reply.object().getString("error"));
        }
        assertError(api.post("/api/companies/" + company + "/activity", "{}"), 405);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static String createCompany(String name) {
        Api.Reply reply = api.post("/api/companies", "{\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    private static JsonArray list(String query) {
        Api.Reply reply = api.get("/api/companies/" + company + "/activity" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, reply.status(), reply::toString);
        return reply.array();
    }

    private static List<String> ids(JsonArray rows) {
        return rows.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    private static JsonObject byId(JsonArray rows, String id) {
        return rows.stream().map(JsonValue::asJsonObject).filter(o -> o.getString("id").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not listed: " + rows));
    }

    private static String idOf(String role) {
        return switch (role) {
            case "CREATED" -> created;
            case "CHECKED_OUT" -> checkedOut;
            case "THRESHOLD" -> thresholdTie;
            case "COMMENT" -> commentTie;
            case "UPDATED" -> updated;
            default -> throw new IllegalArgumentException(role);
        };
    }

    private static String substitute(String query) {
        return query.replace("AGENT", agent).replace("ISSUE1", issue1).replace("ISSUE2", issue2)
                .replace("UNKNOWN", UUID.randomUUID().toString());
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static String gunzip(byte[] body) throws IOException {
        try (var in = new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(body)), StandardCharsets.UTF_8)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }

    private static List<String> databaseOrder(String companyId) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement(
                     "select id::text from activity_log where company_id = ?::uuid order by created_at desc, id desc")) {
            q.setString(1, companyId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    private static String insert(Connection db, String companyId, String at, String actorType, String actorId, String action,
                                 String entityType, String entityId, String agentId, String runId, String details)
            throws SQLException {
        return queryString(db, "insert into activity_log (company_id, actor_type, actor_id, action, entity_type, entity_id,"
                        + " agent_id, run_id, details, created_at) values (?::uuid, ?, ?, ?, ?, ?, ?::uuid, ?::uuid, ?::jsonb,"
                        + " ?::timestamptz) returning id::text",
                companyId, actorType, actorId, action, entityType, entityId, agentId, runId, details,
                Instant.parse(at).truncatedTo(ChronoUnit.MICROS).toString());
    }

    private static String queryString(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
