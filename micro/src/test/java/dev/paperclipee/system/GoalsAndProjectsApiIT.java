package dev.paperclipee.system;

import jakarta.json.JsonArray;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.actions;
import static dev.paperclipee.system.CompaniesApiIT.activity;
import static dev.paperclipee.system.CompaniesApiIT.assertBadRequest;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/companies/:id/goals}, {@code /api/goals/:id}, {@code /api/companies/:id/projects} and
 * {@code /api/projects/:id} against the running jar (spec §7.4, §7.5, §10.2, §10.5, §10.9;
 * api-contract.md: the goals and projects rows, "Rules clients rely on", departures 5, 6 and 8).
 * Agents are inserted over JDBC: there is no agent API yet.
 */
class GoalsAndProjectsApiIT {

    static final Set<String> GOAL_FIELDS = Set.of("id", "companyId", "title", "description", "level", "status",
            "parentId", "ownerAgentId", "createdAt", "updatedAt");
    static final Set<String> PROJECT_FIELDS = Set.of("id", "companyId", "goalId", "name", "description", "status",
            "leadAgentId", "targetDate", "env", "budgetMonthlyCents", "spentMonthlyCents", "budgetAlert", "createdAt",
            "updatedAt");

    static Api api;
    /** A company whose goals and projects the refused requests aim at. */
    static String company;
    static String rootGoal;
    static String goal;
    static String project;
    /** Another company: its ids must never be linked from the first one. */
    static String other;
    static String otherRoot;

    @BeforeAll
    static void startApplication() {
        api = Api.ofSharedApp();
        company = createCompany("Goals " + token());
        rootGoal = onlyGoal(company);
        goal = createGoal(company, "{\"title\":\"Refusal target\"}").getString("id");
        project = createProject(company, "{\"name\":\"Refusal target\"}").getString("id");
        other = createCompany("Other " + token());
        otherRoot = onlyGoal(other);
    }

    // ---- goals: shapes, defaults, list ---------------------------------------------------------

    @Test
    void aNewCompanyListsItsRootGoalAtCompanyLevel() {
        String c = createCompany("Rooted " + token());
        Api.Reply reply = api.get("/api/companies/" + c + "/goals");
        assertEquals(200, reply.status(), reply::toString);
        JsonArray goals = reply.array();
        assertEquals(1, goals.size(), reply::toString);
        JsonObject root = goals.getJsonObject(0);
        assertGoalShape(root);
        assertEquals("company", root.getString("level"));
        assertEquals(JsonValue.NULL, root.get("parentId"));
        assertEquals(c, root.getString("companyId"));
    }

    @Test
    void createAnswers201WithDefaultsAndGetAnswersTheSame() {
        Api.Reply reply = api.post("/api/companies/" + company + "/goals",
                "{\"title\":\"Grow revenue\",\"workMode\":\"ignored\"}");
        assertEquals(201, reply.status(), reply::toString);
        JsonObject g = reply.object();
        assertGoalShape(g);
        assertAll(
                () -> assertTrue(UUID_V4.matcher(g.getString("id")).matches(), g::toString),
                () -> assertEquals(company, g.getString("companyId")),
                () -> assertEquals("Grow revenue", g.getString("title")),
                () -> assertEquals(JsonValue.NULL, g.get("description")),
                () -> assertEquals("task", g.getString("level"), "default level"),
                () -> assertEquals("planned", g.getString("status"), "default status"),
                () -> assertEquals(JsonValue.NULL, g.get("parentId")),
                () -> assertEquals(JsonValue.NULL, g.get("ownerAgentId")),
                () -> assertEquals(g.getString("createdAt"), g.getString("updatedAt")));
        assertEquals(g, api.get("/api/goals/" + g.getString("id")).object(), "GET answers what POST answered");
    }

