package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.UUID_V4;
import static dev.paperclipee.system.CompaniesApiIT.actions;
import static dev.paperclipee.system.CompaniesApiIT.activity;
import static dev.paperclipee.system.CompaniesApiIT.assertBadRequest;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static dev.paperclipee.system.GoalsAndProjectsApiIT.createCompany;
import static dev.paperclipee.system.GoalsAndProjectsApiIT.createProject;
import static dev.paperclipee.system.GoalsAndProjectsApiIT.onlyGoal;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/companies/:id/issues}, {@code /api/issues/:id} with checkout, release,
 * force-release and comments, against the running jar (spec §7.6, §7.7, §8.2, §10.4, §10.4.1,
 * §10.9; api-contract.md: the issues, checkout and comments rows, departures 1, 2, 5 and 6).
 */
class IssuesApiIT {

    static final Set<String> ISSUE_FIELDS = Set.of("id", "companyId", "title", "description", "status", "priority",
            "assigneeAgentId", "assigneeUserId", "checkoutRunId", "executionRunId", "executionLockedAt",
            "createdByAgentId", "createdByUserId", "issueNumber", "identifier", "goalId", "projectId", "parentId",
            "requestDepth", "billingCode", "startedAt", "completedAt", "cancelledAt", "hiddenAt", "createdAt",
            "updatedAt");
    static final Set<String> COMMENT_FIELDS = Set.of("id", "companyId", "issueId", "authorAgentId", "authorUserId",
            "body", "createdAt", "updatedAt");
    static final String BOARD_USER = "00000000-0000-0000-0000-000000000001";

    static Api api;
    static String company;
    static String rootGoal;
    static String agent;
    /** An issue the refused requests aim at; nothing may change it. */
    static JsonObject target;
    static String other;
    static String otherIssue;
    static String otherAgent;

    @BeforeAll
    static void startApplication() throws SQLException {
        api = Api.ofSharedApp();
        // the company, goal and project helpers borrowed from those classes use their own client field
        GoalsAndProjectsApiIT.api = api;
        CompaniesApiIT.api = api;
        AgentsApiIT.api = api;
        company = createCompany("Issues " + token());
        rootGoal = onlyGoal(company);
        agent = insertAgent(company, "Worker", "idle");
        target = createIssue(company, "{\"title\":\"Refusal target\"}");
        other = createCompany("Elsewhere " + token());
        otherIssue = createIssue(other, "{\"title\":\"Foreign\"}").getString("id");
        otherAgent = insertAgent(other, "Stranger", "idle");
    }

    // ---- create, read, shapes ------------------------------------------------------------------

    @Test
    void aNewIssueHasTheContractShapeAndDefaults() {
        String c = createCompany("Shapes " + token());
        JsonObject first = createIssue(c, "{\"title\":\"  Write the plan  \"}");
        JsonObject second = createIssue(c, "{\"title\":\"Second\",\"priority\":\"high\",\"description\":\"d\"}");

        assertIssueShape(first);
        String prefix = first.getString("identifier").split("-")[0];
        assertAll(
                () -> assertEquals("Write the plan", first.getString("title")),
                () -> assertEquals("backlog", first.getString("status")),
                () -> assertEquals("medium", first.getString("priority")),
                () -> assertEquals(1, first.getInt("issueNumber")),
                () -> assertEquals(prefix + "-1", first.getString("identifier")),
                () -> assertEquals(2, second.getInt("issueNumber")),
                () -> assertEquals(prefix + "-2", second.getString("identifier")),
                () -> assertEquals("high", second.getString("priority")),
                () -> assertEquals(onlyGoal(c), first.getString("goalId"), "defaults to the root goal"),
                () -> assertEquals(BOARD_USER, first.getString("createdByUserId")),
                () -> assertTrue(first.isNull("createdByAgentId")),
                () -> assertEquals(0, first.getInt("requestDepth")),
                () -> assertTrue(first.isNull("startedAt")));
    }

    @Test
    void anIssueCreatedWithAnAssigneeStartsInTodo() {
        JsonObject issue = createIssue(company, "{\"title\":\"Assigned\",\"assigneeAgentId\":\"" + agent + "\"}");
        assertEquals("todo", issue.getString("status"));
        assertEquals(agent, issue.getString("assigneeAgentId"));

        JsonObject parked = createIssue(company, "{\"title\":\"Parked\",\"status\":\"backlog\",\"assigneeAgentId\":\"" + agent + "\"}");
        assertEquals("backlog", parked.getString("status"), "an explicit backlog stays parked");
    }

