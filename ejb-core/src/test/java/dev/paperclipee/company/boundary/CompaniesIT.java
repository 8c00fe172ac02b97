package dev.paperclipee.company.boundary;

import dev.paperclipee.access.entity.Actor;
import dev.paperclipee.access.entity.ActorType;
import dev.paperclipee.company.entity.Company;
import dev.paperclipee.company.entity.CompanyStatus;
import dev.paperclipee.shared.boundary.DatabaseMigrations;
import dev.paperclipee.shared.boundary.Health;
import dev.paperclipee.shared.entity.ConflictException;
import dev.paperclipee.shared.entity.ForbiddenException;
import dev.paperclipee.shared.entity.InvalidInputException;
import dev.paperclipee.testing.ApplicationDeployment;
import dev.paperclipee.testing.Sql;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.paperclipee.testing.Sql.count;
import static dev.paperclipee.testing.Sql.one;
import static dev.paperclipee.testing.Sql.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The company boundary in Payara Micro against real PostgreSQL (spec §10.1, §9.3, §7.4, §15.3):
 * migrations at deployment, creation with prefix, root goal and activity rows in one
 * transaction, concurrent creation, permissions, and refusals that leave no trace.
 * One deployment for the whole class; the tests run inside the container.
 */
@ExtendWith(ArquillianExtension.class)
class CompaniesIT {

    private static final Actor BOARD = Actor.localBoard();

    @Deployment(testable = true)
    static WebArchive deployment() {
        return ApplicationDeployment.war("companies-it.war");
    }

    @Inject
    Companies companies;

    @Inject
    DatabaseMigrations migrations;

    @Inject
    Health health;

    @Test
    void schemaIsMigratedAndTheNodeIsHealthy() throws Exception {
        MigrationInfoService info = Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(Sql.dataSource())
                .locations("classpath:db/migration")
                .load()
                .info();

        assertNotNull(info.current(), "nothing applied");
        assertEquals(0, info.pending().length, "migrations left pending");
        assertTrue(info.all().length >= 12, "the V001..V012 schema at least");
        assertEquals(info.all()[info.all().length - 1].getVersion().getVersion(), migrations.schemaVersion(),
                "the start-up singleton reports the newest migration");
        assertEquals(info.current().getVersion().getVersion(), migrations.schemaVersion());
        assertEquals(Health.State.OK, health.check());
        assertTrue(health.version().matches("\\d+\\.\\d+\\.\\d+.*"), health.version());
    }

    @Test
    void createPersistsCompanyRootGoalAndActivityInOneGo() throws Exception {
        Company created = companies.create(BOARD, new CompanyDraft("  Initech  ", "Software that ships", 5_000L, true));

        assertEquals("Initech", created.getName());
        assertTrue(created.getIssuePrefix().matches("INI[A-Z0-9]*"), created.getIssuePrefix());
        Map<String, Object> row = one("select name, description, status, issue_prefix, issue_counter, budget_monthly_cents,"
                + " require_board_approval_for_new_agents from companies where id = ?", created.getId());
        assertEquals("Initech", row.get("name"));
        assertEquals("Software that ships", row.get("description"));
        assertEquals("active", row.get("status"));
        assertEquals(created.getIssuePrefix(), row.get("issue_prefix"));
        assertEquals(0, row.get("issue_counter"));
        assertEquals(5_000, row.get("budget_monthly_cents"));
        assertEquals(true, row.get("require_board_approval_for_new_agents"));

        List<Map<String, Object>> goals = rows("select id, title, description, level, status, parent_id from goals"
                + " where company_id = ?", created.getId());
        assertEquals(1, goals.size(), goals::toString);
        Map<String, Object> root = goals.get(0);
        assertEquals("company", root.get("level"));
        assertEquals("active", root.get("status"));
        assertNull(root.get("parent_id"));
        assertEquals("Initech mission", root.get("title"));
        assertEquals("Software that ships", root.get("description"));

        List<Map<String, Object>> activity = rows("select action, entity_type, entity_id, actor_type, actor_id,"
                + " details->>'issuePrefix' as prefix, details->>'name' as name, details->>'level' as level"
                + " from activity_log where company_id = ? order by action", created.getId());
        assertEquals(List.of("company.created", "goal.created"), activity.stream().map(r -> r.get("action")).toList());
        Map<String, Object> companyCreated = activity.get(0);
        assertEquals("company", companyCreated.get("entity_type"));
        assertEquals(created.getId().toString(), companyCreated.get("entity_id"));
        assertEquals(created.getIssuePrefix(), companyCreated.get("prefix"));
        assertEquals("Initech", companyCreated.get("name"));
        Map<String, Object> goalCreated = activity.get(1);
        assertEquals("goal", goalCreated.get("entity_type"));
        assertEquals(root.get("id").toString(), goalCreated.get("entity_id"));
        assertEquals("company", goalCreated.get("level"));
        for (Map<String, Object> entry : activity) {
            assertEquals("user", entry.get("actor_type"));
            assertEquals(Actor.LOCAL_BOARD_USER_ID.toString(), entry.get("actor_id"));
        }
    }