    @Test
    void createWithEveryFieldAndListInCreationOrder() throws SQLException {
        String c = createCompany("Full Goals " + token());
        String root = onlyGoal(c);
        String agent = insertAgent(c);
        JsonObject team = createGoal(c, "{\"title\":\"Team goal\",\"description\":\"why\",\"level\":\"team\","
                + "\"status\":\"active\",\"parentId\":\"" + root + "\",\"ownerAgentId\":\"" + agent + "\"}");
        assertAll(
                () -> assertEquals("why", team.getString("description")),
                () -> assertEquals("team", team.getString("level")),
                () -> assertEquals("active", team.getString("status")),
                () -> assertEquals(root, team.getString("parentId")),
                () -> assertEquals(agent, team.getString("ownerAgentId")));
        JsonObject task = createGoal(c, "{\"title\":\"Task goal\",\"parentId\":\"" + team.getString("id") + "\"}");

        JsonArray list = api.get("/api/companies/" + c + "/goals").array();
        assertEquals(List.of(root, team.getString("id"), task.getString("id")),
                list.stream().map(v -> v.asJsonObject().getString("id")).toList(), "ordered by createdAt, id");
        list.forEach(v -> assertGoalShape(v.asJsonObject()));
    }

    @Test
    void patchChangesFieldsClearsLinksWithNullAndLeavesAbsentOnes() throws SQLException {
        String agent = insertAgent(company);
        JsonObject g = createGoal(company, "{\"title\":\"Patch me\",\"description\":\"old\",\"parentId\":\"" + rootGoal
                + "\",\"ownerAgentId\":\"" + agent + "\"}");
        String id = g.getString("id");

        JsonObject changed = patchGoal(id, "{\"title\":\"Patched\",\"status\":\"achieved\",\"level\":\"agent\","
                + "\"somethingNew\":[1]}");
        assertAll(
                () -> assertEquals("Patched", changed.getString("title")),
                () -> assertEquals("achieved", changed.getString("status")),
                () -> assertEquals("agent", changed.getString("level")),
                () -> assertEquals("old", changed.getString("description"), "absent: unchanged"),
                () -> assertEquals(rootGoal, changed.getString("parentId"), "absent: unchanged"),
                () -> assertEquals(agent, changed.getString("ownerAgentId"), "absent: unchanged"),
                () -> assertEquals(g.getString("createdAt"), changed.getString("createdAt")));
        assertEquals(changed, api.get("/api/goals/" + id).object(), "the change is stored");

        JsonObject cleared = patchGoal(id, "{\"parentId\":null,\"ownerAgentId\":null,\"description\":\"\"}");
        assertEquals(JsonValue.NULL, cleared.get("parentId"));
        assertEquals(JsonValue.NULL, cleared.get("ownerAgentId"));
        assertEquals(JsonValue.NULL, cleared.get("description"), "an empty description clears it");

        assertEquals(cleared, patchGoal(id, "{}"), "an empty PATCH changes nothing");
    }

    // ---- goals: tree rules -----------------------------------------------------------------------

    @Test
    void aParentOrOwnerOfAnotherCompanyOrUnknownIs422() throws SQLException {
        String foreignAgent = insertAgent(other);
        String unknown = UUID.randomUUID().toString();
        for (String body : List.of("{\"title\":\"X\",\"parentId\":\"" + otherRoot + "\"}",
                "{\"title\":\"X\",\"parentId\":\"" + unknown + "\"}",
                "{\"title\":\"X\",\"ownerAgentId\":\"" + foreignAgent + "\"}",
                "{\"title\":\"X\",\"ownerAgentId\":\"" + unknown + "\"}")) {
            assertError(api.post("/api/companies/" + company + "/goals", body), 422);
        }
        for (String body : List.of("{\"parentId\":\"" + otherRoot + "\"}", "{\"parentId\":\"" + unknown + "\"}",
                "{\"ownerAgentId\":\"" + foreignAgent + "\"}", "{\"ownerAgentId\":\"" + unknown + "\"}")) {
            assertError(api.patch("/api/goals/" + goal, body), 422);
        }
        assertEquals(JsonValue.NULL, api.get("/api/goals/" + goal).object().get("parentId"), "unchanged");
    }

