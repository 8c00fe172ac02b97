package dev.paperclipee.system;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.paperclipee.system.CompaniesApiIT.BOARD_USER;
import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.activity;
import static dev.paperclipee.system.CompaniesApiIT.assertBadRequest;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/issues/:id/documents} against the running jar (spec §7.15, §10.4; api-contract.md,
 * the documents row): keyed documents, append-only revisions, the base-revision rule under
 * concurrent writers, refusals that write nothing, and the activity rows.
 */
class DocumentsApiIT {

    static final Set<String> DOCUMENT_FIELDS = Set.of("id", "companyId", "issueId", "key", "title", "format", "body",
            "latestRevisionId", "latestRevisionNumber", "createdByAgentId", "createdByUserId", "updatedByAgentId",
            "updatedByUserId", "createdAt", "updatedAt");
    static final Set<String> SUMMARY_FIELDS = DOCUMENT_FIELDS.stream().filter(f -> !f.equals("body"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    static final Set<String> REVISION_FIELDS = Set.of("id", "companyId", "documentId", "issueId", "key", "revisionNumber",
            "body", "changeSummary", "createdByAgentId", "createdByUserId", "createdAt");

    static Api api;
    static String company;
    static JsonObject issue;
    /** A document the refusals aim at. */
    static JsonObject target;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        company = createCompany("Docs " + token());
        issue = createIssue(company, "Write the plan");
        target = put(issue.getString("id"), "target", body("# Target\n").add("title", "Target"), 201);
    }

    // ---- create, read, update, history ----------------------------------------------------------

    @Test
    void createAnswers201AndGetAnswersTheSame() {
        String issueId = issue.getString("id");
        JsonObject d = put(issueId, "plan-" + token(), body("# Plan\n\n1. think\n").add("title", "The plan")
                .add("format", "markdown").add("changeSummary", "first draft").add("somethingNew", 1), 201);

        assertAll(
                () -> assertTrue(UUID_V4.matcher(d.getString("id")).matches(), d::toString),
                () -> assertEquals(company, d.getString("companyId")),
                () -> assertEquals(issueId, d.getString("issueId")),
                () -> assertEquals("The plan", d.getString("title")),
                () -> assertEquals("markdown", d.getString("format")),
                () -> assertEquals("# Plan\n\n1. think\n", d.getString("body")),
                () -> assertEquals(1, d.getInt("latestRevisionNumber")),
                () -> assertTrue(UUID_V4.matcher(d.getString("latestRevisionId")).matches(), d::toString),
                () -> assertEquals(BOARD_USER, d.getString("createdByUserId")),
                () -> assertEquals(BOARD_USER, d.getString("updatedByUserId")),
                () -> assertEquals(JsonValue.NULL, d.get("createdByAgentId")),
                () -> assertEquals(JsonValue.NULL, d.get("updatedByAgentId")),
                () -> assertEquals(d.getString("createdAt"), d.getString("updatedAt")));
        assertEquals(d, get(issueId, d.getString("key")), "GET answers what PUT answered");
        assertEquals(d, get(issue.getString("identifier"), d.getString("key")), "the issue by its identifier");
    }

    @Test
    void updatesAppendRevisionsAndTheHistoryIsNewestFirst() {
        String issueId = issue.getString("id");
        String key = "design-" + token();
        JsonObject v1 = put(issueId, key, body("one").add("title", "Design").add("changeSummary", "start"), 201);
        JsonObject v2 = put(issueId, key, body("two").add("baseRevisionId", v1.getString("latestRevisionId")), 200);
        JsonObject v3 = put(issue.getString("identifier"), key, body("").add("title", "")
                .add("baseRevisionId", v2.getString("latestRevisionId")).add("changeSummary", "emptied"), 200);

        assertAll(
                () -> assertEquals(v1.getString("id"), v2.getString("id"), "the same document"),
                () -> assertEquals(2, v2.getInt("latestRevisionNumber")),
                () -> assertEquals("two", v2.getString("body")),
                () -> assertEquals("Design", v2.getString("title"), "an absent title stays"),
                () -> assertEquals(3, v3.getInt("latestRevisionNumber")),
                () -> assertEquals("", v3.getString("body"), "an empty body is a body"),
                () -> assertEquals(JsonValue.NULL, v3.get("title"), "an empty title clears it"),
                () -> assertEquals(v1.getString("createdAt"), v3.getString("createdAt")),
                () -> assertTrue(v3.getString("updatedAt").compareTo(v1.getString("updatedAt")) >= 0));

        Api.Reply reply = api.get("/api/issues/" + issueId + "/documents/" + key + "/revisions");
        assertEquals(200, reply.status(), reply::toString);
        JsonArray revisions = reply.array();
        assertEquals(List.of(3, 2, 1), revisions.stream().map(r -> r.asJsonObject().getInt("revisionNumber")).toList());
        assertEquals(List.of("", "two", "one"), revisions.stream().map(r -> r.asJsonObject().getString("body")).toList());
        JsonObject newest = revisions.getJsonObject(0);
        JsonObject oldest = revisions.getJsonObject(2);
        assertAll(
                () -> revisions.forEach(r -> assertEquals(REVISION_FIELDS, r.asJsonObject().keySet(), r::toString)),
                () -> assertEquals(v3.getString("latestRevisionId"), newest.getString("id")),
                () -> assertEquals(v1.getString("latestRevisionId"), oldest.getString("id")),
                () -> assertEquals("emptied", newest.getString("changeSummary")),
                () -> assertEquals(JsonValue.NULL, revisions.getJsonObject(1).get("changeSummary")),
                () -> assertEquals("start", oldest.getString("changeSummary")),
                () -> assertEquals(v1.getString("id"), oldest.getString("documentId")),
                () -> assertEquals(issueId, oldest.getString("issueId")),
                () -> assertEquals(key, oldest.getString("key")),
                () -> assertEquals(BOARD_USER, oldest.getString("createdByUserId")),
                () -> assertTrue(ISO_UTC_MILLIS.matcher(oldest.getString("createdAt")).matches(), oldest::toString));

        JsonArray limited = api.get("/api/issues/" + issueId + "/documents/" + key + "/revisions?limit=1").array();
        assertEquals(List.of(3), limited.stream().map(r -> r.asJsonObject().getInt("revisionNumber")).toList());
        assertBadRequest(api.get("/api/issues/" + issueId + "/documents/" + key + "/revisions?limit=0"), "limit");
        assertBadRequest(api.get("/api/issues/" + issueId + "/documents/" + key + "/revisions?limit=201"), "limit");
        assertBadRequest(api.get("/api/issues/" + issueId + "/documents/" + key + "/revisions?limit=x"), "limit");
    }

    @Test
    void theListHasEveryDocumentOrderedByKeyWithoutBodies() {
        String issueId = createIssue(company, "Listed").getString("id");
        assertEquals(0, api.get("/api/issues/" + issueId + "/documents").array().size());
        put(issueId, "notes", body("n"), 201);
        put(issueId, "design", body("d"), 201);
        JsonObject plan = put(issueId, "plan", body("p"), 201);

        Api.Reply reply = api.get("/api/issues/" + issueId + "/documents");
        assertEquals(200, reply.status(), reply::toString);
        JsonArray list = reply.array();
        assertEquals(List.of("design", "notes", "plan"), list.stream().map(d -> d.asJsonObject().getString("key")).toList());
        list.forEach(d -> assertEquals(SUMMARY_FIELDS, d.asJsonObject().keySet(), d::toString));
        JsonObject listedPlan = list.getJsonObject(2);
        for (String field : SUMMARY_FIELDS) {
            assertEquals(plan.get(field), listedPlan.get(field), field);
        }
    }

    // ---- the base revision -----------------------------------------------------------------------

    @Test
    void aWriteNotBasedOnTheLatestRevisionIs409WithTheCurrentRevision() throws SQLException {
        String issueId = issue.getString("id");
        String key = "stale-" + token();
        JsonObject v1 = put(issueId, key, body("one"), 201);
        JsonObject v2 = put(issueId, key, body("two").add("baseRevisionId", v1.getString("latestRevisionId")), 200);
        String current = v2.getString("latestRevisionId");
        long revisions = revisionCount(v1.getString("id"));

        Api.Reply stale = send("PUT", issueId, key, body("lost").add("baseRevisionId", v1.getString("latestRevisionId")));
        assertError(stale, 409);
        assertEquals(current, stale.object().getJsonObject("details").getString("currentRevisionId"), stale::toString);

        Api.Reply missing = send("PUT", issueId, key, body("lost"));
        assertError(missing, 409);
        assertEquals(current, missing.object().getJsonObject("details").getString("currentRevisionId"), missing::toString);

        Api.Reply unknown = send("PUT", issueId, key, body("lost").add("baseRevisionId", UUID.randomUUID().toString()));
        assertError(unknown, 409);
        assertEquals(current, unknown.object().getJsonObject("details").getString("currentRevisionId"));

        Api.Reply notThere = send("PUT", issueId, "absent-" + token(), body("x").add("baseRevisionId", current));
        assertError(notThere, 409);
        assertEquals(JsonValue.NULL, notThere.object().getJsonObject("details").get("currentRevisionId"), notThere::toString);

        assertEquals(v2, get(issueId, key), "nothing changed");
        assertEquals(revisions, revisionCount(v1.getString("id")), "no revision stored");
    }

    @Test
    void ofTenConcurrentWritesOnTheSameBaseExactlyOneWins() throws Exception {
        String issueId = issue.getString("id");
        String key = "race-" + token();
        JsonObject v1 = put(issueId, key, body("base"), 201);
        String base = v1.getString("latestRevisionId");

        List<Api.Reply> replies = race(10, i -> send("PUT", issueId, key, body("writer " + i).add("baseRevisionId", base)));

        List<Api.Reply> won = replies.stream().filter(r -> r.status() == 200).toList();
        List<Api.Reply> lost = replies.stream().filter(r -> r.status() == 409).toList();
        assertEquals(1, won.size(), replies::toString);
        assertEquals(9, lost.size(), replies::toString);
        String winner = won.get(0).object().getString("latestRevisionId");
        for (Api.Reply r : lost) {
            assertError(r, 409);
            assertEquals(winner, r.object().getJsonObject("details").getString("currentRevisionId"), r::toString);
        }
        JsonObject now = get(issueId, key);
        assertEquals(2, now.getInt("latestRevisionNumber"));
        assertEquals(won.get(0).object().getString("body"), now.getString("body"));
        assertEquals(2, revisionCount(v1.getString("id")));
    }

    @Test
    void ofTenConcurrentCreatesOfOneKeyExactlyOneWins() throws Exception {
        String issueId = createIssue(company, "Raced").getString("id");

        List<Api.Reply> replies = race(10, i -> send("PUT", issueId, "plan", body("creator " + i)));

        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies::toString);
        assertEquals(9, replies.stream().filter(r -> r.status() == 409).count(), replies::toString);
        JsonArray list = api.get("/api/issues/" + issueId + "/documents").array();
        assertEquals(1, list.size(), list::toString);
        assertEquals(1, list.getJsonObject(0).getInt("latestRevisionNumber"));
    }