    @Test
    void prefixesStayUniqueForTheSameName() {
        Company first = companies.create(BOARD, new CompanyDraft("Umbrella", null, null, null));
        Company second = companies.create(BOARD, new CompanyDraft("Umbrella", null, null, null));

        assertEquals("UMB", first.getIssuePrefix());
        assertEquals("UMBA", second.getIssuePrefix());
    }

    @Test
    void twentyConcurrentCreatesOfTheSameNameAllSucceedWithDistinctPrefixes() throws Exception {
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Company>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(executor.submit(() -> {
                go.await();
                return companies.create(BOARD, new CompanyDraft("Acme", null, null, null));
            }));
        }
        go.countDown();

        Set<String> prefixes = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (Future<Company> result : results) {
            Company company = result.get(120, TimeUnit.SECONDS);
            prefixes.add(company.getIssuePrefix());
            ids.add(company.getId());
        }
        assertEquals(20, ids.size());
        assertEquals(20, prefixes.size(), prefixes::toString);
        assertTrue(prefixes.stream().allMatch(p -> p.matches("ACM[A-Z0-9]*")), prefixes::toString);
        for (UUID id : ids) {
            assertEquals(1L, count("select count(*) from goals where company_id = ? and level = 'company'", id));
            assertEquals(2L, count("select count(*) from activity_log where company_id = ?", id));
        }
    }

    @Test
    void anAgentMayNotCreateOrArchiveAndSeesOnlyItsOwnCompany() throws Exception {
        Company own = companies.create(BOARD, new CompanyDraft("Hooli", null, null, null));
        Company other = companies.create(BOARD, new CompanyDraft("Pied Piper", null, null, null));
        Actor agent = new Actor(ActorType.agent, UUID.randomUUID().toString(), own.getId(), null);
        long companiesBefore = count("select count(*) from companies");

        ForbiddenException create = assertThrows(ForbiddenException.class,
                () -> companies.create(agent, new CompanyDraft("Agent Corp", null, null, null)));
        ForbiddenException archive = assertThrows(ForbiddenException.class, () -> companies.archive(agent, own.getId()));
        assertThrows(ForbiddenException.class, () -> companies.find(agent, other.getId()));
        assertThrows(ForbiddenException.class, () -> companies.update(agent, own.getId(),
                new CompanyChanges("Renamed", null, null, null, null, null)));

        assertEquals("Board access required", create.getMessage());
        assertEquals("Board access required", archive.getMessage());
        assertEquals(companiesBefore, count("select count(*) from companies"));
        assertEquals("active", one("select status from companies where id = ?", own.getId()).get("status"));
        assertEquals(List.of(own.getId()), companies.list(agent).stream().map(Company::getId).toList());
        List<UUID> boardSees = companies.list(BOARD).stream().map(Company::getId).toList();
        assertTrue(boardSees.containsAll(List.of(own.getId(), other.getId())), boardSees::toString);
    }

    @Test
    void invalidInputIsRefusedAndWritesNothing() throws Exception {
        Map<String, Long> before = tableCounts();

        for (CompanyDraft draft : List.of(
                new CompanyDraft("", null, null, null),
                new CompanyDraft("   ", null, null, null),
                new CompanyDraft(null, null, null, null),
                new CompanyDraft("Ac\u0000me", null, null, null),
                new CompanyDraft("Acme", "bad \u0000 description", null, null),
                new CompanyDraft("Acme \uD83D", null, null, null),
                new CompanyDraft("n".repeat(201), null, null, null),
                new CompanyDraft("Acme", null, -1L, null))) {
            assertThrows(InvalidInputException.class, () -> companies.create(BOARD, draft), draft::toString);
        }

        assertEquals(before, tableCounts());
    }

    @Test
    void archivingTwiceIsAConflictAndLogsOnce() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Vandelay Industries", null, null, null));

        assertEquals(CompanyStatus.archived, companies.archive(BOARD, company.getId()).getStatus());
        ConflictException e = assertThrows(ConflictException.class, () -> companies.archive(BOARD, company.getId()));

        assertEquals("Company is already archived", e.getMessage());
        assertEquals("archived", one("select status from companies where id = ?", company.getId()).get("status"));
        assertEquals(1L, count("select count(*) from activity_log where company_id = ? and action = 'company.archived'",
                company.getId()));
    }

    @Test
    void updateLogsTheChanges() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Soylent", "People", 100L, false));

        Company updated = companies.update(BOARD, company.getId(),
                new CompanyChanges(" Soylent Green ", "", "paused", 2_500L, true, 2_048L));

        assertEquals("Soylent Green", updated.getName());
        Map<String, Object> row = one("select name, description, status, pause_reason, paused_at is not null as paused,"
                + " budget_monthly_cents, require_board_approval_for_new_agents, attachment_max_bytes, issue_prefix"
                + " from companies where id = ?", company.getId());
        assertEquals("Soylent Green", row.get("name"));
        assertNull(row.get("description"));
        assertEquals("paused", row.get("status"));
        assertEquals("manual", row.get("pause_reason"));
        assertEquals(true, row.get("paused"));
        assertEquals(2_500, row.get("budget_monthly_cents"));
        assertEquals(true, row.get("require_board_approval_for_new_agents"));
        assertEquals(2_048, row.get("attachment_max_bytes"));
        assertEquals(company.getIssuePrefix(), row.get("issue_prefix"), "the prefix never changes");

        List<Map<String, Object>> logged = rows("select actor_type, actor_id, entity_id, details->'changes'->>'name' as name,"
                + " details->'changes'->>'description' as description, details->'changes'->>'status' as status,"
                + " details->'changes'->>'budgetMonthlyCents' as budget,"
                + " details->'changes'->>'requireBoardApprovalForNewAgents' as approval,"
                + " details->'changes'->>'attachmentMaxBytes' as attachments"
                + " from activity_log where company_id = ? and action = 'company.updated'", company.getId());
        assertEquals(1, logged.size(), logged::toString);
        Map<String, Object> changes = logged.get(0);
        assertEquals("user", changes.get("actor_type"));
        assertEquals(company.getId().toString(), changes.get("entity_id"));
        assertEquals("Soylent Green", changes.get("name"));
        assertEquals("", changes.get("description"), "a cleared description is logged without its text");
        assertEquals("paused", changes.get("status"));
        assertEquals("2500", changes.get("budget"));
        assertEquals("true", changes.get("approval"));
        assertEquals("2048", changes.get("attachments"));
    }

    @Test
    void anUpdateThatChangesNothingLogsNothing() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Wonka", null, 300L, null));

        companies.update(BOARD, company.getId(), new CompanyChanges("Wonka", null, "active", 300L, false, null));

        assertEquals(0L, count("select count(*) from activity_log where company_id = ? and action = 'company.updated'",
                company.getId()));
    }

    @Test
    void aRefusedUpdateRollsBackEverything() throws Exception {
        Company company = companies.create(BOARD, new CompanyDraft("Cyberdyne", null, null, null));

        // the name change is valid, the status is not: neither may stick
        assertThrows(InvalidInputException.class, () -> companies.update(BOARD, company.getId(),
                new CompanyChanges("Skynet", null, "closed", null, null, null)));
        companies.archive(BOARD, company.getId());
        assertThrows(ConflictException.class, () -> companies.update(BOARD, company.getId(),
                new CompanyChanges("Skynet", null, "paused", null, null, null)));

        Map<String, Object> row = one("select name, status from companies where id = ?", company.getId());
        assertEquals("Cyberdyne", row.get("name"));
        assertEquals("archived", row.get("status"));
        assertEquals(0L, count("select count(*) from activity_log where company_id = ? and action = 'company.updated'",
                company.getId()));
    }

    private Map<String, Long> tableCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("companies", "goals", "activity_log")) {
            counts.put(table, count("select count(*) from " + table));
        }
        return counts;
    }
}