    @Test
    void reParentingIntoACycleIs422() {
        String c = createCompany("Cycles " + token());
        String a = createGoal(c, "{\"title\":\"A\"}").getString("id");
        String b = createGoal(c, "{\"title\":\"B\",\"parentId\":\"" + a + "\"}").getString("id");
        String d = createGoal(c, "{\"title\":\"D\",\"parentId\":\"" + b + "\"}").getString("id");

        Api.Reply self = api.patch("/api/goals/" + a, "{\"parentId\":\"" + a + "\"}");
        assertError(self, 422);
        Api.Reply loop = api.patch("/api/goals/" + a, "{\"parentId\":\"" + d + "\"}");
        assertError(loop, 422);
        assertTrue(loop.object().getString("error").contains("cycle"), loop::toString);
        assertEquals(JsonValue.NULL, api.get("/api/goals/" + a).object().get("parentId"), "unchanged");

        assertEquals(b, patchGoal(d, "{\"parentId\":\"" + b + "\"}").getString("parentId"), "no change is fine");
        assertEquals(a, patchGoal(d, "{\"parentId\":\"" + a + "\"}").getString("parentId"), "moving up is fine");
    }

    @Test
    void theLastRootGoalCannotBeDeletedReLevelledOrReParented() {
        String c = createCompany("Last Root " + token());
        String root = onlyGoal(c);
        String child = createGoal(c, "{\"title\":\"Child\"}").getString("id");

        assertError(api.send("DELETE", "/api/goals/" + root, null, null, Map.of()), 409);
        assertError(api.patch("/api/goals/" + root, "{\"level\":\"team\"}"), 409);
        assertError(api.patch("/api/goals/" + root, "{\"parentId\":\"" + child + "\"}"), 409);
        JsonObject still = api.get("/api/goals/" + root).object();
        assertEquals("company", still.getString("level"));
        assertEquals(JsonValue.NULL, still.get("parentId"));

        // with a second root, the first may go
        String second = createGoal(c, "{\"title\":\"Second root\",\"level\":\"company\"}").getString("id");
        assertEquals("team", patchGoal(root, "{\"level\":\"team\"}").getString("level"));
        assertError(api.send("DELETE", "/api/goals/" + second, null, null, Map.of()), 409);
        assertEquals("company", patchGoal(root, "{\"level\":\"company\"}").getString("level"));
        Api.Reply deleted = api.send("DELETE", "/api/goals/" + second, null, null, Map.of());
        assertEquals(200, deleted.status(), deleted::toString);
    }

    @Test
    void deleteAnswers200WithTheGoalAndRefusesWhileReferenced() {
        String c = createCompany("Deletes " + token());
        String parent = createGoal(c, "{\"title\":\"Parent\"}").getString("id");
        String child = createGoal(c, "{\"title\":\"Child\",\"parentId\":\"" + parent + "\"}").getString("id");
        String served = createGoal(c, "{\"title\":\"Served\"}").getString("id");
        String p = createProject(c, "{\"name\":\"P\",\"goalId\":\"" + served + "\"}").getString("id");

        Api.Reply refused = api.send("DELETE", "/api/goals/" + parent, null, null, Map.of());
        assertError(refused, 409);
        assertTrue(refused.object().getJsonObject("details").getJsonObject("references").containsKey("goals"), refused::toString);
        Api.Reply byProject = api.send("DELETE", "/api/goals/" + served, null, null, Map.of());
        assertError(byProject, 409);
        assertTrue(byProject.object().getJsonObject("details").getJsonObject("references").containsKey("projects"),
                byProject::toString);

        JsonObject before = api.get("/api/goals/" + child).object();
        Api.Reply deleted = api.send("DELETE", "/api/goals/" + child, null, null, Map.of());
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(before, deleted.object(), "DELETE answers the deleted goal");
        assertError(api.get("/api/goals/" + child), 404);
        assertError(api.send("DELETE", "/api/goals/" + child, null, null, Map.of()), 404);

        assertEquals(200, api.send("DELETE", "/api/goals/" + parent, null, null, Map.of()).status(), "no child any more");
        assertEquals(JsonValue.NULL, patchProject(p, "{\"goalId\":null}").get("goalId"));
        assertEquals(200, api.send("DELETE", "/api/goals/" + served, null, null, Map.of()).status(), "no project any more");
    }