    @Test
    void subIssuesInheritTheGoalAndCountDelegationDepth() {
        String c = createCompany("Tree " + token());
        String goal = GoalsAndProjectsApiIT.createGoal(c, "{\"title\":\"Ship v1\"}").getString("id");
        String projectGoal = GoalsAndProjectsApiIT.createGoal(c, "{\"title\":\"Grow\"}").getString("id");
        String project = createProject(c, "{\"name\":\"Web\",\"goalId\":\"" + projectGoal + "\"}").getString("id");
        JsonObject parent = createIssue(c, "{\"title\":\"Parent\",\"goalId\":\"" + goal + "\"}");
        JsonObject child = createIssue(c, "{\"title\":\"Child\",\"parentId\":\"" + parent.getString("id") + "\"}");
        JsonObject grandchild = createIssue(c, "{\"title\":\"Grandchild\",\"parentId\":\"" + child.getString("id") + "\"}");
        JsonObject inProject = createIssue(c, "{\"title\":\"In project\",\"projectId\":\"" + project + "\"}");

        assertEquals(goal, child.getString("goalId"));
        assertEquals(1, child.getInt("requestDepth"));
        assertEquals(2, grandchild.getInt("requestDepth"));
        assertEquals(projectGoal, inProject.getString("goalId"));
        assertEquals(project, inProject.getString("projectId"));

        Api.Reply read = api.get("/api/issues/" + grandchild.getString("identifier"));
        assertEquals(200, read.status(), read::toString);
        JsonArray ancestors = read.object().getJsonArray("ancestors");
        assertEquals(List.of(child.getString("id"), parent.getString("id")),
                ancestors.stream().map(a -> a.asJsonObject().getString("id")).toList());
        assertEquals(parent.getString("identifier"), ancestors.getJsonObject(1).getString("identifier"));
    }

    @Test
    void anIssueIsFoundByIdAndByIdentifier() {
        Api.Reply byId = api.get("/api/issues/" + target.getString("id"));
        Api.Reply byIdentifier = api.get("/api/issues/" + target.getString("identifier"));

        assertEquals(200, byId.status(), byId::toString);
        assertEquals(200, byIdentifier.status(), byIdentifier::toString);
        assertEquals(byId.object(), byIdentifier.object());
        Set<String> withAncestors = new java.util.HashSet<>(ISSUE_FIELDS);
        withAncestors.add("ancestors");
        assertEquals(withAncestors, byId.object().keySet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "00000000-0000-4000-8000-000000000000", "acm-1", "ZZZZ-999999", "X-0"})
    void unknownIssuesAre404(String ref) {
        assertError(api.get("/api/issues/" + ref), 404);
        assertError(api.post("/api/issues/" + ref + "/comments", "{\"body\":\"hi\"}"), 404);
        assertError(api.post("/api/issues/" + ref + "/checkout",
                "{\"agentId\":\"" + agent + "\",\"expectedStatuses\":[\"todo\"]}"), 404);
    }

    // ---- list: filters and paging --------------------------------------------------------------

    @Test
    void listFiltersAndPagesStably() throws SQLException {
        String c = createCompany("List " + token());
        String worker = insertAgent(c, "Lister", "idle");
        String project = createProject(c, "{\"name\":\"Filtered\"}").getString("id");
        JsonObject parent = createIssue(c, "{\"title\":\"Umbrella epic\"}");
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String body = i % 2 == 0
                    ? "{\"title\":\"Even task " + i + "\",\"assigneeAgentId\":\"" + worker + "\",\"projectId\":\"" + project + "\"}"
                    : "{\"title\":\"Odd 100%_done " + i + "\",\"parentId\":\"" + parent.getString("id") + "\"}";
            created.add(createIssue(c, body).getString("id"));
        }
        String base = "/api/companies/" + c + "/issues";