    // ---- delete ----------------------------------------------------------------------------------

    @Test
    void deleteAnswersTheDocumentAndRemovesItsHistory() throws SQLException {
        String issueId = issue.getString("id");
        String key = "gone-" + token();
        JsonObject v1 = put(issueId, key, body("one"), 201);
        JsonObject v2 = put(issueId, key, body("two").add("baseRevisionId", v1.getString("latestRevisionId")), 200);

        Api.Reply deleted = api.send("DELETE", "/api/issues/" + issueId + "/documents/" + key, null, null, Map.of());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(v2, deleted.object(), "the document as it was");

        assertError(api.get("/api/issues/" + issueId + "/documents/" + key), 404);
        assertError(api.get("/api/issues/" + issueId + "/documents/" + key + "/revisions"), 404);
        assertError(api.send("DELETE", "/api/issues/" + issueId + "/documents/" + key, null, null, Map.of()), 404);
        assertEquals(0, revisionCount(v1.getString("id")), "its revisions are gone");
        assertTrue(api.get("/api/issues/" + issueId + "/documents").array().stream()
                .noneMatch(d -> d.asJsonObject().getString("key").equals(key)));

        JsonObject again = put(issueId, key, body("fresh"), 201);
        assertNotEquals(v1.getString("id"), again.getString("id"), "a new document under the old key");
        assertEquals(1, again.getInt("latestRevisionNumber"));
    }