    // ---- projects --------------------------------------------------------------------------------

    @Test
    void projectCreateAnswers201WithDefaults() {
        Api.Reply reply = api.post("/api/companies/" + company + "/projects", "{\"name\":\"Website\",\"allowDuplicate\":true}");
        assertEquals(201, reply.status(), reply::toString);
        JsonObject p = reply.object();
        assertProjectShape(p);
        assertAll(
                () -> assertTrue(UUID_V4.matcher(p.getString("id")).matches(), p::toString),
                () -> assertEquals(company, p.getString("companyId")),
                () -> assertEquals("Website", p.getString("name")),
                () -> assertEquals("backlog", p.getString("status"), "default status"),
                () -> assertEquals(JsonValue.NULL, p.get("goalId")),
                () -> assertEquals(JsonValue.NULL, p.get("leadAgentId")),
                () -> assertEquals(JsonValue.NULL, p.get("targetDate")),
                () -> assertEquals(JsonValue.NULL, p.get("env")),
                () -> assertEquals(JsonValue.NULL, p.get("description")));
        assertEquals(p, api.get("/api/projects/" + p.getString("id")).object(), "GET answers what POST answered");
        assertTrue(api.get("/api/companies/" + company + "/projects").array().contains(p), "listed");
    }

    @Test
    void projectWithEveryFieldPatchedAndCleared() throws SQLException {
        String c = createCompany("Projects " + token());
        String root = onlyGoal(c);
        String agent = insertAgent(c);
        Api.Reply secret = api.post("/api/companies/" + c + "/secrets", "{\"name\":\"TOKEN\",\"value\":\"project-token\"}");
        assertEquals(201, secret.status(), secret::toString);
        JsonObject p = createProject(c, "{\"name\":\"Full\",\"description\":\"d\",\"status\":\"planned\",\"goalId\":\""
                + root + "\",\"leadAgentId\":\"" + agent + "\",\"targetDate\":\"2026-12-31\","
                + "\"env\":{\"API_URL\":\"https://x.test\",\"TOKEN\":{\"type\":\"secret_ref\",\"secretId\":\""
                + secret.object().getString("id") + "\"}}}");
        assertAll(
                () -> assertEquals("planned", p.getString("status")),
                () -> assertEquals(root, p.getString("goalId")),
                () -> assertEquals(agent, p.getString("leadAgentId")),
                () -> assertEquals("2026-12-31", p.getString("targetDate")),
                () -> assertEquals("https://x.test", p.getJsonObject("env").getString("API_URL")),
                () -> assertEquals("secret_ref", p.getJsonObject("env").getJsonObject("TOKEN").getString("type")));
        String id = p.getString("id");

        JsonObject changed = patchProject(id, "{\"status\":\"in_progress\",\"targetDate\":\"2027-01-15\",\"env\":{\"A\":\"b\"}}");
        assertAll(
                () -> assertEquals("in_progress", changed.getString("status")),
                () -> assertEquals("2027-01-15", changed.getString("targetDate")),
                () -> assertEquals(Map.of("A", "b"), Map.of("A", changed.getJsonObject("env").getString("A"))),
                () -> assertEquals(1, changed.getJsonObject("env").size()),
                () -> assertEquals(root, changed.getString("goalId"), "absent: unchanged"));
        assertEquals(changed, api.get("/api/projects/" + id).object());

        JsonObject cleared = patchProject(id, "{\"goalId\":null,\"leadAgentId\":null,\"targetDate\":null,\"env\":null}");
        for (String field : List.of("goalId", "leadAgentId", "targetDate", "env")) {
            assertEquals(JsonValue.NULL, cleared.get(field), field);
        }
        assertEquals(cleared, patchProject(id, "{}"), "an empty PATCH changes nothing");
        assertEquals(List.of(id), api.get("/api/companies/" + c + "/projects").array().stream()
                .map(v -> v.asJsonObject().getString("id")).toList());
    }

