package dev.paperclipee.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code DATABASE_URL} in upstream's form and in JDBC form; messages never show a password. */
class DatabaseUrlTest {

    @Test
    void postgresUrlWithEverything() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("postgres://paperclip:s3cret@db.example.com:5433/paperclip?sslmode=require",
                null, null);

        assertEquals("jdbc:postgresql://db.example.com:5433/paperclip?sslmode=require", url.jdbcUrl());
        assertEquals("paperclip", url.user());
        assertEquals("s3cret", url.password());
    }

    @Test
    void postgresqlSchemeIsTheSame() throws LaunchException {
        assertEquals(DatabaseUrl.parse("postgres://u:p@h:1234/d?a=b", null, null),
                DatabaseUrl.parse("postgresql://u:p@h:1234/d?a=b", null, null));
    }

    @Test
    void portAndDatabaseAreOptional() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("postgres://alice@db.example.com", null, null);

        assertEquals("jdbc:postgresql://db.example.com/postgres", url.jdbcUrl());
        assertEquals("alice", url.user());
        assertNull(url.password());
        assertEquals("jdbc:postgresql://db.example.com/postgres",
                DatabaseUrl.parse("postgres://db.example.com/", null, null).jdbcUrl());
    }

    @Test
    void noCredentialsAtAll() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("postgres://localhost:5432/paperclip", null, null);

        assertNull(url.user());
        assertNull(url.password());
    }

    @Test
    void surroundingWhitespaceIsIgnored() throws LaunchException {
        assertEquals("jdbc:postgresql://h/d", DatabaseUrl.parse("  postgres://h/d \n", null, null).jdbcUrl());
    }

    @Test
    void ipv6HostKeepsItsBrackets() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:pw@[::1]:5433/db", null, null);

        assertEquals("jdbc:postgresql://[::1]:5433/db", url.jdbcUrl());
        Properties parsed = driverView(url);
        assertEquals("[::1]", parsed.getProperty("PGHOST"));
        assertEquals("5433", parsed.getProperty("PGPORT"));
        assertEquals("db", parsed.getProperty("PGDBNAME"));
    }

    @Test
    void percentEncodedCredentialsAreDecoded() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("postgres://p%40ul:p%40ss%3Aw%2Frd%20x+y@h/d", null, null);

        assertEquals("p@ul", url.user());
        assertEquals("p@ss:w/rd x+y", url.password(), "%xx decoded, a literal + stays a +");
    }

    /** The driver URL-decodes the database name: a name decoded already must be encoded again. */
    @Test
    void databaseNameReachesTheDriverExactlyOnceDecoded() throws LaunchException {
        assertNull(org.postgresql.Driver.parseURL("jdbc:postgresql://h/50%off", null), "the driver decodes the name");

        assertEquals("my db", driverView(DatabaseUrl.parse("postgres://h/my%20db", null, null)).getProperty("PGDBNAME"));
        assertEquals("50%off", driverView(DatabaseUrl.parse("postgres://h/50%25off", null, null)).getProperty("PGDBNAME"));
        assertEquals("a+b", driverView(DatabaseUrl.parse("postgres://h/a+b", null, null)).getProperty("PGDBNAME"));
    }

    @Test
    void queryParametersReachTheDriver() throws LaunchException {
        Properties parsed = driverView(DatabaseUrl.parse("postgres://h/d?sslmode=verify-full&application_name=pc", null, null));

        assertEquals("verify-full", parsed.getProperty("sslmode"));
        assertEquals("pc", parsed.getProperty("application_name"));
    }

    @Test
    void separateCredentialsWinOverTheUrlOnes() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@h/d", "other", "pw2");

        assertEquals("other", url.user());
        assertEquals("pw2", url.password());
    }

    @Test
    void blankSeparateCredentialsFallBackToTheUrlOnes() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p@h/d", " ", "");

        assertEquals("u", url.user());
        assertEquals("p", url.password());
    }

    @Test
    void jdbcFormTakesSeparateCredentials() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/paperclip?ssl=true", "app", "s3cret");

        assertEquals("jdbc:postgresql://db:5432/paperclip?ssl=true", url.jdbcUrl());
        assertEquals("app", url.user());
        assertEquals("s3cret", url.password());
    }

    @Test
    void jdbcFormWithoutCredentials() throws LaunchException {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db/paperclip", "  ", "");

        assertNull(url.user());
        assertNull(url.password());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void emptyIsRefused(String value) {
        LaunchException e = assertThrows(LaunchException.class, () -> DatabaseUrl.parse(value, null, null));
        assertEquals("DATABASE_URL is empty.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://u:hunter2xyz@h/db", "jdbc:mysql://u:hunter2xyz@h/db", "http://u:hunter2xyz@h/",
            "localhost:5432/db", "postgres:/h/db", "postgres:h/db"})
    void otherSchemesAreRefusedNamingTheAcceptedOnes(String value) {
        LaunchException e = assertThrows(LaunchException.class, () -> DatabaseUrl.parse(value, null, null));

        assertTrue(e.getMessage().contains("postgres://, postgresql:// or jdbc:postgresql://"), e.getMessage());
        assertTrue(e.getMessage().contains("(got "), "says what it got: " + e.getMessage());
        assertNoPassword(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://", "postgres:///db", "postgres://u:hunter2xyz@/db", "postgres://u:hunter2xyz@h:abc/db",
            "postgres://u:hunter 2xyz@h/db", "postgres://u:hunter2xyz@h/d b", "postgres://u:hunter@2xyz@h/db",
            "postgres://u:hunter/2xyz@h/db", "postgres://u:hunter?2xyz@h/db"})
    void garbageIsRefusedWithoutShowingThePassword(String value) {
        LaunchException e = assertThrows(LaunchException.class, () -> DatabaseUrl.parse(value, null, null));

        assertTrue(e.getMessage().startsWith("DATABASE_URL "), e.getMessage());
        assertNoPassword(e.getMessage());
    }

    @Test
    void toStringAndDescribeNeverShowThePassword() throws LaunchException {
        DatabaseUrl fromUrl = DatabaseUrl.parse("postgres://paperclip:hunter2xyz@db:5432/paperclip", null, null);
        DatabaseUrl inQuery = DatabaseUrl.parse("jdbc:postgresql://db/paperclip?user=u&password=hunter2xyz&ssl=true", null, null);
        DatabaseUrl inQueryUpstream = DatabaseUrl.parse("postgres://db/paperclip?PASSWORD=hunter2xyz", null, null);

        assertAll(
                () -> assertNoPassword(fromUrl.toString()),
                () -> assertNoPassword(fromUrl.describe()),
                () -> assertNoPassword(inQuery.toString()),
                () -> assertNoPassword(inQuery.describe()),
                () -> assertNoPassword(inQueryUpstream.toString()),
                () -> assertNoPassword(inQueryUpstream.describe()));
        assertEquals("db:5432/paperclip", fromUrl.describe());
        assertTrue(fromUrl.toString().contains("user=paperclip"), fromUrl.toString());
        assertEquals("db/paperclip?user=u&password=***&ssl=true", inQuery.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres://u:hunter2xyz@h/db", "postgres://u:hunter@2xyz@h/db", "postgres://u:hunter/2xyz@h/db",
            "postgres://u:hunter?2xyz@h/db", "mysql://u:hunter2xyz@h/db", "jdbc:postgresql://h/db?password=hunter2xyz",
            "jdbc:postgresql://h/db?ssl=true;Password=hunter2xyz"})
    void redactHidesThePasswordButKeepsTheRest(String value) {
        String redacted = DatabaseUrl.redact(value);

        assertNoPassword(redacted);
        assertTrue(redacted.contains("h/db"), redacted);
    }

    @Test
    void redactLeavesUrlsWithoutCredentialsAlone() {
        assertEquals("postgres://alice@h:5432/db?sslmode=require", DatabaseUrl.redact("postgres://alice@h:5432/db?sslmode=require"));
        assertEquals("jdbc:postgresql://h/db", DatabaseUrl.redact("jdbc:postgresql://h/db"));
    }

    private static void assertNoPassword(String text) {
        assertNotNull(text);
        assertFalse(text.contains("hunter"), () -> "shows (part of) the password: " + text);
        assertFalse(text.contains("2xyz"), () -> "shows (part of) the password: " + text);
    }

    /** What PostgreSQL's JDBC driver makes of the URL: host, port, database, parameters. */
    private static Properties driverView(DatabaseUrl url) {
        Properties parsed = org.postgresql.Driver.parseURL(url.jdbcUrl(), null);
        assertNotNull(parsed, () -> "the driver does not accept " + url.jdbcUrl());
        return parsed;
    }
}