    // ---- refusals --------------------------------------------------------------------------------

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"body\":", null),
                Arguments.of("trailing garbage", "{\"body\":\"x\"} x", null),
                Arguments.of("JSON null", "null", null),
                Arguments.of("an array", "[{\"body\":\"x\"}]", null),
                Arguments.of("no body", "{}", "body"),
                Arguments.of("null body", "{\"body\":null}", "body"),
                Arguments.of("number body", "{\"body\":5}", null),
                Arguments.of("object body", "{\"body\":{}}", null),
                Arguments.of("number title", "{\"body\":\"x\",\"title\":5}", null),
                Arguments.of("long title", "{\"body\":\"x\",\"title\":\"" + "t".repeat(501) + "\"}", "title"),
                Arguments.of("long summary", "{\"body\":\"x\",\"changeSummary\":\"" + "s".repeat(501) + "\"}", "changeSummary"),
                Arguments.of("body over 1,000,000 characters", "{\"body\":\"" + "b".repeat(1_000_001) + "\"}", "body"),
                Arguments.of("NUL in body", "{\"body\":\"a\\u0000b\"}", "body"),
                Arguments.of("lone surrogate in body", "{\"body\":\"a\\ud800b\"}", "body"),
                Arguments.of("NUL in title", "{\"body\":\"x\",\"title\":\"a\\u0000\"}", "title"),
                Arguments.of("lone surrogate in summary", "{\"body\":\"x\",\"changeSummary\":\"\\udc00\"}", "changeSummary"),
                Arguments.of("unknown format", "{\"body\":\"x\",\"format\":\"html\"}", "format"),
                Arguments.of("base not a UUID", "{\"body\":\"x\",\"baseRevisionId\":\"rev-1\"}", "baseRevisionId"),
                Arguments.of("base a number", "{\"body\":\"x\",\"baseRevisionId\":1}", null));
    }

    @ParameterizedTest(name = "PUT …/documents/:key, {0}")
    @MethodSource("badBodies")
    void badBodiesAre400AndWriteNothing(String label, String json, String field) throws SQLException {
        String issueId = issue.getString("id");
        long activity = activityCount();
        assertBadRequest(api.send("PUT", "/api/issues/" + issueId + "/documents/target", Api.JSON, json, Map.of()), field);
        assertBadRequest(api.send("PUT", "/api/issues/" + issueId + "/documents/new-" + token(), Api.JSON, json, Map.of()),
                field);
        assertEquals(target, get(issueId, "target"), "unchanged");
        assertEquals(activity, activityCount(), "no activity");
    }

    @Test
    void aBodyOfExactlyTheLimitIsStored() {
        String big = "x".repeat(1_000_000);
        JsonObject d = put(issue.getString("id"), "big-" + token(), body(big), 201);
        assertEquals(big, d.getString("body"));
    }

    @ParameterizedTest(name = "key {0}")
    @ValueSource(strings = {"Plan", "PLAN", "-plan", "_plan", "plan.md", "pl%20an", "pl%C3%A4n",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void malformedKeysAre400(String key) throws SQLException {
        String issueId = issue.getString("id");
        long activity = activityCount();
        assertBadRequest(send("PUT", issueId, key, body("x")), "key");
        assertBadRequest(api.get("/api/issues/" + issueId + "/documents/" + key), "key");
        assertBadRequest(api.get("/api/issues/" + issueId + "/documents/" + key + "/revisions"), "key");
        assertBadRequest(api.send("DELETE", "/api/issues/" + issueId + "/documents/" + key, null, null, Map.of()), "key");
        assertEquals(activity, activityCount());
    }

    @ParameterizedTest(name = "issue {0}")
    @ValueSource(strings = {"not-an-issue", "12345", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "random", "NOPE-1"})
    void unknownOrMalformedIssuesAre404(String given) {
        String id = given.equals("random") ? UUID.randomUUID().toString() : given;
        for (Api.Reply reply : List.of(api.get("/api/issues/" + id + "/documents"),
                api.get("/api/issues/" + id + "/documents/plan"),
                send("PUT", id, "plan", body("x")),
                api.get("/api/issues/" + id + "/documents/plan/revisions"),
                api.send("DELETE", "/api/issues/" + id + "/documents/plan", null, null, Map.of()))) {
            assertError(reply, 404);
            assertEquals("Issue not found", reply.object().getString("error"), reply::toString);
        }
    }

    @Test
    void anUnknownKeyIs404() {
        String issueId = issue.getString("id");
        for (Api.Reply reply : List.of(api.get("/api/issues/" + issueId + "/documents/nothing-here"),
                api.get("/api/issues/" + issueId + "/documents/nothing-here/revisions"),
                api.send("DELETE", "/api/issues/" + issueId + "/documents/nothing-here", null, null, Map.of()))) {
            assertError(reply, 404);
            assertEquals("Document not found", reply.object().getString("error"), reply::toString);
        }
    }

    @Test
    void keysAreFiledPerIssue() {
        JsonObject other = createIssue(createCompany("Other Docs " + token()), "Elsewhere");
        assertError(api.get("/api/issues/" + other.getString("id") + "/documents/target"), 404);
        JsonObject theirs = put(other.getString("id"), "target", body("theirs"), 201);
        assertNotEquals(target.getString("id"), theirs.getString("id"));
        assertEquals(target, get(issue.getString("id"), "target"));
    }

    // ---- activity --------------------------------------------------------------------------------

    @Test
    void everyWriteRecordsItsActivityRowWithoutTheBody() throws SQLException {
        String c = createCompany("Doc Audit " + token());
        JsonObject i = createIssue(c, "Audited");
        String issueId = i.getString("id");
        JsonObject v1 = put(issueId, "plan", body("secret plan text"), 201);
        put(issueId, "plan", body("secret plan text 2").add("baseRevisionId", v1.getString("latestRevisionId")), 200);
        assertEquals(200, api.send("DELETE", "/api/issues/" + issueId + "/documents/plan", null, null, Map.of()).status());

        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<CompaniesApiIT.Row> rows = activity(db, c).stream().filter(r -> r.action().contains("document")).toList();
            assertEquals(List.of("issue.document_created", "issue.document_updated", "issue.document_deleted"),
                    rows.stream().map(CompaniesApiIT.Row::action).toList(), rows::toString);
            List<Integer> numbers = new ArrayList<>();
            for (CompaniesApiIT.Row row : rows) {
                assertEquals("issue", row.entityType(), row::toString);
                assertEquals(issueId, row.entityId(), row::toString);
                assertEquals("user", row.actorType(), row::toString);
                JsonObject details = Json.createReader(new java.io.StringReader(row.details())).readObject();
                assertEquals(Set.of("key", "documentId", "revisionNumber"), details.keySet(), row::toString);
                assertEquals("plan", details.getString("key"));
                assertEquals(v1.getString("id"), details.getString("documentId"));
                numbers.add(details.getInt("revisionNumber"));
                assertTrue(!row.details().contains("secret"), "no body in the activity: " + row);
            }
            assertEquals(List.of(1, 2, 2), numbers);
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static JsonObjectBuilder body(String text) {
        return Json.createObjectBuilder().add("body", text);
    }

    static Api.Reply send(String method, String issueRef, String key, JsonObjectBuilder body) {
        return api.send(method, "/api/issues/" + issueRef + "/documents/" + key, Api.JSON, body.build().toString(), Map.of());
    }

    static JsonObject put(String issueRef, String key, JsonObjectBuilder body, int expected) {
        Api.Reply reply = send("PUT", issueRef, key, body);
        assertEquals(expected, reply.status(), reply::toString);
        JsonObject d = reply.object();
        assertEquals(DOCUMENT_FIELDS, d.keySet(), d::toString);
        assertEquals(key, d.getString("key"));
        assertTrue(ISO_UTC_MILLIS.matcher(d.getString("createdAt")).matches(), d::toString);
        assertTrue(ISO_UTC_MILLIS.matcher(d.getString("updatedAt")).matches(), d::toString);
        return d;
    }

    static JsonObject get(String issueRef, String key) {
        Api.Reply reply = api.get("/api/issues/" + issueRef + "/documents/" + key);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(DOCUMENT_FIELDS, reply.object().keySet(), reply::toString);
        return reply.object();
    }

    static String createCompany(String name) {
        Api.Reply reply = api.post("/api/companies", "{\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    static JsonObject createIssue(String companyId, String title) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/issues", "{\"title\":\"" + title + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    interface Request {
        Api.Reply send(int i);
    }

    /** Sends {@code n} requests at once (released together) and answers their replies. */
    static List<Api.Reply> race(int n, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Api.Reply> call = () -> {
                    ready.countDown();
                    go.await();
                    return request.send(index);
                };
                futures.add(pool.submit(call));
            }
            ready.await();
            go.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    static long revisionCount(String documentId) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select count(*) from document_revisions where document_id = ?::uuid")) {
            q.setString(1, documentId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long activityCount() throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select count(*) from activity_log");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
