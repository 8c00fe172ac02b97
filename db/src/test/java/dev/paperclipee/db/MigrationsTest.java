package dev.paperclipee.db;

import dev.paperclipee.db.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema as Flyway builds it on an empty database, checked against what spec §7 promises.
 * One database for the class: migrated once, then probed; probes that must fail run inside a
 * rolled-back transaction so that they leave nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationsTest {

    private static final String CHECK_VIOLATION = "23514";
    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseUrl database;
    private MigrateResult firstRun;

    @BeforeAll
    void migrateAnEmptyDatabase() {
        database = TestDatabase.get().createDatabase("paperclip_migrations");
        firstRun = flyway().migrate();
    }

    @AfterAll
    void dropTheDatabase() {
        if (database != null) {
            TestDatabase.get().dropDatabase(database);
        }
    }

    @Test
    void everyMigrationIsApplied() throws Exception {
        List<String> files = migrationFiles();
        String last = files.get(files.size() - 1).replaceFirst("^V(\\d+)__.*$", "$1");

        assertTrue(firstRun.success);
        assertEquals(files.size(), firstRun.migrationsExecuted, "one migration per file: " + files);
        assertEquals(last, firstRun.targetSchemaVersion);
        assertEquals(files.size(), flyway().info().applied().length);
    }

    @Test
    void migratingAgainIsANoOp() throws SQLException {
        long historyBefore = count("select count(*) from flyway_schema_history");

        MigrateResult again = flyway().migrate();

        assertTrue(again.success);
        assertEquals(0, again.migrationsExecuted);
        assertEquals(firstRun.targetSchemaVersion, again.initialSchemaVersion);
        assertEquals(historyBefore, count("select count(*) from flyway_schema_history"));
        flyway().validate();
    }

    /** Spec §7.1–§7.15 (and §7.0's users). */
    @ParameterizedTest
    @ValueSource(strings = {"users", "companies", "agents", "agent_api_keys", "goals", "projects", "issues",
            "issue_comments", "heartbeat_runs", "cost_events", "approvals", "activity_log", "company_secrets",
            "company_secret_versions", "assets", "issue_attachments", "documents", "document_revisions",
            "issue_documents"})
    void specTableExists(String table) throws SQLException {
        assertEquals(1, count("select count(*) from information_schema.tables where table_schema = current_schema()"
                + " and table_type = 'BASE TABLE' and table_name = '" + table + "'"), table);
    }

    /**
     * Spec §7.13: a full index with these key columns (and order), unique where required. A
     * non-unique one may carry more key columns after them (activity_log's ends with id desc
     * as the page tie-breaker): it serves every query the required one serves.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "agents                  | company_id, status                    | false",
            "agents                  | company_id, reports_to                | false",
            "issues                  | company_id, status                    | false",
            "issues                  | company_id, assignee_agent_id, status | false",
            "issues                  | company_id, parent_id                 | false",
            "issues                  | company_id, project_id                | false",
            "cost_events             | company_id, occurred_at               | false",
            "cost_events             | company_id, agent_id, occurred_at     | false",
            "heartbeat_runs          | company_id, agent_id, started_at desc | false",
            "approvals               | company_id, status, type              | false",
            "activity_log            | company_id, created_at desc           | false",
            "assets                  | company_id, created_at desc           | false",
            "assets                  | company_id, object_key                | true",
            "issue_attachments       | company_id, issue_id                  | false",
            "company_secrets         | company_id, name                      | true",
            "company_secret_versions | secret_id, version                    | true"})
    void requiredIndexExists(String table, String columns, boolean unique) throws SQLException {
        String sql = """
                select string_agg(a.attname || case when i.indoption[k.ord - 1] & 1 = 1 then ' desc' else '' end,
                                  ', ' order by k.ord)
                from pg_index i
                cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
                join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                where i.indrelid = ?::regclass and i.indpred is null and k.ord <= i.indnkeyatts
                  and (i.indisunique or not ?)
                group by i.indexrelid""";
        List<String> indexes = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, table);
            s.setBoolean(2, unique);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
        }
        assertTrue(indexes.stream().anyMatch(i -> i.equals(columns) || !unique && i.startsWith(columns + ", ")), () -> table + "(" + columns + ")" + (unique ? " unique" : "")
                + " is not indexed; its indexes: " + indexes);
    }

    /**
     * The activity API's queries (spec §10.8) each find an index that starts with the company and
     * the filter and is ordered by time: the planner is told to avoid sequential scans, and the
     * plan must name the expected index.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "                                                       | activity_log_company_id_created_at_idx",
            "and agent_id = 'a2c3e4f5-0000-4000-8000-000000000001' | activity_log_company_id_agent_id_created_at_idx",
            "and entity_id = 'x'                                   | activity_log_company_id_entity_id_created_at_idx",
            "and entity_type = 'issue' and entity_id = 'x'         | activity_log_company_id_entity_id_created_at_idx"})
    void activityQueriesUseTheirIndex(String filter, String index) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery("explain select * from activity_log"
                    + " where company_id = 'c2c3e4f5-0000-4000-8000-000000000001' " + (filter == null ? "" : filter)
                    + " order by created_at desc, id desc limit 100")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertTrue(plan.toString().contains(" using " + index + " "), plan::toString);
        }
    }

    @Test
    void theLocalBoardUserExists() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select email, role, password_hash from users"
                     + " where id = '00000000-0000-0000-0000-000000000001'")) {
            assertTrue(rs.next(), "no local board user row");
            assertEquals("local-board@paperclip.local", rs.getString("email"));
            assertEquals("board", rs.getString("role"), "instance_admin is granted at start-up, never seeded");
            assertNull(rs.getString("password_hash"), "the local operator never logs in with a password");
        }
    }

    @Test
    void companyDefaultsFillTheSpecColumns() throws SQLException {
        inRolledBackTransaction(c -> {
            UUID id = insertCompany(c, "ACM");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select status, issue_counter, budget_monthly_cents, spent_monthly_cents, attachment_max_bytes,"
                            + " require_board_approval_for_new_agents from companies where id = '" + id + "'")) {
                assertTrue(rs.next());
                assertEquals("active", rs.getString(1));
                assertEquals(0, rs.getInt(2));
                assertEquals(0, rs.getInt(3));
                assertEquals(0, rs.getInt(4));
                assertEquals(10 * 1024 * 1024, rs.getInt(5));
                assertFalse(rs.getBoolean(6));
            }
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "update companies set status = 'closed'                  | companies_status_check",
            "update companies set status = 'ACTIVE'                  | companies_status_check",
            "update companies set pause_reason = 'bored'             | companies_pause_reason_check",
            "update companies set budget_monthly_cents = -1          | companies_budget_monthly_cents_check",
            "update companies set spent_monthly_cents = -1           | companies_spent_monthly_cents_check",
            "update companies set attachment_max_bytes = 0           | companies_attachment_max_bytes_check",
            "update companies set issue_prefix = 'acm'               | companies_issue_prefix_check",
            "update companies set name = ''                          | companies_name_not_empty_check",
            "insert into goals (company_id, title, level) select id, 'g', 'galaxy' from companies      | goals_level_check",
            "insert into goals (company_id, title, status) select id, 'g', 'done' from companies       | goals_status_check",
            "insert into agents (company_id, name, status) select id, 'a', 'sleeping' from companies   | agents_status_check",
            "insert into agents (company_id, name, role) select id, 'a', 'intern' from companies       | agents_role_check",
            "insert into agents (company_id, name, budget_monthly_cents) select id, 'a', -5 from companies | agents_budget_monthly_cents_check",
            "insert into projects (company_id, name, status) select id, 'p', 'done' from companies     | projects_status_check",
            "insert into approvals (company_id, type, payload) select id, 'hire_ceo', '{}' from companies | approvals_type_check",
            "insert into activity_log (company_id, actor_type, actor_id, action, entity_type, entity_id) select id, 'robot', 'x', 'a', 'e', 'i' from companies | activity_log_actor_type_check"})
    void checkConstraintRefuses(String statement, String constraint) throws SQLException {
        inRolledBackTransaction(c -> {
            insertCompany(c, "CHK");
            assertViolation(c, statement, CHECK_VIOLATION, constraint);
        });
    }

    @Test
    void issuePrefixIsUnique() throws SQLException {
        inRolledBackTransaction(c -> {
            insertCompany(c, "DUP");
            assertViolation(c, "insert into companies (name, issue_prefix) values ('Other', 'DUP')",
                    UNIQUE_VIOLATION, "companies_issue_prefix_key");
        });
    }

    @Test
    void secretNamesAreUniquePerCompanyOnly() throws SQLException {
        inRolledBackTransaction(c -> {
            UUID one = insertCompany(c, "ONE");
            UUID two = insertCompany(c, "TWO");
            execute(c, "insert into company_secrets (company_id, name) values ('" + one + "', 'API_KEY')");
            execute(c, "insert into company_secrets (company_id, name) values ('" + two + "', 'API_KEY')");
            assertViolation(c, "insert into company_secrets (company_id, name) values ('" + one + "', 'API_KEY')",
                    UNIQUE_VIOLATION, "company_secrets_company_id_name_key");
        });
    }

    /**
     * The instance's own keys: the first insert of a name wins and a second "insert ... on
     * conflict do nothing" leaves it alone (how nodes that start together agree on one key);
     * a key shorter than 256 bits is refused.
     */
    @Test
    void instanceKeysKeepTheFirstSecretOfAName() throws SQLException {
        inRolledBackTransaction(c -> {
            String insert = "insert into instance_keys (name, secret) values ('probe', decode('%s', 'hex'))"
                    + " on conflict (name) do nothing";
            execute(c, insert.formatted("11".repeat(32)));
            execute(c, insert.formatted("22".repeat(32)));
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select encode(secret, 'hex'), created_at is not null from instance_keys where name = 'probe'")) {
                assertTrue(rs.next());
                assertEquals("11".repeat(32), rs.getString(1));
                assertTrue(rs.getBoolean(2));
                assertFalse(rs.next());
            }
            assertViolation(c, "insert into instance_keys (name, secret) values ('short', decode('" + "33".repeat(31)
                    + "', 'hex'))", CHECK_VIOLATION, "instance_keys_secret_length_check");
        });
    }

    /**
     * The cost-rollup job's upsert key: one row per company, month, agent, project, provider and
     * model, where "no project" is a group of its own (plain NULLs would never conflict, and a
     * re-run would add rows instead of replacing them).
     */
    @Test
    void costRollupsHaveOneRowPerGroupAlsoWithoutAProject() throws SQLException {
        inRolledBackTransaction(c -> {
            UUID company = insertCompany(c, "ROL");
            UUID agent = UUID.randomUUID();
            String insert = "insert into cost_rollups (company_id, month, agent_id, project_id, provider, model, event_count,"
                    + " input_tokens, cached_input_tokens, output_tokens, cost_cents) values ('" + company + "', '%s', '"
                    + agent + "', %s, 'openai', 'gpt', 1, 0, 0, 0, 5)";
            execute(c, insert.formatted("2026-01-01", "null"));
            execute(c, insert.formatted("2026-02-01", "null"));
            execute(c, insert.formatted("2026-01-01", "'" + UUID.randomUUID() + "'"));
            assertViolation(c, insert.formatted("2026-01-01", "null"), UNIQUE_VIOLATION, "cost_rollups_key_idx");
            assertViolation(c, insert.formatted("2026-01-15", "null"), CHECK_VIOLATION, "cost_rollups_month_first_day_check");
        });
    }

    @Test
    void aManagerFromAnotherCompanyCannotBeStored() throws SQLException {
        inRolledBackTransaction(c -> {
            UUID one = insertCompany(c, "ONE");
            UUID two = insertCompany(c, "TWO");
            UUID manager = UUID.randomUUID();
            execute(c, "insert into agents (id, company_id, name) values ('" + manager + "', '" + one + "', 'Boss')");
            assertViolation(c, "insert into agents (company_id, name, reports_to) values ('" + two + "', 'Report', '"
                    + manager + "')", "23503", "agents_reports_to_fkey");
        });
    }

    @Test
    void updatedAtFollowsBulkUpdates() throws SQLException {
        inRolledBackTransaction(c -> {
            UUID id = insertCompany(c, "UPD");
            execute(c, "update companies set updated_at = now() - interval '1 day' where id = '" + id + "'");
            execute(c, "update companies set issue_counter = issue_counter + 1 where id = '" + id + "'");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select updated_at > now() - interval '1 hour' from companies where id = '" + id + "'")) {
                assertTrue(rs.next() && rs.getBoolean(1), "the trigger refreshes updated_at");
            }
        });
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(database.jdbcUrl(), database.user(), database.password())
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static UUID insertCompany(Connection c, String prefix) throws SQLException {
        UUID id = UUID.randomUUID();
        execute(c, "insert into companies (id, name, issue_prefix) values ('" + id + "', 'Company " + prefix + "', '"
                + prefix + "')");
        return id;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Runs {@code sql} under a savepoint and expects it to fail on {@code constraint}. */
    private static void assertViolation(Connection c, String sql, String sqlState, String constraint) throws SQLException {
        var savepoint = c.setSavepoint();
        SQLException e = assertThrows(SQLException.class, () -> execute(c, sql), sql);
        c.rollback(savepoint);
        assertEquals(sqlState, e.getSQLState(), e::getMessage);
        assertTrue(e.getMessage().contains("\"" + constraint + "\""), () -> "expected " + constraint + ": " + e.getMessage());
    }

    private void inRolledBackTransaction(SqlWork work) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
            } finally {
                c.rollback();
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    /** The V###__*.sql files of the module, in version order. */
    private static List<String> migrationFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationsTest.class.getResource("/db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.+\\.sql"))
                    .sorted()
                    .toList();
        }
    }
}
