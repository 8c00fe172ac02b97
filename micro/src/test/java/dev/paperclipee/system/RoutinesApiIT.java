package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

import static dev.paperclipee.system.CompaniesApiIT.ISO_UTC_MILLIS;
import static dev.paperclipee.system.CompaniesApiIT.assertError;
import static dev.paperclipee.system.CompaniesApiIT.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/companies/:id/routines} and {@code /api/routines/:id} against the running jar (spec
 * §10.10): the shapes, the schedule's next occurrence in its time zone, pause/resume, firing by
 * hand with the concurrency policy, the run history, the activity entries, and a due occurrence
 * fired by the server's own tick. Bad input of every field is BadInputIT's; the race of several
 * ticks is ejb-core's RoutinesIT.
 */
class RoutinesApiIT {

    static final Set<String> ROUTINE_FIELDS = Set.of("id", "companyId", "projectId", "goalId", "title", "description",
            "assigneeAgentId", "priority", "status", "concurrencyPolicy", "catchUpPolicy", "cronExpression", "timezone",
            "nextRunAt", "lastTriggeredAt", "createdByAgentId", "createdByUserId", "createdAt", "updatedAt");
    static final Set<String> RUN_FIELDS = Set.of("id", "companyId", "routineId", "source", "status", "scheduledFor",
            "triggeredAt", "linkedIssueId", "failureReason", "createdAt");

    static Api api;
    static Connection db;
    static String company;
    static String agent;

    @BeforeAll
    static void fixtures() throws SQLException {
        api = Api.ofSharedApp();
        db = PaperclipApp.get().openDatabase();
        company = created("/api/companies", "{\"name\":\"Routines " + token() + "\"}").getString("id");
        agent = created("/api/companies/" + company + "/agents",
                "{\"name\":\"Reporter\",\"adapterConfig\":{\"command\":\"true\"}}").getString("id");
    }