    @Test
    void aGoalOrLeadOfAnotherCompanyOrUnknownIs422() throws SQLException {
        String foreignAgent = insertAgent(other);
        String unknown = UUID.randomUUID().toString();
        for (String link : List.of("\"goalId\":\"" + otherRoot + "\"", "\"goalId\":\"" + unknown + "\"",
                "\"leadAgentId\":\"" + foreignAgent + "\"", "\"leadAgentId\":\"" + unknown + "\"")) {
            assertError(api.post("/api/companies/" + company + "/projects", "{\"name\":\"X\"," + link + "}"), 422);
            assertError(api.patch("/api/projects/" + project, "{" + link + "}"), 422);
        }
    }

    // ---- refused input: 4xx JSON, never 500 ------------------------------------------------------

    static Stream<Arguments> badGoalBodies() {
        return Stream.of(
                Arguments.of("null body", "null", null),
                Arguments.of("array", "[]", null),
                Arguments.of("truncated", "{\"title\":", null),
                Arguments.of("missing title", "{}", "title"),
                Arguments.of("empty title", "{\"title\":\"\"}", "title"),
                Arguments.of("blank title", "{\"title\":\" \\t\"}", "title"),
                Arguments.of("number as title", "{\"title\":5}", null),
                Arguments.of("NUL in title", "{\"title\":\"a\\u0000b\"}", "title"),
                Arguments.of("lone surrogate in title", "{\"title\":\"a\\ud800\"}", "title"),
                Arguments.of("title of 501 characters", "{\"title\":\"" + "t".repeat(501) + "\"}", "title"),
                Arguments.of("huge description", "{\"title\":\"x\",\"description\":\"" + "d".repeat(100_001) + "\"}", "description"),
                Arguments.of("unknown level", "{\"title\":\"x\",\"level\":\"galaxy\"}", "level"),
                Arguments.of("number as level", "{\"title\":\"x\",\"level\":1}", null),
                Arguments.of("unknown status", "{\"title\":\"x\",\"status\":\"done\"}", "status"),
                Arguments.of("malformed parentId", "{\"title\":\"x\",\"parentId\":\"not-a-uuid\"}", "parentId"),
                Arguments.of("number as parentId", "{\"title\":\"x\",\"parentId\":7}", null),
                Arguments.of("object as ownerAgentId", "{\"title\":\"x\",\"ownerAgentId\":{}}", null));
    }

    @ParameterizedTest(name = "POST /companies/:id/goals, {0}")
    @MethodSource("badGoalBodies")
    void goalCreateRefusesBadInputWith400(String label, String body, String field) {
        assertBadRequest(api.post("/api/companies/" + company + "/goals", body), field);
    }

    static Stream<Arguments> badGoalPatches() {
        return Stream.of(
                Arguments.of("null body", "null", null),
                Arguments.of("empty title", "{\"title\":\"\"}", "title"),
                Arguments.of("NUL in description", "{\"description\":\"\\u0000\"}", "description"),
                Arguments.of("lone surrogate in title", "{\"title\":\"\\udc00\"}", "title"),
                Arguments.of("unknown level", "{\"level\":\"COMPANY\"}", "level"),
                Arguments.of("malformed parentId", "{\"parentId\":\"12345\"}", "parentId"),
                Arguments.of("number as parentId", "{\"parentId\":12345}", "parentId"),
                Arguments.of("array as ownerAgentId", "{\"ownerAgentId\":[]}", "ownerAgentId"),
                Arguments.of("valid title with a bad status", "{\"title\":\"Half\",\"status\":\"nope\"}", "status"));
    }

