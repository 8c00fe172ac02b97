package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code /api/companies} and the API's general rules against the running jar (api-contract.md:
 * General, the companies row, "Rules clients rely on"; spec §10.1, §10.9). Activity rows are
 * read straight from the application's database: there is no activity API yet.
 */
class CompaniesApiIT {

    /** The fields api-contract.md promises on a company. */
    static final Set<String> CONTRACT_FIELDS = Set.of("id", "name", "description", "status", "issuePrefix",
            "issueCounter", "budgetMonthlyCents", "spentMonthlyCents", "requireBoardApprovalForNewAgents",
            "pauseReason", "pausedAt", "createdAt", "updatedAt");
    /** ... plus the branding and attachment settings that the company routes also manage, and the budget alert. */
    static final Set<String> COMPANY_FIELDS = union(CONTRACT_FIELDS, Set.of("attachmentMaxBytes", "brandColor", "logoUrl",
            "budgetAlert"));

    static final Pattern ISO_UTC_MILLIS = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    static final Pattern CAMEL_CASE = Pattern.compile("[a-z][a-zA-Z0-9]*");
    static final String BOARD_USER = "00000000-0000-0000-0000-000000000001";

    static Api api;
    /** A company that the refused requests aim at; it must come out of them unchanged. */
    static JsonObject target;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        target = create("{\"name\":\"Refusal Target " + token() + "\",\"description\":\"stays as it is\"}");
    }

    // ---- the happy paths and the exact shapes ------------------------------------------------

    @Test
    void createAnswers201WithTheCompanyInTheContractShape() {
        Instant before = Instant.now().minusSeconds(60);
        String name = "Contract Shape " + token();
        Api.Reply reply = api.post("/api/companies", "{\"name\":\"" + name + "\",\"description\":\"Make paperclips\","
                + "\"budgetMonthlyCents\":12345,\"requireBoardApprovalForNewAgents\":true,"
                + "\"workMode\":\"standard\",\"allowDuplicate\":false,\"unknownObject\":{\"a\":[1,null]}}");
        Instant after = Instant.now().plusSeconds(60);

        assertEquals(201, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"), reply::toString);
        JsonObject c = reply.object();
        assertCompanyShape(c);
        assertAll(
                () -> assertTrue(UUID_V4.matcher(c.getString("id")).matches(), "id is a UUID v4: " + c),
                () -> assertEquals(name, c.getString("name")),
                () -> assertEquals("Make paperclips", c.getString("description")),
                () -> assertEquals("active", c.getString("status")),
                () -> assertEquals(0, c.getInt("issueCounter")),
                () -> assertEquals(12345, c.getInt("budgetMonthlyCents")),
                () -> assertEquals(0, c.getInt("spentMonthlyCents")),
                () -> assertEquals(JsonValue.TRUE, c.get("requireBoardApprovalForNewAgents")),
                () -> assertEquals(JsonValue.NULL, c.get("pauseReason")),
                () -> assertEquals(JsonValue.NULL, c.get("pausedAt")),
                () -> assertEquals(JsonValue.NULL, c.get("brandColor")),
                () -> assertEquals(JsonValue.NULL, c.get("logoUrl")),
                () -> assertTrue(c.getInt("attachmentMaxBytes") > 0, c::toString),
                () -> assertEquals(c.getString("createdAt"), c.getString("updatedAt")),
                () -> assertTrue(Instant.parse(c.getString("createdAt")).isAfter(before), c::toString),
                () -> assertTrue(Instant.parse(c.getString("createdAt")).isBefore(after), c::toString));

        Api.Reply read = api.get("/api/companies/" + c.getString("id"));
        assertEquals(200, read.status(), read::toString);
        assertEquals(c, read.object(), "GET answers what POST answered");
    }

    @Test
    void defaultsApplyAndOptionalTextIsNull() {
        JsonObject c = create("{\"name\":\"Defaults " + token() + "\"}");
        assertAll(
                () -> assertEquals(JsonValue.NULL, c.get("description"), "absent description is null, and present"),
                () -> assertEquals(0, c.getInt("budgetMonthlyCents"), "a budget of 0 means no limit"),
                () -> assertEquals(JsonValue.FALSE, c.get("requireBoardApprovalForNewAgents")),
                () -> assertEquals("active", c.getString("status")));
    }

    @Test
    void issuePrefixIsTheFirstLettersInUpperCaseAndUnique() {
        JsonObject first = create("{\"name\":\"Acme A\"}");
        JsonObject second = create("{\"name\":\"Acme B\"}");
        JsonObject lower = create("{\"name\":\"acme lower case\"}");

        assertEquals("ACM", first.getString("issuePrefix"), "\"Acme A\" → ACM (api-contract.md)");
        Set<String> three = Set.of(first.getString("issuePrefix"), second.getString("issuePrefix"),
                lower.getString("issuePrefix"));
        assertEquals(3, three.size(), "three Acme companies get three prefixes: " + three);
        for (String prefix : three) {
            assertTrue(prefix.matches("[A-Z][A-Z0-9]*"), "upper case letters (and digits): " + prefix);
            assertTrue(prefix.startsWith("ACM"), "still the first letters of the name: " + prefix);
        }

        List<String> all = new ArrayList<>();
        api.get("/api/companies").array().forEach(v -> all.add(v.asJsonObject().getString("issuePrefix")));
        assertEquals(all.size(), new HashSet<>(all).size(), "no two companies share a prefix: " + all);
    }

    @Test
    void listIsABareArrayOfEveryCompanyAndNotPaged() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(create("{\"name\":\"Listed " + i + " " + token() + "\"}").getString("id"));
        }

        Api.Reply reply = api.get("/api/companies");
        assertEquals(200, reply.status(), reply::toString);
        JsonArray all = reply.array();
        all.forEach(v -> assertCompanyShape(v.asJsonObject()));
        assertTrue(ids(all).containsAll(created), "the list includes the new companies: " + created);
        assertTrue(ids(all).contains(target.getString("id")));

        JsonArray paged = api.get("/api/companies?limit=1&offset=1").array();
        assertEquals(ids(all), ids(paged), "GET /companies is not paged: limit and offset change nothing");
    }

    @Test
    void patchChangesTheGivenFieldsAndIgnoresUnknownOnes() {
        JsonObject before = create("{\"name\":\"Patch Me " + token() + "\",\"description\":\"old\"}");
        String id = before.getString("id");
        String newName = "Patched " + token();

        Api.Reply reply = api.patch("/api/companies/" + id, "{\"name\":\"" + newName + "\",\"description\":\"new mission\","
                + "\"budgetMonthlyCents\":5000,\"requireBoardApprovalForNewAgents\":true,"
                + "\"workMode\":\"whatever\",\"allowDuplicate\":true,\"somethingNew\":{\"nested\":[1,2]}}");

        assertEquals(200, reply.status(), reply::toString);
        JsonObject after = reply.object();
        assertCompanyShape(after);
        assertAll(
                () -> assertEquals(newName, after.getString("name")),
                () -> assertEquals("new mission", after.getString("description")),
                () -> assertEquals(5000, after.getInt("budgetMonthlyCents")),
                () -> assertEquals(JsonValue.TRUE, after.get("requireBoardApprovalForNewAgents")),
                () -> assertEquals(id, after.getString("id")),
                () -> assertEquals(before.getString("issuePrefix"), after.getString("issuePrefix"), "the prefix never changes"),
                () -> assertEquals(before.getString("createdAt"), after.getString("createdAt")),
                () -> assertFalse(Instant.parse(after.getString("updatedAt"))
                        .isBefore(Instant.parse(before.getString("updatedAt")))));
        assertEquals(after, api.get("/api/companies/" + id).object(), "the change is stored");

        Api.Reply empty = api.patch("/api/companies/" + id, "{}");
        assertEquals(200, empty.status(), empty::toString);
        assertEquals(after, empty.object(), "an empty PATCH changes nothing");
    }

    @Test
    void patchStatusPausesResumesArchivesAndRefusesUnknownValues() {
        String id = create("{\"name\":\"Status Walk " + token() + "\"}").getString("id");

        JsonObject paused = patchOk(id, "{\"status\":\"paused\"}");
        assertEquals("paused", paused.getString("status"));
        assertEquals("manual", paused.getString("pauseReason"), "a board pause is manual");
        assertTrue(ISO_UTC_MILLIS.matcher(paused.getString("pausedAt")).matches(), paused::toString);

        JsonObject resumed = patchOk(id, "{\"status\":\"active\"}");
        assertEquals("active", resumed.getString("status"));
        assertEquals(JsonValue.NULL, resumed.get("pauseReason"));
        assertEquals(JsonValue.NULL, resumed.get("pausedAt"));

        for (String bad : List.of("\"bogus\"", "\"ACTIVE\"", "\"\"", "5", "true")) {
            Api.Reply refused = api.patch("/api/companies/" + id, "{\"status\":" + bad + "}");
            assertBadRequest(refused, bad.startsWith("\"") ? "status" : null);
        }

        JsonObject archived = patchOk(id, "{\"status\":\"archived\"}");
        assertEquals("archived", archived.getString("status"));
        Api.Reply pauseArchived = api.patch("/api/companies/" + id, "{\"status\":\"paused\"}");
        assertError(pauseArchived, 409);
        assertEquals("archived", api.get("/api/companies/" + id).object().getString("status"));

        assertEquals("active", patchOk(id, "{\"status\":\"active\"}").getString("status"), "the board may un-archive");
    }

    @Test
    void brandingSetsNormalisesAndClears() {
        String id = create("{\"name\":\"Branded " + token() + "\"}").getString("id");
        String path = "/api/companies/" + id + "/branding";

        Api.Reply set = api.patch(path, "{\"brandColor\":\"#1F6FEB\",\"logoUrl\":\"https://example.test/logo.png\"}");
        assertEquals(200, set.status(), set::toString);
        JsonObject c = set.object();
        assertCompanyShape(c);
        assertEquals("#1f6feb", c.getString("brandColor"));
        assertEquals("https://example.test/logo.png", c.getString("logoUrl"));

        JsonObject cleared = api.patch(path, "{\"brandColor\":\"\"}").object();
        assertEquals(JsonValue.NULL, cleared.get("brandColor"), "an empty string clears the colour");
        assertEquals("https://example.test/logo.png", cleared.getString("logoUrl"), "an absent field stays");

        assertBadRequest(api.patch(path, "{\"brandColor\":\"red\"}"), "brandColor");
        assertBadRequest(api.patch(path, "{\"logoUrl\":\"javascript:alert(1)\"}"), "logoUrl");
        assertBadRequest(api.patch(path, "null"), null);
        assertEquals(cleared, api.get("/api/companies/" + id).object(), "refused branding changed nothing");
    }

    @Test
    void archiveAnswersTheArchivedCompanyAndArchivingTwiceIs409() {
        String id = create("{\"name\":\"Archive Twice " + token() + "\"}").getString("id");

        Api.Reply first = api.send("POST", "/api/companies/" + id + "/archive", null, null, Map.of());
        assertEquals(200, first.status(), first::toString);
        JsonObject archived = first.object();
        assertCompanyShape(archived);
        assertEquals("archived", archived.getString("status"));
        assertEquals(JsonValue.NULL, archived.get("pauseReason"));

        Api.Reply second = api.post("/api/companies/" + id + "/archive", "{}");
        assertError(second, 409);
        assertTrue(second.object().getString("error").toLowerCase().contains("archived"), second::toString);

        JsonObject listed = api.get("/api/companies").array().stream().map(JsonValue::asJsonObject)
                .filter(o -> o.getString("id").equals(id)).findFirst().orElseThrow();
        assertEquals("archived", listed.getString("status"), "archived companies stay visible in the list");
    }

    // ---- refused input: always a 4xx JSON error, never a 500 ---------------------------------

    static Stream<Arguments> badCreateBodies() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"name\":", null),
                Arguments.of("malformed JSON", "{name: 'Refused'}", null),
                Arguments.of("unclosed string", "{\"name\":\"Refused}", null),
                Arguments.of("empty body", "", null),
                Arguments.of("null body", "null", null),
                Arguments.of("empty array", "[]", null),
                Arguments.of("array of a number", "[1]", null),
                Arguments.of("JSON string", "\"Refused\"", null),
                Arguments.of("JSON number", "42", null),
                Arguments.of("JSON true", "true", null),
                Arguments.of("missing name", "{}", "name"),
                Arguments.of("null name", "{\"name\":null}", "name"),
                Arguments.of("number as name", "{\"name\":5}", null),
                Arguments.of("boolean as name", "{\"name\":true}", null),
                Arguments.of("array as name", "{\"name\":[\"Refused\"]}", null),
                Arguments.of("object as description", "{\"name\":\"Refused\",\"description\":{}}", null),
                Arguments.of("string as budget", "{\"name\":\"Refused\",\"budgetMonthlyCents\":\"12\"}", null),
                Arguments.of("boolean as budget", "{\"name\":\"Refused\",\"budgetMonthlyCents\":true}", null),
                Arguments.of("fraction as budget", "{\"name\":\"Refused\",\"budgetMonthlyCents\":1.5}", null),
                Arguments.of("budget past 32 bits", "{\"name\":\"Refused\",\"budgetMonthlyCents\":2147483648}",
                        "budgetMonthlyCents"),
                Arguments.of("budget past 64 bits", "{\"name\":\"Refused\",\"budgetMonthlyCents\":9223372036854775808}", null),
                Arguments.of("budget far past any range", "{\"name\":\"Refused\",\"budgetMonthlyCents\":1e400}", null),
                Arguments.of("negative budget", "{\"name\":\"Refused\",\"budgetMonthlyCents\":-1}", "budgetMonthlyCents"),
                Arguments.of("string as flag", "{\"name\":\"Refused\",\"requireBoardApprovalForNewAgents\":\"true\"}", null),
                Arguments.of("empty name", "{\"name\":\"\"}", "name"),
                Arguments.of("whitespace-only name", "{\"name\":\"   \"}", "name"),
                Arguments.of("tabs and newlines as name", "{\"name\":\"\\t\\n \\r\"}", "name"),
                Arguments.of("name of 201 characters", "{\"name\":\"" + "n".repeat(201) + "\"}", "name"),
                Arguments.of("NUL in name", "{\"name\":\"Ac\\u0000me\"}", "name"),
                Arguments.of("NUL in description", "{\"name\":\"Refused\",\"description\":\"a\\u0000\"}", "description"),
                Arguments.of("lone high surrogate in name", "{\"name\":\"Ac\\ud800me\"}", "name"),
                Arguments.of("lone low surrogate in name", "{\"name\":\"Ac\\udc00me\"}", "name"),
                Arguments.of("description past 100000 characters",
                        "{\"name\":\"Refused\",\"description\":\"" + "d".repeat(100_001) + "\"}", "description"));
    }

    @ParameterizedTest(name = "POST /companies, {0}")
    @MethodSource("badCreateBodies")
    void createRefusesBadInputWith400(String label, String body, String field) {
        assertBadRequest(api.post("/api/companies", body), field);
    }

    static Stream<Arguments> badPatchBodies() {
        return Stream.of(
                Arguments.of("truncated JSON", "{\"name\":\"x", null),
                Arguments.of("empty body", "", null),
                Arguments.of("null body", "null", null),
                Arguments.of("JSON array", "[]", null),
                Arguments.of("JSON string", "\"x\"", null),
                Arguments.of("number as name", "{\"name\":5}", null),
                Arguments.of("empty name", "{\"name\":\"\"}", "name"),
                Arguments.of("whitespace-only name", "{\"name\":\"  \"}", "name"),
                Arguments.of("NUL in name", "{\"name\":\"a\\u0000\"}", "name"),
                Arguments.of("lone surrogate in description", "{\"description\":\"\\ud800\"}", "description"),
                Arguments.of("string as budget", "{\"budgetMonthlyCents\":\"12\"}", null),
                Arguments.of("negative budget", "{\"budgetMonthlyCents\":-5}", "budgetMonthlyCents"),
                Arguments.of("budget past 32 bits", "{\"budgetMonthlyCents\":4294967296}", "budgetMonthlyCents"),
                Arguments.of("budget past 64 bits", "{\"budgetMonthlyCents\":18446744073709551616}", null),
                Arguments.of("unknown status", "{\"status\":\"bogus\"}", "status"),
                Arguments.of("attachment limit of 0", "{\"attachmentMaxBytes\":0}", "attachmentMaxBytes"),
                Arguments.of("valid name with an invalid status", "{\"name\":\"Half Done\",\"status\":\"bogus\"}", "status"),
                Arguments.of("valid description with a negative budget", "{\"description\":\"half\",\"budgetMonthlyCents\":-1}",
                        "budgetMonthlyCents"));
    }

    @ParameterizedTest(name = "PATCH /companies/:id, {0}")
    @MethodSource("badPatchBodies")
    void patchRefusesBadInputWith400(String label, String body, String field) {
        assertBadRequest(api.patch("/api/companies/" + target.getString("id"), body), field);
    }

    static Stream<Arguments> notExactlyOneObject() {
        return Stream.of(
                Arguments.of("array holding an object", "[{\"name\":\"Refused Array\"}]"),
                Arguments.of("array holding two objects", "[{\"name\":\"Refused One\"},{\"name\":\"Refused Two\"}]"),
                Arguments.of("text after the object", "{\"name\":\"Refused Trailing\"}garbage"),
                Arguments.of("two objects", "{\"name\":\"Refused First\"}{\"name\":\"Refused Second\"}"));
    }

    @ParameterizedTest(name = "POST and PATCH, {0}")
    @MethodSource("notExactlyOneObject")
    void aBodyThatIsNotExactlyOneJsonObjectIs400(String label, String body) {
        assertBadRequest(api.post("/api/companies", body), null);
        assertBadRequest(api.patch("/api/companies/" + target.getString("id"), body), null);
    }

    @Test
    void anEmptyNameIsReportedAsTooSmall() {
        for (Api.Reply reply : List.of(api.post("/api/companies", "{\"name\":\"\"}"),
                api.patch("/api/companies/" + target.getString("id"), "{\"name\":\"\"}"))) {
            assertBadRequest(reply, "name");
            assertEquals("too_small", reply.object().getJsonArray("details").getJsonObject(0).getString("code"), reply::toString);
        }
    }

    @Test
    void aOneMegabyteNameIsRefusedQuickly() {
        Api.Reply reply = api.post("/api/companies", "{\"name\":\"" + "m".repeat(1024 * 1024) + "\"}");
        assertBadRequest(reply, "name");
        // a sanity bound only: the answer took about 30 ms when this test was written
        assertTrue(reply.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "answered in " + reply.elapsed());
    }

    @Test
    void aNameOfExactly200CharactersIsAccepted() {
        String name = ("Limit " + token() + " ").repeat(20).substring(0, 200);
        assertEquals(name, create("{\"name\":\"" + name + "\"}").getString("name"));
    }

    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", "(none)"})
    void aBodyThatIsNotJsonIs415(String contentType) {
        String type = contentType.equals("(none)") ? null : contentType;
        assertError(api.send("POST", "/api/companies", type, "{\"name\":\"Wrong Type\"}", Map.of()), 415);
        assertError(api.send("PATCH", "/api/companies/" + target.getString("id"), type, "{\"name\":\"Wrong Type\"}",
                Map.of()), 415);
    }

    @ParameterizedTest(name = "company id {0}")
    @ValueSource(strings = {"not-a-uuid", "12345", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
            "00000000-0000-4000-8000-000000000000", "random"})
    void anUnknownOrMalformedCompanyIdIs404(String given) {
        String id = given.equals("random") ? UUID.randomUUID().toString() : given;
        List<Api.Reply> replies = List.of(
                api.get("/api/companies/" + id),
                api.patch("/api/companies/" + id, "{\"name\":\"Nobody\"}"),
                api.patch("/api/companies/" + id + "/branding", "{\"brandColor\":\"#000000\"}"),
                api.send("POST", "/api/companies/" + id + "/archive", null, null, Map.of()));
        for (Api.Reply reply : replies) {
            assertError(reply, 404);
            assertEquals("Company not found", reply.object().getString("error"), reply::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /api/nope", "POST /api/nope", "GET /api/companies/x/nope", "GET /api/",
            "DELETE /api/nope/deeper"})
    void anUnknownRouteIs404ApiRouteNotFound(String call) {
        String[] parts = call.split(" ");
        Api.Reply reply = api.send(parts[0], parts[1], null, null, Map.of());
        assertEquals(404, reply.status(), reply::toString);
        assertEquals(jakarta.json.Json.createObjectBuilder().add("error", "API route not found").build(), reply.object());
    }

    @Test
    void healthIsPublicAndSaysOk() {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer pcp_not_a_key"))) {
            Api.Reply reply = api.get("/api/health", headers);
            assertEquals(200, reply.status(), reply::toString);
            JsonObject health = reply.object();
            assertEquals(Set.of("status", "version", "deploymentMode"), health.keySet(), reply::toString);
            assertEquals("ok", health.getString("status"));
            assertFalse(health.getString("version").isBlank(), reply::toString);
            assertEquals("local_trusted", health.getString("deploymentMode"));
        }
    }

    @Test
    void everyAnswerCarriesARequestId() {
        List<Api.Reply> replies = List.of(api.get("/api/health"), api.get("/api/companies"), api.get("/api/nope"),
                api.post("/api/companies", "{\"name\":"), api.get("/api/companies/" + UUID.randomUUID()));
        Set<String> ids = new HashSet<>();
        for (Api.Reply reply : replies) {
            String id = reply.header("X-Request-Id").orElseThrow(() -> new AssertionError("no X-Request-Id: " + reply));
            assertFalse(id.isBlank(), reply::toString);
            ids.add(id);
        }
        assertEquals(replies.size(), ids.size(), "a fresh id per request: " + ids);

        String given = api.get("/api/health", Map.of("X-Request-Id", "trace-42.a_b")).header("X-Request-Id").orElseThrow();
        assertEquals("trace-42.a_b", given, "a sane id given by the client is echoed");
        for (String insane : List.of("x".repeat(65), "has spaces in it", "semi;colon")) {
            String replaced = api.get("/api/health", Map.of("X-Request-Id", insane)).header("X-Request-Id").orElseThrow();
            assertNotEquals(insane, replaced, "an id that is not [A-Za-z0-9._-]{1,64} is replaced");
            assertTrue(replaced.matches("[A-Za-z0-9._-]{1,64}"), replaced);
        }
    }

    // ---- what lands in the database ----------------------------------------------------------

    @Test
    void everyMutationWritesItsActivityRowAndCreateAddsTheRootGoal() throws SQLException {
        JsonObject company = create("{\"name\":\"Audited " + token() + "\",\"description\":\"Watch us\"}");
        String id = company.getString("id");

        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<Row> rows = activity(db, id);
            assertEquals(List.of("company.created", "goal.created"), actions(rows), rows::toString);
            Row created = rows.get(0);
            assertEquals("company", created.entityType());
            assertEquals(id, created.entityId());
            assertEquals("user", created.actorType(), "the implicit local board user acts");
            assertEquals(BOARD_USER, created.actorId());

            List<Goal> goals = goals(db, id);
            assertEquals(1, goals.size(), "exactly one goal, the root: " + goals);
            Goal root = goals.get(0);
            assertEquals("company", root.level(), "the root goal is company-level (§7.4)");
            assertNull(root.parentId(), "the root goal has no parent");
            Row goalCreated = rows.get(1);
            assertEquals("goal", goalCreated.entityType());
            assertEquals(root.id(), goalCreated.entityId(), "goal.created names the root goal");
        }

        patchOk(id, "{\"name\":\"Audited Renamed " + token() + "\"}");
        patchOk(id, "{}"); // changes nothing, so records nothing
        archive(id);
        assertError(api.send("POST", "/api/companies/" + id + "/archive", null, null, Map.of()), 409);

        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<Row> rows = activity(db, id);
            assertEquals(List.of("company.created", "goal.created", "company.updated", "company.archived"), actions(rows),
                    rows::toString);
            for (Row row : rows.subList(2, 4)) {
                assertEquals("company", row.entityType(), row::toString);
                assertEquals(id, row.entityId(), row::toString);
            }
            assertTrue(rows.get(2).details().contains("Audited Renamed"), "company.updated lists the change: " + rows.get(2));
        }
    }

    @Test
    void aRefusedRequestWritesNothing() throws SQLException {
        String targetId = target.getString("id");
        JsonObject targetBefore = api.get("/api/companies/" + targetId).object();
        Counts before = counts();

        badCreateBodies().forEach(a -> assertBadRequest(api.post("/api/companies", (String) a.get()[1]), null));
        badPatchBodies().forEach(a -> assertBadRequest(api.patch("/api/companies/" + targetId, (String) a.get()[1]), null));
        assertBadRequest(api.patch("/api/companies/" + targetId + "/branding",
                "{\"brandColor\":\"#123456\",\"logoUrl\":\"ftp://x\"}"), null);
        assertBadRequest(api.post("/api/companies", "{\"name\":\"" + "m".repeat(1024 * 1024) + "\"}"), null);
        assertError(api.send("POST", "/api/companies", "text/plain", "{\"name\":\"Wrong Type\"}", Map.of()), 415);
        assertError(api.patch("/api/companies/" + UUID.randomUUID(), "{\"name\":\"Nobody\"}"), 404);

        assertEquals(before, counts(), "no company, goal or activity row from refused requests");
        assertEquals(targetBefore, api.get("/api/companies/" + targetId).object(),
                "no partial update: a valid name next to an invalid status left the name as it was");
    }

    // ---- helpers -----------------------------------------------------------------------------

    static JsonObject create(String body) {
        Api.Reply reply = api.post("/api/companies", body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    static JsonObject patchOk(String id, String body) {
        Api.Reply reply = api.patch("/api/companies/" + id, body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static void archive(String id) {
        Api.Reply reply = api.send("POST", "/api/companies/" + id + "/archive", null, null, Map.of());
        assertEquals(200, reply.status(), reply::toString);
    }

    static void assertCompanyShape(JsonObject c) {
        assertEquals(COMPANY_FIELDS, c.keySet(), "the company's fields");
        c.keySet().forEach(k -> assertTrue(CAMEL_CASE.matcher(k).matches(), "camelCase: " + k));
        for (String time : List.of("createdAt", "updatedAt", "pausedAt")) {
            JsonValue v = c.get(time);
            if (v.getValueType() != JsonValue.ValueType.NULL) {
                assertTrue(ISO_UTC_MILLIS.matcher(((JsonString) v).getString()).matches(), time + " is ISO-8601 UTC: " + v);
            }
        }
        for (String number : List.of("issueCounter", "budgetMonthlyCents", "spentMonthlyCents", "attachmentMaxBytes")) {
            assertTrue(c.get(number) instanceof JsonNumber n && n.isIntegral(), number + " is an integer: " + c);
        }
        assertTrue(Set.of("active", "paused", "archived").contains(c.getString("status")), c::toString);
    }

    /** 400 with {@code {"error": "..."}}; for validation errors, details name {@code field}. */
    static void assertBadRequest(Api.Reply reply, String field) {
        assertError(reply, 400);
        if (field != null) {
            JsonValue details = reply.object().get("details");
            assertTrue(details instanceof JsonArray, "validation details are a list: " + reply);
            boolean named = details.asJsonArray().stream().map(JsonValue::asJsonObject)
                    .anyMatch(d -> d.getJsonArray("path").getString(0).equals(field)
                            && !d.getString("message", "").isBlank() && !d.getString("code", "").isBlank());
            assertTrue(named, "details name the field " + field + " with a message and a code: " + reply);
        }
    }

    static void assertError(Api.Reply reply, int status) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"), reply::toString);
        JsonObject error = reply.object();
        assertTrue(error.get("error") instanceof JsonString s && !s.getString().isBlank(), "an error message: " + reply);
        assertFalse(reply.body().contains("Exception") || reply.body().contains("\tat ") || reply.body().contains("java."),
                "no stack trace or Java class names in the answer: " + reply);
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static List<String> ids(JsonArray companies) {
        return companies.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    record Row(String action, String entityType, String entityId, String actorType, String actorId, String details) {
    }

    record Goal(String id, String level, String parentId) {
    }

    record Counts(long companies, long goals, long activity) {
    }

    static List<Row> activity(Connection db, String companyId) throws SQLException {
        try (PreparedStatement q = db.prepareStatement("select action, entity_type, entity_id, actor_type, actor_id,"
                + " details::text from activity_log where company_id = ?::uuid order by created_at, action")) {
            q.setString(1, companyId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
            return rows;
        }
    }

    static List<String> actions(List<Row> rows) {
        return rows.stream().map(Row::action).toList();
    }

    static List<Goal> goals(Connection db, String companyId) throws SQLException {
        try (PreparedStatement q = db.prepareStatement(
                "select id::text, level, parent_id::text from goals where company_id = ?::uuid")) {
            q.setString(1, companyId);
            List<Goal> goals = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    goals.add(new Goal(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return goals;
        }
    }

    static Counts counts() throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select (select count(*) from companies), (select count(*) from goals),"
                     + " (select count(*) from activity_log)");
             ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                fail("no counts");
            }
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