    @AfterAll
    static void close() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aRoutineIsCreatedWithItsNextOccurrenceInItsZoneAndPausesAndResumes() {
        JsonObject r = created("/api/companies/" + company + "/routines", """
                {"title":"Weekly report","description":"Summarise the week","priority":"high","assigneeAgentId":"%s",
                 "cronExpression":"0 9 * * 1","timezone":"Europe/Berlin"}""".formatted(agent));
        assertEquals(ROUTINE_FIELDS, r.keySet(), r::toString);
        assertEquals("active", r.getString("status"));
        assertEquals("coalesce_if_active", r.getString("concurrencyPolicy"));
        assertEquals("skip_missed", r.getString("catchUpPolicy"));
        assertEquals("Europe/Berlin", r.getString("timezone"));
        assertTrue(ISO_UTC_MILLIS.matcher(r.getString("nextRunAt")).matches(), r::toString);
        OffsetDateTime next = OffsetDateTime.parse(r.getString("nextRunAt"));
        assertEquals(java.time.DayOfWeek.MONDAY, next.atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin")).getDayOfWeek());
        assertEquals(9, next.atZoneSameInstant(java.time.ZoneId.of("Europe/Berlin")).getHour());
        String id = r.getString("id");

        Api.Reply paused = api.post("/api/routines/" + id + "/pause", "{}");
        assertEquals(200, paused.status(), paused::toString);
        assertEquals("paused", paused.object().getString("status"));
        assertTrue(paused.object().isNull("nextRunAt"));
        Api.Reply resumed = api.post("/api/routines/" + id + "/resume", "{}");
        assertEquals("active", resumed.object().getString("status"));
        assertEquals(r.getString("nextRunAt"), resumed.object().getString("nextRunAt"));

        Api.Reply patched = api.patch("/api/routines/" + id, "{\"cronExpression\":\"30 8 * * *\",\"timezone\":\"Asia/Tokyo\"}");
        assertEquals(200, patched.status(), patched::toString);
        OffsetDateTime tokyo = OffsetDateTime.parse(patched.object().getString("nextRunAt"));
        assertEquals(23, tokyo.getHour(), "08:30 in Tokyo is 23:30 UTC");
        Api.Reply manual = api.patch("/api/routines/" + id, "{\"cronExpression\":null}");
        assertTrue(manual.object().isNull("nextRunAt"), "no schedule: fired only by hand");

        JsonArray listed = api.get("/api/companies/" + company + "/routines").array();
        assertTrue(listed.stream().anyMatch(v -> v.asJsonObject().getString("id").equals(id)));
        assertEquals(id, api.get("/api/routines/" + id).object().getString("id"));
        assertTrue(actions(id).containsAll(Set.of("routine.created", "routine.paused", "routine.resumed", "routine.updated")),
                () -> actions(id).toString());
    }

    @Test
    void firingByHandCreatesAnIssueThenCoalescesWhileItIsOpen() {
        String id = created("/api/companies/" + company + "/routines",
                "{\"title\":\"Inbox zero\",\"assigneeAgentId\":\"" + agent + "\"}").getString("id");
        JsonObject first = fire(id);
        assertEquals(RUN_FIELDS, first.keySet(), first::toString);
        assertEquals("manual", first.getString("source"));
        assertEquals("issue_created", first.getString("status"));
        JsonObject issue = api.get("/api/issues/" + first.getString("linkedIssueId")).object();
        assertEquals("Inbox zero", issue.getString("title"));
        assertEquals("todo", issue.getString("status"));
        assertEquals(agent, issue.getString("assigneeAgentId"));

        JsonObject second = fire(id);
        assertEquals("coalesced", second.getString("status"));
        assertEquals(first.getString("linkedIssueId"), second.getString("linkedIssueId"));

        api.patch("/api/routines/" + id, "{\"concurrencyPolicy\":\"skip_if_active\"}");
        assertEquals("skipped", fire(id).getString("status"));

        JsonArray runs = api.get("/api/routines/" + id + "/runs").array();
        assertEquals(3, runs.size(), runs::toString);
        assertEquals("skipped", runs.getJsonObject(0).getString("status"), "newest first");
        assertEquals(1, api.get("/api/routines/" + id + "/runs?limit=1").array().size());
        assertTrue(actions(id).contains("routine.triggered"));
    }

    @Test
    void aDueOccurrenceIsFiredByTheServersTick() throws Exception {
        String id = created("/api/companies/" + company + "/routines",
                "{\"title\":\"Every minute\",\"cronExpression\":\"* * * * *\"}").getString("id");
        try (PreparedStatement due = db.prepareStatement(
                "update routines set next_run_at = date_trunc('minute', now()) - interval '1 minute' where id = ?::uuid")) {
            due.setString(1, id);
            assertEquals(1, due.executeUpdate());
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        try {
            JsonArray runs;
            while ((runs = api.get("/api/routines/" + id + "/runs").array()).isEmpty()) {
                assertTrue(Instant.now().isBefore(deadline), "the tick did not fire the due routine");
                Thread.sleep(250);
            }
            JsonObject run = runs.getJsonObject(0);
            assertEquals("schedule", run.getString("source"));
            assertEquals("issue_created", run.getString("status"));
            assertTrue(ISO_UTC_MILLIS.matcher(run.getString("scheduledFor")).matches(), run::toString);
            JsonObject issue = api.get("/api/issues/" + run.getString("linkedIssueId")).object();
            assertEquals("backlog", issue.getString("status"), "no assignee: backlog");
            assertTrue(OffsetDateTime.parse(api.get("/api/routines/" + id).object().getString("nextRunAt"))
                    .isAfter(OffsetDateTime.now().minusSeconds(5)), "the schedule moved on");
        } finally {
            // an every-minute routine left active would write runs and activity under later test classes
            assertEquals(200, api.patch("/api/routines/" + id, "{\"status\":\"archived\"}").status());
        }
    }

    @Test
    void refusals() {
        String id = created("/api/companies/" + company + "/routines", "{\"title\":\"Refused\"}").getString("id");
        assertError(api.post("/api/companies/" + company + "/routines", "{\"title\":\"x\",\"cronExpression\":\"61 * * * *\"}"), 400);
        assertError(api.post("/api/companies/" + company + "/routines", "{\"title\":\"x\",\"cronExpression\":\"0 9 * * *\","
                + "\"timezone\":\"Mars/Olympus\"}"), 400);
        Api.Reply archived = api.patch("/api/routines/" + id, "{\"status\":\"archived\"}");
        assertEquals(200, archived.status(), archived::toString);
        assertError(api.post("/api/routines/" + id + "/run", "{}"), 409);
        assertError(api.post("/api/routines/" + id + "/resume", "{}"), 409);
    }

    private static JsonObject fire(String id) {
        Api.Reply reply = api.post("/api/routines/" + id + "/run", "{}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    private static JsonObject created(String path, String body) {
        Api.Reply reply = api.post(path, body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    private static Set<String> actions(String routineId) {
        try (PreparedStatement q = db.prepareStatement(
                "select distinct action from activity_log where entity_type = 'routine' and entity_id = ?")) {
            q.setString(1, routineId);
            try (ResultSet rs = q.executeQuery()) {
                java.util.Set<String> found = new java.util.HashSet<>();
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
                return found;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