        assertEquals(8, list(base).size());
        assertEquals(created.get(6), list(base).getJsonObject(0).getString("id"), "newest first");
        assertEquals(3, list(base + "?status=todo").size());
        assertEquals(8, list(base + "?status=todo,backlog").size());
        assertEquals(0, list(base + "?status=done").size());
        assertEquals(3, list(base + "?assigneeAgentId=" + worker).size());
        assertEquals(3, list(base + "?projectId=" + project).size());
        assertEquals(4, list(base + "?parentId=" + parent.getString("id")).size());
        assertEquals(1, list(base + "?q=umbrella").size(), "case-insensitive title match");
        assertEquals(1, list(base + "?q=" + parent.getString("identifier")).size(), "identifier match");
        assertEquals(4, list(base + "?q=100%25_").size(), "% and _ match literally");
        assertEquals(0, list(base + "?q=100%25x").size());

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 8; offset += 3) {
            list(base + "?limit=3&offset=" + offset).forEach(v -> paged.add(v.asJsonObject().getString("id")));
        }
        assertEquals(list(base).stream().map(v -> v.asJsonObject().getString("id")).toList(), paged);
        assertEquals(0, list(base + "?offset=100").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"status=bogus", "status=todo,nope", "limit=0", "limit=1001", "limit=abc", "limit=1.5",
            "limit=99999999999999999999", "offset=-1", "offset=x", "assigneeAgentId=nope", "projectId=123",
            "parentId=%00"})
    void badListParametersAre400(String query) {
        assertError(api.get("/api/companies/" + company + "/issues?" + query), 400);
    }

    @Test
    void listOfUnknownOrMalformedCompanyIs404() {
        assertError(api.get("/api/companies/00000000-0000-4000-8000-000000000000/issues"), 404);
        assertError(api.get("/api/companies/nope/issues"), 404);
    }

    // ---- update and the status machine ---------------------------------------------------------

    @Test
    void theStatusMachineIsEnforcedWithItsSideEffects() throws SQLException {
        JsonObject issue = createIssue(company, "{\"title\":\"Lifecycle\",\"assigneeAgentId\":\"" + agent + "\"}");
        String path = "/api/issues/" + issue.getString("id");

        Api.Reply skip = api.patch(path, "{\"status\":\"backlog\"}");
        assertError(skip, 409);
        assertEquals("todo", skip.object().getJsonObject("details").getString("from"));

        JsonObject started = patchOk(path, "{\"status\":\"in_progress\"}");
        assertTrue(ISO_UTC_MILLIS.matcher(started.getString("startedAt")).matches(), started::toString);
        JsonObject review = patchOk(path, "{\"status\":\"in_review\"}");
        JsonObject again = patchOk(path, "{\"status\":\"in_progress\"}");
        assertEquals(started.getString("startedAt"), again.getString("startedAt"), "startedAt is set only once");
        assertEquals("in_review", review.getString("status"));
        JsonObject done = patchOk(path, "{\"status\":\"done\"}");
        assertTrue(ISO_UTC_MILLIS.matcher(done.getString("completedAt")).matches(), done::toString);
        assertTrue(done.isNull("cancelledAt"));

        for (String status : List.of("todo", "in_progress", "cancelled", "backlog")) {
            Api.Reply reopen = api.patch(path, "{\"status\":\"" + status + "\"}");
            assertError(reopen, 409);
            assertTrue(reopen.object().getString("error").contains("final"), reopen::toString);
        }
        JsonObject cancelled = createIssue(company, "{\"title\":\"Dropped\"}");
        assertTrue(ISO_UTC_MILLIS.matcher(patchOk("/api/issues/" + cancelled.getString("id"), "{\"status\":\"cancelled\"}")
                .getString("cancelledAt")).matches());
    }

    @Test
    void inProgressNeedsAnAssigneeAndReassigningStopsWork() {
        JsonObject issue = createIssue(company, "{\"title\":\"Unowned\",\"status\":\"todo\"}");
        String path = "/api/issues/" + issue.getString("id");
        assertError(api.patch(path, "{\"status\":\"in_progress\"}"), 422);
        assertError(api.post("/api/companies/" + company + "/issues", "{\"title\":\"x\",\"status\":\"in_progress\"}"), 422);
        assertError(api.post("/api/companies/" + company + "/issues", "{\"title\":\"x\",\"status\":\"done\"}"), 422);

        JsonObject working = patchOk(path, "{\"assigneeAgentId\":\"" + agent + "\",\"status\":\"in_progress\"}");
        assertEquals("in_progress", working.getString("status"));
        JsonObject unassigned = patchOk(path, "{\"assigneeAgentId\":null}");
        assertEquals("todo", unassigned.getString("status"), "nobody holds it any more");
        assertTrue(unassigned.isNull("assigneeAgentId"));
        JsonObject user = patchOk(path, "{\"assigneeUserId\":\"" + BOARD_USER + "\"}");
        assertEquals(BOARD_USER, user.getString("assigneeUserId"));
        JsonObject toAgent = patchOk(path, "{\"assigneeAgentId\":\"" + agent + "\"}");
        assertTrue(toAgent.isNull("assigneeUserId"), "one assignee only");
        assertError(api.patch(path, "{\"assigneeAgentId\":\"" + agent + "\",\"assigneeUserId\":\"" + BOARD_USER + "\"}"), 422);
    }

    @Test
    void patchEditsFieldsAddsACommentAndLogsTheChanges() throws SQLException {
        JsonObject issue = createIssue(company, "{\"title\":\"Editable\",\"billingCode\":\"OPS-1\"}");
        String path = "/api/issues/" + issue.getString("identifier");

        JsonObject edited = patchOk(path, "{\"title\":\"Edited\",\"priority\":\"critical\",\"description\":\"why\","
                + "\"billingCode\":null,\"status\":\"todo\",\"comment\":\"Moving this up\",\"workMode\":\"ignored\"}");

        assertEquals("Edited", edited.getString("title"));
        assertEquals("critical", edited.getString("priority"));
        assertEquals("why", edited.getString("description"));
        assertTrue(edited.isNull("billingCode"));
        JsonArray comments = api.get(path + "/comments").array();
        assertEquals(1, comments.size());
        assertEquals("Moving this up", comments.getJsonObject(0).getString("body"));
        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<CompaniesApiIT.Row> rows = activity(db, company).stream()
                    .filter(r -> r.entityId().equals(issue.getString("id"))).toList();
            assertEquals(List.of("issue.created", "issue.comment_added", "issue.updated"), actions(rows));
            String details = rows.get(2).details();
            assertTrue(details.contains("\"previousStatus\": \"backlog\""), details);
            assertFalse(details.contains("why"), "no description text in the audit trail: " + details);
        }
        String before = api.get(path).object().getString("updatedAt");
        patchOk(path, "{\"title\":\"Edited\"}");
        assertEquals(before, api.get(path).object().getString("updatedAt"), "an update that changes nothing writes nothing");
    }

    @Test
    void linksStayInsideTheCompanyAndParentsNeverLoop() {
        JsonObject a = createIssue(company, "{\"title\":\"A\"}");
        JsonObject b = createIssue(company, "{\"title\":\"B\",\"parentId\":\"" + a.getString("id") + "\"}");
        String otherGoal = onlyGoal(other);
        String otherProject = createProject(other, "{\"name\":\"Theirs\"}").getString("id");
        String base = "/api/companies/" + company + "/issues";

        for (String body : List.of("{\"title\":\"x\",\"goalId\":\"" + otherGoal + "\"}",
                "{\"title\":\"x\",\"projectId\":\"" + otherProject + "\"}",
                "{\"title\":\"x\",\"parentId\":\"" + otherIssue + "\"}",
                "{\"title\":\"x\",\"assigneeAgentId\":\"" + otherAgent + "\"}",
                "{\"title\":\"x\",\"assigneeAgentId\":\"00000000-0000-4000-8000-000000000000\"}",
                "{\"title\":\"x\",\"assigneeUserId\":\"someone\"}")) {
            assertError(api.post(base, body), 422);
        }
        String path = "/api/issues/" + a.getString("id");
        assertError(api.patch(path, "{\"parentId\":\"" + b.getString("id") + "\"}"), 422);
        assertError(api.patch(path, "{\"parentId\":\"" + a.getString("id") + "\"}"), 422);
        assertError(api.patch(path, "{\"goalId\":\"" + otherGoal + "\"}"), 422);
        assertEquals(rootGoal, patchOk(path, "{\"goalId\":null}").getString("goalId"), "unlinking falls back to the root goal");
        assertTrue(patchOk("/api/issues/" + b.getString("id"), "{\"parentId\":null}").isNull("parentId"));
    }

    @Test
    void archivedCompaniesTakeNoNewIssues() {
        String c = createCompany("Closed " + token());
        CompaniesApiIT.archive(c);
        assertError(api.post("/api/companies/" + c + "/issues", "{\"title\":\"Too late\"}"), 409);
    }

    // ---- checkout, release, force-release ------------------------------------------------------

    @Test
    void checkoutClaimsAndConflictsCarryTheOwner() throws SQLException {
        JsonObject issue = createIssue(company, "{\"title\":\"Claim me\",\"status\":\"todo\"}");
        String id = issue.getString("id");
        String rival = insertAgent(company, "Rival", "idle");

        Api.Reply won = checkout(id, agent, "\"todo\"");
        assertEquals(200, won.status(), won::toString);
        JsonObject claimed = won.object();
        assertIssueShape(claimed);
        assertEquals("in_progress", claimed.getString("status"));
        assertEquals(agent, claimed.getString("assigneeAgentId"));
        assertTrue(ISO_UTC_MILLIS.matcher(claimed.getString("startedAt")).matches());

        Api.Reply lost = checkout(id, rival, "\"todo\",\"in_progress\"");
        assertError(lost, 409);
        JsonObject details = lost.object().getJsonObject("details");
        assertEquals(Set.of("issueId", "status", "assigneeAgentId", "checkoutRunId", "executionRunId"), details.keySet());
        assertEquals(id, details.getString("issueId"));
        assertEquals("in_progress", details.getString("status"));
        assertEquals(agent, details.getString("assigneeAgentId"));

        assertEquals(200, checkout(id, agent, "\"in_progress\"").status(), "the owner may check out again");

        JsonObject released = api.post("/api/issues/" + id + "/release", "{}").object();
        assertEquals("todo", released.getString("status"));
        assertTrue(released.isNull("assigneeAgentId"));
        assertEquals(200, checkout(id, rival, "\"todo\"").status(), "released work can be claimed");

        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<String> log = actions(activity(db, company).stream().filter(r -> r.entityId().equals(id)).toList());
            assertEquals(List.of("issue.created", "issue.checked_out", "issue.checked_out", "issue.released",
                    "issue.checked_out"), log);
        }
    }

    @Test
    void pausedAndForeignAgentsCannotCheckOut() throws SQLException {
        String paused = insertAgent(company, "Sleeper", "paused");
        String id = createIssue(company, "{\"title\":\"Nobody\",\"status\":\"todo\"}").getString("id");

        Api.Reply refused = checkout(id, paused, "\"todo\"");
        assertError(refused, 409);
        assertEquals("paused", refused.object().getJsonObject("details").getString("agentStatus"));
        assertError(checkout(id, otherAgent, "\"todo\""), 422);
        assertError(checkout(id, "00000000-0000-4000-8000-000000000000", "\"todo\""), 422);
        assertError(checkout(otherIssue, agent, "\"backlog\""), 422);
        assertEquals("todo", api.get("/api/issues/" + id).object().getString("status"));
    }

    @Test
    void statusMismatchIsAConflict() {
        String id = createIssue(company, "{\"title\":\"Backlogged\"}").getString("id");
        assertError(checkout(id, agent, "\"todo\""), 409);
        assertEquals(200, checkout(id, agent, "\"backlog\"").status());
    }

    @Test
    void twentyParallelCheckoutsOverHttpHaveOneWinner() throws Exception {
        String id = createIssue(company, "{\"title\":\"Contested over HTTP\",\"status\":\"todo\"}").getString("id");
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            agents.add(insertAgent(company, "Parallel " + i, "idle"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Api.Reply>> replies = new ArrayList<>();
            for (String a : agents) {
                replies.add(pool.submit(() -> checkout(id, a, "\"todo\"")));
            }
            int won = 0;
            for (Future<Api.Reply> r : replies) {
                Api.Reply reply = r.get();
                if (reply.status() == 200) {
                    won++;
                } else {
                    assertError(reply, 409);
                }
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void forceReleaseIsTheOperatorsEscapeHatch() throws SQLException {
        String id = createIssue(company, "{\"title\":\"Stuck\",\"status\":\"todo\"}").getString("id");
        assertEquals(200, checkout(id, agent, "\"todo\"").status());

        Api.Reply keep = api.send("POST", "/api/issues/" + id + "/admin/force-release", null, null, Map.of());
        assertEquals(200, keep.status(), keep::toString);
        assertEquals(agent, keep.object().getString("assigneeAgentId"), "without clearAssignee the owner stays");
        Api.Reply empty = api.send("POST", "/api/issues/" + id + "/admin/force-release", Api.JSON, "", Map.of());
        assertEquals(200, empty.status(), empty::toString);
        JsonObject cleared = api.post("/api/issues/" + id + "/admin/force-release", "{\"clearAssignee\":true}").object();
        assertTrue(cleared.isNull("assigneeAgentId"));
        assertEquals("todo", cleared.getString("status"));
        assertBadRequest(api.post("/api/issues/" + id + "/admin/force-release", "{\"clearAssignee\":\"yes\"}"), null);
        assertBadRequest(api.post("/api/issues/" + id + "/admin/force-release", "null"), null);

        try (Connection db = PaperclipApp.get().openDatabase()) {
            List<CompaniesApiIT.Row> rows = activity(db, company).stream()
                    .filter(r -> r.entityId().equals(id) && r.action().equals("issue.admin_force_release")).toList();
            assertEquals(3, rows.size());
            assertTrue(rows.get(2).details().contains("\"clearAssignee\": true"), rows.get(2)::details);
            assertTrue(rows.get(0).details().contains("previousCheckoutRunId"), rows.get(0)::details);
        }
    }

    // ---- comments ------------------------------------------------------------------------------

    @Test
    void commentsAreReadInOrderAndIncrementally() {
        String id = createIssue(company, "{\"title\":\"Discussed\"}").getString("id");
        String path = "/api/issues/" + id + "/comments";
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            Api.Reply posted = api.post(path, "{\"body\":\"Comment " + i + "\"}");
            assertEquals(201, posted.status(), posted::toString);
            JsonObject c = posted.object();
            assertEquals(COMMENT_FIELDS, c.keySet());
            assertEquals(id, c.getString("issueId"));
            assertEquals(BOARD_USER, c.getString("authorUserId"));
            assertTrue(c.isNull("authorAgentId"));
            ids.add(c.getString("id"));
        }

        assertEquals(ids, idsOf(api.get(path).array()));
        assertEquals(ids.subList(2, 4), idsOf(api.get(path + "?after=" + ids.get(1)).array()));
        assertEquals(List.of(), idsOf(api.get(path + "?after=" + ids.get(3)).array()));
        assertEquals(List.of(ids.get(3), ids.get(2), ids.get(1), ids.get(0)), idsOf(api.get(path + "?order=desc").array()));
        assertEquals(ids.subList(0, 2), idsOf(api.get(path + "?limit=2").array()));

        String elsewhere = createIssue(company, "{\"title\":\"Other thread\"}").getString("id");
        String foreignComment = api.post("/api/issues/" + elsewhere + "/comments", "{\"body\":\"x\"}").object().getString("id");
        assertError(api.get(path + "?after=" + foreignComment), 422);
        assertError(api.get(path + "?after=nope"), 400);
        assertError(api.get(path + "?order=sideways"), 400);
        assertError(api.get(path + "?limit=0"), 400);
    }

    // ---- agents with API keys -----------------------------------------------------------------

    @Test
    void anAgentKeyReachesItsOwnCompanyOnly() {
        String c = createCompany("Keys " + token());
        String me = AgentsApiIT.createAgent(c, "{\"name\":\"Keyed\"}").getString("id");
        Map<String, String> key = AgentsApiIT.bearer(AgentsApiIT.newKey(me));

        Api.Reply mine = api.get("/api/companies/" + c + "/issues", key);
        assertEquals(200, mine.status(), mine::toString);
        assertError(api.get("/api/companies/" + company + "/issues", key), 403);
        assertError(api.get("/api/issues/" + target.getString("id"), key), 404);
        assertError(api.get("/api/issues/" + target.getString("identifier"), key), 404);
        assertError(api.send("POST", "/api/companies/" + company + "/issues", Api.JSON, "{\"title\":\"x\"}", key), 403);
        assertError(api.send("POST", "/api/issues/" + target.getString("id") + "/comments", Api.JSON, "{\"body\":\"x\"}", key), 404);
        assertError(api.get("/api/issues/" + target.getString("id"), Map.of("Authorization", "Bearer pcp_" + "0".repeat(48))), 401);
    }

    @Test
    void agentsDelegateCommentAndWorkOnTheirOwnIssues() {
        String c = createCompany("Delegation " + token());
        String manager = AgentsApiIT.createAgent(c, "{\"name\":\"Manager\"}").getString("id");
        String report = AgentsApiIT.createAgent(c, "{\"name\":\"Report\",\"reportsTo\":\"" + manager + "\"}").getString("id");
        String peer = AgentsApiIT.createAgent(c, "{\"name\":\"Peer\"}").getString("id");
        Map<String, String> managerKey = AgentsApiIT.bearer(AgentsApiIT.newKey(manager));
        Map<String, String> reportKey = AgentsApiIT.bearer(AgentsApiIT.newKey(report));
        Map<String, String> peerKey = AgentsApiIT.bearer(AgentsApiIT.newKey(peer));
        JsonObject parent = createIssue(c, "{\"title\":\"Epic\",\"assigneeAgentId\":\"" + manager + "\"}");

        Api.Reply delegated = api.send("POST", "/api/companies/" + c + "/issues", Api.JSON, "{\"title\":\"Sub-task\","
                + "\"parentId\":\"" + parent.getString("id") + "\",\"assigneeAgentId\":\"" + report + "\"}", managerKey);
        assertEquals(201, delegated.status(), delegated::toString);
        JsonObject sub = delegated.object();
        assertEquals(manager, sub.getString("createdByAgentId"));
        assertTrue(sub.isNull("createdByUserId"));
        assertEquals(1, sub.getInt("requestDepth"));
        assertEquals("todo", sub.getString("status"));
        String path = "/api/issues/" + sub.getString("id");

        assertError(api.send("POST", path + "/checkout", Api.JSON,
                "{\"agentId\":\"" + report + "\",\"expectedStatuses\":[\"todo\"]}", peerKey), 403);
        assertError(api.send("POST", path + "/checkout", Api.JSON,
                "{\"agentId\":\"" + peer + "\",\"expectedStatuses\":[\"todo\"]}", peerKey), 409);
        Api.Reply claimed = api.send("POST", path + "/checkout", Api.JSON,
                "{\"agentId\":\"" + report + "\",\"expectedStatuses\":[\"todo\"]}", reportKey);
        assertEquals(200, claimed.status(), claimed::toString);
        Api.Reply comment = api.send("POST", path + "/comments", Api.JSON, "{\"body\":\"Working on it\"}", reportKey);
        assertEquals(report, comment.object().getString("authorAgentId"));
        assertTrue(comment.object().isNull("authorUserId"));
        assertEquals(201, api.send("POST", path + "/comments", Api.JSON, "{\"body\":\"Peers may comment\"}", peerKey).status());

        assertError(api.send("PATCH", path, Api.JSON, "{\"priority\":\"low\"}", peerKey), 403);
        assertError(api.send("POST", path + "/release", Api.JSON, "{}", peerKey), 409);
        Api.Reply forced = api.send("POST", path + "/admin/force-release", Api.JSON, "{}", managerKey);
        assertError(forced, 403);
        assertEquals("Board access required", forced.object().getString("error"));
        assertEquals(200, api.send("PATCH", path, Api.JSON, "{\"status\":\"in_review\"}", reportKey).status());
        Api.Reply done = api.send("PATCH", path, Api.JSON, "{\"status\":\"done\",\"comment\":\"Looks good\"}", managerKey);
        assertEquals(200, done.status(), done::toString);
        assertEquals("done", done.object().getString("status"));
        assertError(api.send("POST", "/api/companies/" + c + "/issues", Api.JSON,
                "{\"title\":\"Sneaky\",\"status\":\"in_progress\",\"assigneeAgentId\":\"" + peer + "\"}", peerKey), 422);
    }

    // ---- bad input: bodies ---------------------------------------------------------------------

    static Stream<Arguments> badBodies() {
        String issues = "/api/companies/{company}/issues";
        String one = "/api/issues/{issue}";
        return Stream.of(
                Arguments.of("POST", issues, "{}", "title"),
                Arguments.of("POST", issues, "{\"title\":\"\"}", "title"),
                Arguments.of("POST", issues, "{\"title\":\"   \"}", "title"),
                Arguments.of("POST", issues, "{\"title\":5}", null),
                Arguments.of("POST", issues, "{\"title\":\"x\",\"status\":\"open\"}", "status"),
                Arguments.of("POST", issues, "{\"title\":\"x\",\"priority\":\"urgent\"}", "priority"),
                Arguments.of("POST", issues, "{\"title\":\"x\",\"assigneeAgentId\":\"nope\"}", "assigneeAgentId"),
                Arguments.of("POST", issues, "{\"title\":\"x\",\"parentId\":42}", null),
                Arguments.of("POST", issues, "{\"title\":\"a\\u0000b\"}", "title"),
                Arguments.of("POST", issues, "{\"title\":\"\\ud800\"}", "title"),
                Arguments.of("POST", issues, "{\"title\":\"" + "x".repeat(1_000_000) + "\"}", "title"),
                Arguments.of("POST", issues, "{\"title\":\"x\",\"description\":\"" + "d".repeat(100_001) + "\"}", "description"),
                Arguments.of("POST", issues, "{\"title\":\"x\",\"billingCode\":[\"a\"]}", null),
                Arguments.of("PATCH", one, "{\"title\":\"\"}", "title"),
                Arguments.of("PATCH", one, "{\"status\":\"finished\"}", "status"),
                Arguments.of("PATCH", one, "{\"assigneeAgentId\":7}", "assigneeAgentId"),
                Arguments.of("PATCH", one, "{\"projectId\":\"nope\"}", "projectId"),
                Arguments.of("PATCH", one, "{\"comment\":\"\"}", "comment"),
                Arguments.of("PATCH", one, "{\"comment\":\"\\u0000\"}", "comment"),
                Arguments.of("PATCH", one, "{\"billingCode\":{}}", "billingCode"),
                Arguments.of("POST", one + "/checkout", "{}", null),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"{agent}\"}", "expectedStatuses"),
                Arguments.of("POST", one + "/checkout", "{\"expectedStatuses\":[\"todo\"]}", "agentId"),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"{agent}\",\"expectedStatuses\":[]}", "expectedStatuses"),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"{agent}\",\"expectedStatuses\":\"todo\"}", null),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"{agent}\",\"expectedStatuses\":[\"done\"]}", "expectedStatuses"),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"{agent}\",\"expectedStatuses\":[\"soon\"]}", "expectedStatuses"),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"{agent}\",\"expectedStatuses\":[null]}", "expectedStatuses"),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"{agent}\",\"expectedStatuses\":[1]}", null),
                Arguments.of("POST", one + "/checkout", "{\"agentId\":\"x\",\"expectedStatuses\":[\"todo\"]}", "agentId"),
                Arguments.of("POST", one + "/comments", "{}", "body"),
                Arguments.of("POST", one + "/comments", "{\"body\":\"\"}", "body"),
                Arguments.of("POST", one + "/comments", "{\"body\":true}", null),
                Arguments.of("POST", one + "/comments", "{\"body\":\"" + "c".repeat(100_001) + "\"}", "body"),
                Arguments.of("POST", one + "/comments", "{\"body\":\"\\udc00\"}", "body"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("badBodies")
    void badBodiesAre400AndChangeNothing(String method, String pathTemplate, String body, String field) throws SQLException {
        String shown = body.length() > 200 ? body.substring(0, 200) : body;
        String path = pathTemplate.replace("{company}", company).replace("{issue}", target.getString("id"));
        long before = activityCount();

        Api.Reply reply = api.send(method, path, Api.JSON, body.replace("{agent}", agent), Map.of());

        assertBadRequest(reply, field);
        assertEquals(before, activityCount(), "nothing written for " + shown);
        assertEquals(target, api.get("/api/issues/" + target.getString("id")).object().entrySet().stream()
                .filter(e -> !e.getKey().equals("ancestors"))
                .collect(jakarta.json.Json::createObjectBuilder, (b, e) -> b.add(e.getKey(), e.getValue()),
                        (x, y) -> { }).build(), "the issue is unchanged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "\"x\"", "{", "{\"title\":\"x\"", "{\"title\":\"x\"}{}", "{\"title\":\"x\"} x"})
    void notExactlyOneObjectIs400(String body) {
        for (String path : List.of("/api/companies/" + company + "/issues", "/api/issues/" + target.getString("id") + "/comments",
                "/api/issues/" + target.getString("id") + "/checkout")) {
            assertError(api.send("POST", path, Api.JSON, body, Map.of()), 400);
        }
        assertError(api.send("PATCH", "/api/issues/" + target.getString("id"), Api.JSON, body, Map.of()), 400);
    }

    @Test
    void wrongContentTypeIs415() {
        assertError(api.send("POST", "/api/companies/" + company + "/issues", "text/plain", "{\"title\":\"x\"}", Map.of()), 415);
    }

    // ---- helpers -------------------------------------------------------------------------------

    static JsonObject createIssue(String companyId, String body) {
        Api.Reply reply = api.post("/api/companies/" + companyId + "/issues", body);
        assertEquals(201, reply.status(), reply::toString);
        JsonObject issue = reply.object();
        assertIssueShape(issue);
        return issue;
    }

    static JsonObject patchOk(String path, String body) {
        Api.Reply reply = api.patch(path, body);
        assertEquals(200, reply.status(), reply::toString);
        return reply.object();
    }

    static Api.Reply checkout(String issueId, String agentId, String statuses) {
        return api.post("/api/issues/" + issueId + "/checkout",
                "{\"agentId\":\"" + agentId + "\",\"expectedStatuses\":[" + statuses + "]}");
    }

    static JsonArray list(String path) {
        Api.Reply reply = api.get(path);
        assertEquals(200, reply.status(), reply::toString);
        return reply.array();
    }

    static void assertIssueShape(JsonObject issue) {
        assertEquals(ISSUE_FIELDS, issue.keySet(), issue::toString);
        assertTrue(UUID_V4.matcher(issue.getString("id")).matches(), issue::toString);
        assertTrue(issue.getString("identifier").matches("[A-Z][A-Z0-9]*-[1-9][0-9]*"), issue::toString);
        assertTrue(ISO_UTC_MILLIS.matcher(issue.getString("createdAt")).matches(), issue::toString);
        assertTrue(ISO_UTC_MILLIS.matcher(issue.getString("updatedAt")).matches(), issue::toString);
        assertNotEquals(JsonValue.ValueType.NULL, issue.get("goalId").getValueType(), "every issue traces to a goal");
    }

    static List<String> idsOf(JsonArray array) {
        return array.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    static String insertAgent(String companyId, String name, String status) throws SQLException {
        try (Connection db = PaperclipApp.get().openDatabase();
             PreparedStatement q = db.prepareStatement(
                     "insert into agents (company_id, name, status) values (?::uuid, ?, ?) returning id::text")) {
            q.setString(1, companyId);
            q.setString(2, name + " " + token());
            q.setString(3, status);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getString(1);
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
