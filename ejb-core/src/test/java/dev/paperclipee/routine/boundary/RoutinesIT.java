package dev.paperclipee.routine.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.agent.boundary.AgentDraft;
import dev.paperclipee.agent.boundary.Agents;
import dev.paperclipee.company.boundary.Companies;
import dev.paperclipee.company.boundary.CompanyDraft;
import dev.paperclipee.routine.entity.Routine;
import dev.paperclipee.routine.entity.RoutineRun;
import dev.paperclipee.routine.entity.RoutineRunStatus;
import dev.paperclipee.routine.entity.RoutineStatus;
import dev.paperclipee.shared.entity.JsonText;
import dev.paperclipee.testing.ApplicationDeployment;
import dev.paperclipee.testing.Sql;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routines fired by racing ticks (spec §10.10, ARCHITECTURE "Concurrency rules"): a due
 * occurrence creates exactly one issue however many ticks claim it at once; a paused routine
 * does not fire; a second occurrence while the first issue is open is coalesced; an occurrence
 * whose issue cannot be created is recorded as failed and the schedule moves on.
 */
@ExtendWith(ArquillianExtension.class)
class RoutinesIT {

    private static final Actor BOARD = Actor.localBoard();
    private static final int RACERS = 8;

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("routines-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    Agents agents;

    @Inject
    Routines routines;

    @Inject
    RoutineScheduler scheduler;

    @Test
    void racingTicksFireADueOccurrenceOnceAndPauseStopsIt() throws Exception {
        UUID company = companies.create(BOARD, new CompanyDraft("Routines " + UUID.randomUUID(), null, null, null)).getId();
        UUID agent = agents.create(BOARD, company, new AgentDraft("Reporter", null, null, null, null, null, "process",
                JsonText.parse("{\"command\":\"true\"}"), null, null, null, null)).getId();
        Routine routine = routines.create(BOARD, company, new RoutineDraft("Weekly report", "Write it", "high", agent,
                null, null, null, "0 9 * * 1", "Europe/Berlin", null));
        UUID id = routine.getId();
        assertNotNull(routine.getNextRunAt());
        assertTrue(routine.getNextRunAt().isAfter(OffsetDateTime.now()), "the next Monday 09:00");

        makeDue(id);
        raceUntilRecorded(id, 1);
        assertEquals(1, Sql.count("select count(*) from issues where origin_kind = 'routine_execution' and origin_id = ?",
                id.toString()), "exactly one issue");
        assertEquals(1, Sql.count("select count(*) from routine_runs where routine_id = ?", id));
        assertEquals("todo", Sql.value("select status from issues where origin_id = ?", id.toString()), "assigned → todo");
        assertEquals("high", Sql.value("select priority from issues where origin_id = ?", id.toString()));
        assertTrue(OffsetDateTime.now().isBefore(routines.find(BOARD, id).getNextRunAt()), "the schedule moved on");
        assertEquals(1, Sql.count("select count(*) from activity_log where entity_id = ? and action = 'routine.triggered'",
                id.toString()));

        // paused: even an occurrence left due in the table does not fire
        assertEquals(RoutineStatus.paused, routines.pause(BOARD, id).getStatus());
        assertNull(routines.find(BOARD, id).getNextRunAt());
        Sql.update("update routines set next_run_at = now() - interval '1 minute' where id = ?", id);
        assertEquals(0, race());
        assertEquals(1, Sql.count("select count(*) from routine_runs where routine_id = ?", id));

        // resumed: the schedule starts again from now; the first issue is still open, so the next firing coalesces
        Routine resumed = routines.resume(BOARD, id);
        assertTrue(resumed.getNextRunAt().isAfter(OffsetDateTime.now()), "missed occurrences are not fired late");
        makeDue(id);
        raceUntilRecorded(id, 2);
        List<RoutineRun> runs = routines.runs(BOARD, id, 10);
        assertEquals(List.of(RoutineRunStatus.coalesced, RoutineRunStatus.issue_created),
                runs.stream().map(RoutineRun::getStatus).toList(), "newest first");
        assertEquals(runs.get(1).getLinkedIssueId(), runs.get(0).getLinkedIssueId(), "coalesced into the open issue");
        assertEquals(1, Sql.count("select count(*) from issues where origin_id = ?", id.toString()));

        // the issue is done: a manual run creates a new one
        Sql.update("update issues set status = 'done' where origin_id = ?", id.toString());
        assertEquals(RoutineRunStatus.issue_created, routines.runNow(BOARD, id).getStatus());
        assertEquals(2, Sql.count("select count(*) from issues where origin_id = ?", id.toString()));
    }

    @Test
    void anOccurrenceWhoseIssueCannotBeCreatedIsRecordedAsFailedAndTheScheduleMovesOn() throws Exception {
        UUID company = companies.create(BOARD, new CompanyDraft("Routines " + UUID.randomUUID(), null, null, null)).getId();
        UUID agent = agents.create(BOARD, company, new AgentDraft("Gone", null, null, null, null, null, "process",
                JsonText.parse("{\"command\":\"true\"}"), null, null, null, null)).getId();
        UUID id = routines.create(BOARD, company, new RoutineDraft("Daily", null, null, agent, null, null,
                "always_enqueue", "*/5 * * * *", null, null)).getId();
        agents.terminate(BOARD, agent);

        makeDue(id);
        raceUntilRecorded(id, 1);
        RoutineRun run = routines.runs(BOARD, id, 10).get(0);
        assertEquals(RoutineRunStatus.failed, run.getStatus());
        assertTrue(run.getReason().contains("terminated"), run.getReason());
        assertEquals(0, Sql.count("select count(*) from issues where origin_id = ?", id.toString()));
        assertTrue(OffsetDateTime.now().isBefore(routines.find(BOARD, id).getNextRunAt()), "not retried every tick");
    }

    /** Each call a different (earlier) occurrence: one occurrence is recorded once, so a repeat would be refused. */
    private void makeDue(UUID routine) throws Exception {
        dueCalls++;
        assertEquals(1, Sql.update("update routines set next_run_at = date_trunc('minute', now())"
                + " - make_interval(mins => ?) where id = ?", dueCalls, routine));
    }

    private int dueCalls;

    /**
     * Races the ticks and waits for the occurrence's record: the container's own timer is one
     * more racer and may be the one that wins. Exactly one firing is recorded.
     */
    private int raceUntilRecorded(UUID routine, long runs) throws Exception {
        int fired = race();
        assertTrue(fired <= 1, "fired by at most one tick: " + fired);
        Sql.awaitTrue(() -> Sql.countNow("select count(*) from routine_runs where routine_id = ?", routine) >= runs,
                "the occurrence is recorded");
        race();
        assertEquals(runs, Sql.count("select count(*) from routine_runs where routine_id = ?", routine), "once");
        return fired;
    }

    /** {@value #RACERS} ticks at once, as if on as many nodes; the firings they made together. */
    private int race() throws Exception {
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> ticks = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            ticks.add(executor.submit(() -> {
                go.await();
                return scheduler.fireDue();
            }));
        }
        go.countDown();
        int fired = 0;
        for (Future<Integer> tick : ticks) {
            fired += tick.get(60, TimeUnit.SECONDS);
        }
        return fired;
    }
}