    @ParameterizedTest(name = "PATCH /goals/:id, {0}")
    @MethodSource("badGoalPatches")
    void goalPatchRefusesBadInputWith400(String label, String body, String field) {
        JsonObject before = api.get("/api/goals/" + goal).object();
        assertBadRequest(api.patch("/api/goals/" + goal, body), field);
        assertEquals(before, api.get("/api/goals/" + goal).object(), "nothing changed");
    }

    static Stream<Arguments> badProjectBodies() {
        return Stream.of(
                Arguments.of("null body", "null", null),
                Arguments.of("missing name", "{}", "name"),
                Arguments.of("empty name", "{\"name\":\"\"}", "name"),
                Arguments.of("boolean as name", "{\"name\":true}", null),
                Arguments.of("NUL in name", "{\"name\":\"\\u0000\"}", "name"),
                Arguments.of("lone surrogate in description", "{\"name\":\"x\",\"description\":\"\\ud800\"}", "description"),
                Arguments.of("name of 201 characters", "{\"name\":\"" + "n".repeat(201) + "\"}", "name"),
                Arguments.of("unknown status", "{\"name\":\"x\",\"status\":\"done\"}", "status"),
                Arguments.of("malformed goalId", "{\"name\":\"x\",\"goalId\":\"zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz\"}", "goalId"),
                Arguments.of("date with time", "{\"name\":\"x\",\"targetDate\":\"2026-01-01T00:00:00Z\"}", "targetDate"),
                Arguments.of("impossible date", "{\"name\":\"x\",\"targetDate\":\"2026-02-30\"}", "targetDate"),
                Arguments.of("month 13", "{\"name\":\"x\",\"targetDate\":\"2026-13-01\"}", "targetDate"),
                Arguments.of("year 0", "{\"name\":\"x\",\"targetDate\":\"0000-01-01\"}", "targetDate"),
                Arguments.of("words as date", "{\"name\":\"x\",\"targetDate\":\"tomorrow\"}", "targetDate"),
                Arguments.of("number as date", "{\"name\":\"x\",\"targetDate\":20260101}", null),
                Arguments.of("string as env", "{\"name\":\"x\",\"env\":\"A=b\"}", "env"),
                Arguments.of("array as env", "{\"name\":\"x\",\"env\":[1]}", "env"),
                Arguments.of("NUL in env", "{\"name\":\"x\",\"env\":{\"A\":\"\\u0000\"}}", "env"),
                Arguments.of("lone surrogate in env key", "{\"name\":\"x\",\"env\":{\"\\udc00\":1}}", "env"),
                Arguments.of("huge env", "{\"name\":\"x\",\"env\":{\"A\":\"" + "v".repeat(100_001) + "\"}}", "env"));
    }

    @ParameterizedTest(name = "POST /companies/:id/projects, {0}")
    @MethodSource("badProjectBodies")
    void projectCreateRefusesBadInputWith400(String label, String body, String field) {
        assertBadRequest(api.post("/api/companies/" + company + "/projects", body), field);
    }

    static Stream<Arguments> badProjectPatches() {
        return Stream.of(
                Arguments.of("null body", "null", null),
                Arguments.of("empty name", "{\"name\":\"\"}", "name"),
                Arguments.of("bad date", "{\"targetDate\":\"2026-1-1\"}", "targetDate"),
                Arguments.of("number as date", "{\"targetDate\":5}", "targetDate"),
                Arguments.of("string as env", "{\"env\":\"x\"}", "env"),
                Arguments.of("number as goalId", "{\"goalId\":1}", "goalId"),
                Arguments.of("malformed leadAgentId", "{\"leadAgentId\":\"abc\"}", "leadAgentId"),
                Arguments.of("valid name with a bad status", "{\"name\":\"Half\",\"status\":\"BACKLOG\"}", "status"));
    }

    @ParameterizedTest(name = "PATCH /projects/:id, {0}")
    @MethodSource("badProjectPatches")
    void projectPatchRefusesBadInputWith400(String label, String body, String field) {
        JsonObject before = api.get("/api/projects/" + project).object();
        assertBadRequest(api.patch("/api/projects/" + project, body), field);
        assertEquals(before, api.get("/api/projects/" + project).object(), "nothing changed");
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"not-a-uuid", "12345", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "random"})
    void unknownOrMalformedIdsAre404(String given) {
        String id = given.equals("random") ? UUID.randomUUID().toString() : given;
        for (Api.Reply reply : List.of(api.get("/api/goals/" + id), api.patch("/api/goals/" + id, "{\"title\":\"x\"}"),
                api.send("DELETE", "/api/goals/" + id, null, null, Map.of()))) {
            assertError(reply, 404);
            assertEquals("Goal not found", reply.object().getString("error"), reply::toString);
        }
        for (Api.Reply reply : List.of(api.get("/api/projects/" + id), api.patch("/api/projects/" + id, "{\"name\":\"x\"}"))) {
            assertError(reply, 404);
            assertEquals("Project not found", reply.object().getString("error"), reply::toString);
        }
        for (Api.Reply reply : List.of(api.get("/api/companies/" + id + "/goals"),
                api.post("/api/companies/" + id + "/goals", "{\"title\":\"x\"}"),
                api.get("/api/companies/" + id + "/projects"),
                api.post("/api/companies/" + id + "/projects", "{\"name\":\"x\"}"))) {
            assertError(reply, 404);
            assertEquals("Company not found", reply.object().getString("error"), reply::toString);
        }
    }

    // ---- what lands in the database --------------------------------------------------------------

    @Test
    void everyMutationWritesItsActivityRow() throws SQLException {
        String c = createCompany("Goal Audit " + token());
        String g = createGoal(c, "{\"title\":\"Audited\"}").getString("id");
        patchGoal(g, "{\"title\":\"Audited again\"}");
        patchGoal(g, "{}"); // changes nothing, records nothing
        String p = createProject(c, "{\"name\":\"Audited\",\"env\":{\"SECRET\":\"hunter2\"}}").getString("id");
        patchProject(p, "{\"status\":\"planned\",\"env\":{\"SECRET\":\"hunter3\",\"A_LONGER_KEY\":\"x\"}}");
        patchProject(p, "{\"status\":\"planned\"}"); // the same status: nothing
        // the same env in another key order and spacing than jsonb keeps it: nothing
        patchProject(p, "{\"env\":{ \"SECRET\" : \"hunter3\", \"A_LONGER_KEY\":\"x\"}}");
        assertEquals(200, api.send("DELETE", "/api/goals/" + g, null, null, Map.of()).status());

        try (Connection db = PaperclipApp.get().openDatabase()) {
            String root = onlyRootIn(db, c);
            List<CompaniesApiIT.Row> rows = activity(db, c).stream()
                    .filter(r -> !r.entityType().equals("company") && !r.entityId().equals(root)).toList();
            assertEquals(List.of("goal.created", "goal.updated", "project.created", "project.updated", "goal.deleted"),
                    actionsInOrder(db, c), rows::toString);
            for (CompaniesApiIT.Row row : rows) {
                String expected = row.action().startsWith("goal.") ? g : p;
                assertEquals(row.action().substring(0, row.action().indexOf('.')), row.entityType(), row::toString);
                assertEquals(expected, row.entityId(), row::toString);
                assertEquals("user", row.actorType(), row::toString);
                assertTrue(row.details() == null || !row.details().contains("hunter"), "no env values in activity: " + row);
            }
        }
    }

    @Test
    void aRefusedRequestWritesNothing() throws SQLException {
        long before = activityCount();
        assertError(api.post("/api/companies/" + company + "/goals", "{\"title\":\"X\",\"parentId\":\"" + otherRoot + "\"}"), 422);
        assertError(api.patch("/api/goals/" + goal, "{\"title\":\"Renamed\",\"parentId\":\"" + goal + "\"}"), 422);
        assertError(api.send("DELETE", "/api/goals/" + rootGoal, null, null, Map.of()), 409);
        assertError(api.post("/api/companies/" + company + "/projects", "{\"name\":\"X\",\"goalId\":\"" + otherRoot + "\"}"), 422);
        assertError(api.patch("/api/projects/" + project, "{\"name\":\"Renamed\",\"targetDate\":\"never\"}"), 400);
        assertEquals(before, activityCount(), "no activity from refused requests");
        assertNotEquals("Renamed", api.get("/api/goals/" + goal).object().getString("title"), "no partial update");
        assertNotEquals("Renamed", api.get("/api/projects/" + project).object().getString("name"), "no partial update");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static String createCompany(String name) {
        Api.Reply reply = api.post("/api/companies", "{\"name\":\"" + name + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object().getString("id");
    }

    static String onlyGoal(String companyId) {
        JsonArray goals = api.get("/api/companies/" + companyId + "/goals").array();
        assertEquals(1, goals.size(), goals::toString);
        return goals.getJsonObject(0).getString("id");
    }

    static JsonObject createGoal(String companyId, String body) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/goals", body);
        assertEquals(201, reply.status(), reply::toString);
        assertGoalShape(reply.object());
        return reply.object();
    }

    static JsonObject patchGoal(String id, String body) {
        Api.Reply reply = api.patch("/api/goals/" + id, body);
        assertEquals(200, reply.status(), reply::toString);
        assertGoalShape(reply.object());
        return reply.object();
    }

    static JsonObject createProject(String companyId, String body) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/projects", body);
        assertEquals(201, reply.status(), reply::toString);
        assertProjectShape(reply.object());
        return reply.object();
    }

    static JsonObject patchProject(String id, String body) {
        Api.Reply reply = api.patch("/api/projects/" + id, body);
        assertEquals(200, reply.status(), reply::toString);
        assertProjectShape(reply.object());
        return reply.object();
    }

    static void assertGoalShape(JsonObject g) {
        assertEquals(GOAL_FIELDS, g.keySet(), g::toString);
        assertTrue(Set.of("company", "team", "agent", "task").contains(g.getString("level")), g::toString);
        assertTrue(Set.of("planned", "active", "achieved", "cancelled").contains(g.getString("status")), g::toString);
        assertTimes(g);
    }

    static void assertProjectShape(JsonObject p) {
        assertEquals(PROJECT_FIELDS, p.keySet(), p::toString);
        assertTrue(Set.of("backlog", "planned", "in_progress", "completed", "cancelled").contains(p.getString("status")),
                p::toString);
        JsonValue date = p.get("targetDate");
        assertTrue(date == JsonValue.NULL || ((JsonString) date).getString().matches("\\d{4}-\\d{2}-\\d{2}"), p::toString);
        JsonValue env = p.get("env");
        assertTrue(env.getValueType() == JsonValue.ValueType.NULL || env.getValueType() == JsonValue.ValueType.OBJECT,
                p::toString);
        assertTimes(p);
    }

    private static void assertTimes(JsonObject o) {
        for (String time : List.of("createdAt", "updatedAt")) {
            assertTrue(ISO_UTC_MILLIS.matcher(o.getString(time)).matches(), time + ": " + o);
        }
    }

    /** Inserts an agent row (no agent API yet) and answers its id. */
    static String insertAgent(String companyId) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement(
                     "insert into agents (company_id, name) values (?::uuid, ?) returning id::text")) {
            q.setString(1, companyId);
            q.setString(2, "Agent " + token());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The company's actions after its creation (company.created and the root goal.created), in commit order. */
    private static List<String> actionsInOrder(Connection db, String companyId) throws SQLException {
        List<String> all = actions(activity(db, companyId));
        assertEquals(List.of("company.created", "goal.created"), all.subList(0, 2), all::toString);
        return all.subList(2, all.size());
    }

    private static String onlyRootIn(Connection db, String companyId) throws SQLException {
        return activity(db, companyId).get(1).entityId();
    }

    private static long activityCount() throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement("select count(*) from activity_log");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
