package dev.paperclipee.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code PAPERCLIP_DEPLOYMENT_MODE=authenticated} as a board user and a script meet it
 * (deployment-modes.md §4–5, spec §9, §16): the bootstrap admin logs in, the session works for
 * the API until logout or idle timeout, session mutations need the board's own origin, logging in
 * and key management are rate limited, revoked keys stop at once, and board pages send an
 * anonymous visitor to the login page. One instance for the class, with a 3-second session
 * timeout and 8 log-ins a minute.
 */
class AuthenticatedModeIT {

    static final int SESSION_SECONDS = 3;
    /** Enough for the admin's log-ins of all tests in a minute; the rate-limit test uses another e-mail. */
    static final int LOGINS_PER_MINUTE = 8;

    static PaperclipApp app;
    static Api api;
    static Map<String, String> board;

    @BeforeAll
    static void start() {
        app = AuthenticatedApp.start("auth-mode", Map.of(
                "PAPERCLIP_SESSION_TIMEOUT_SECONDS", String.valueOf(SESSION_SECONDS),
                "PAPERCLIP_LOGIN_RATE_PER_MINUTE", String.valueOf(LOGINS_PER_MINUTE)));
        api = new Api(app.baseUri());
        String cookie = login();
        Api.Reply key = api.send("POST", "/api/board/api-keys", Api.JSON, "{\"name\":\"script\"}", session(cookie));
        assertEquals(201, key.status(), key::toString);
        board = AuthenticatedApp.bearer(key.object().getString("token"));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theBootstrapAdminExistsAndTheModeIsReported() throws Exception {
        assertEquals("authenticated", api.get("/api/health").object().getString("deploymentMode"));
        assertTrue(app.logSinceStart().contains("paperclip: created the first board user " + AuthenticatedApp.ADMIN_EMAIL));
        assertFalse(app.logSinceStart().contains(AuthenticatedApp.ADMIN_PASSWORD), "the password is never logged");
        try (Connection db = app.openDatabase(); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select role, password_hash from users where lower(email) = '"
                     + AuthenticatedApp.ADMIN_EMAIL + "'")) {
            assertTrue(rs.next());
            assertEquals("instance_admin", rs.getString(1));
            assertTrue(rs.getString(2).startsWith("PBKDF2WithHmacSHA256:"), "a PBKDF2 hash, never the password");
        }
    }

    @Test
    void withoutCredentialsTheApiIs401AndBoardPagesGoToLogin() {
        Api.Reply companies = api.get("/api/companies");
        assertEquals(401, companies.status(), companies::toString);
        assertEquals("Authentication required: log in, or send an API key", companies.object().getString("error"));

        Api.Reply page = api.get("/companies");
        assertEquals(302, page.status(), page::toString);
        assertTrue(page.header("Location").orElse("").endsWith("/login"), page.headers().map()::toString);

        Api.Reply login = api.get("/login");
        assertEquals(200, login.status(), login::toString);
        assertTrue(login.body().contains("login:password"), "the login form");
        assertEquals(200, api.get("/api/health").status(), "health stays public");
    }

    @Test
    void aSessionWorksForPagesAndTheApiUntilLogout() {
        String cookie = login();
        assertEquals(200, api.get("/companies", Map.of("Cookie", cookie)).status());
        Api.Reply me = api.get("/api/auth/me", Map.of("Cookie", cookie));
        assertEquals(200, me.status(), me::toString);
        assertEquals("board", me.object().getString("kind"));

        Api.Reply logout = api.send("POST", "/api/auth/logout", null, null, Map.of("Cookie", cookie));
        assertEquals(204, logout.status(), logout::toString);
        assertEquals(401, api.get("/api/auth/me", Map.of("Cookie", cookie)).status(), "the session ended");
        assertEquals(302, api.get("/companies", Map.of("Cookie", cookie)).status());
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailAreTheSame401WithoutASession() {
        for (String body : new String[] {
                "{\"email\":\"" + AuthenticatedApp.ADMIN_EMAIL + "\",\"password\":\"not-the-password\"}",
                "{\"email\":\"nobody@example.com\",\"password\":\"whatever-it-is\"}"}) {
            Api.Reply reply = api.post("/api/auth/login", body);
            assertEquals(401, reply.status(), reply::toString);
            assertEquals("Invalid email or password", reply.object().getString("error"));
        }
    }

    @Test
    void anIdleSessionExpires() throws InterruptedException {
        String cookie = login();
        assertEquals(200, api.get("/api/auth/me", Map.of("Cookie", cookie)).status());

        // idle time is the condition itself: any request in between would keep the session alive
        Thread.sleep((SESSION_SECONDS + 2) * 1000L);

        assertEquals(401, api.get("/api/auth/me", Map.of("Cookie", cookie)).status(), "expired after " + SESSION_SECONDS + " s idle");
    }

    @Test
    void sessionMutationsNeedTheBoardsOwnOrigin() {
        String cookie = login();
        int before = companyCount();
        String origin = "http://127.0.0.1:" + app.port();

        Map<String, String> noOrigin = Map.of("Cookie", cookie);
        Map<String, String> foreign = Map.of("Cookie", cookie, "Origin", "http://evil.example");
        Map<String, String> foreignReferer = Map.of("Cookie", cookie, "Referer", "http://evil.example/page");
        for (Map<String, String> headers : java.util.List.of(noOrigin, foreign, foreignReferer)) {
            Api.Reply refused = api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Forged\"}", headers);
            assertEquals(403, refused.status(), refused::toString);
            assertEquals("Board mutation requires trusted browser origin", refused.object().getString("error"));
        }
        assertEquals(before, companyCount(), "nothing was created");
        assertEquals(200, api.get("/api/companies", noOrigin).status(), "reads need no origin");

        Api.Reply byOrigin = api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Same origin\"}",
                Map.of("Cookie", cookie, "Origin", origin));
        assertEquals(201, byOrigin.status(), byOrigin::toString);
        Api.Reply byReferer = api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Same referer\"}",
                Map.of("Cookie", cookie, "Referer", origin + "/companies"));
        assertEquals(201, byReferer.status(), byReferer::toString);
        Api.Reply byKey = api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"By key\"}", board);
        assertEquals(201, byKey.status(), "a board API key needs no origin: " + byKey);
    }

    @Test
    void loggingInIsRateLimitedPerAddressAndEmail() {
        String email = "rate-limited@example.com";
        String body = "{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}";
        for (int i = 0; i < LOGINS_PER_MINUTE; i++) {
            assertEquals(401, api.post("/api/auth/login", body).status(), "attempt " + (i + 1));
        }
        Api.Reply limited = api.post("/api/auth/login", body);
        assertEquals(429, limited.status(), limited::toString);
        long retryAfter = Long.parseLong(limited.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(401, api.post("/api/auth/login", "{\"email\":\"other@example.com\",\"password\":\"wrong-password\"}").status(),
                "another e-mail has its own budget");
    }

    @Test
    void revokedKeysStopAtOnce() {
        Api.Reply created = api.send("POST", "/api/board/api-keys", Api.JSON, "{\"name\":\"to revoke\"}", board);
        assertEquals(201, created.status(), created::toString);
        Map<String, String> key = AuthenticatedApp.bearer(created.object().getString("token"));
        assertEquals(200, api.get("/api/companies", key).status());
        Api.Reply listed = api.get("/api/board/api-keys", board);
        assertFalse(listed.body().contains(created.object().getString("token")), "a list never shows tokens");

        Api.Reply revoked = api.send("DELETE", "/api/board/api-keys/" + created.object().getString("id"), null, null, board);
        assertEquals(200, revoked.status(), revoked::toString);
        assertFalse(revoked.object().isNull("revokedAt"));
        assertEquals(401, api.get("/api/companies", key).status(), "a revoked board key");

        String company = api.send("POST", "/api/companies", Api.JSON, "{\"name\":\"Keys\"}", board).object().getString("id");
        String agent = api.send("POST", "/api/companies/" + company + "/agents", Api.JSON,
                "{\"name\":\"Agent\",\"adapterType\":\"process\",\"adapterConfig\":{\"command\":\"true\"}}", board).object().getString("id");
        Api.Reply agentKey = api.send("POST", "/api/agents/" + agent + "/keys", Api.JSON, "{\"name\":\"a\"}", board);
        Map<String, String> asAgent = AuthenticatedApp.bearer(agentKey.object().getString("token"));
        assertEquals(200, api.get("/api/agents/me", asAgent).status());
        assertEquals(403, api.send("POST", "/api/board/api-keys", Api.JSON, "{\"name\":\"x\"}", asAgent).status(),
                "agents cannot mutate auth or keys");
        assertEquals(403, api.send("DELETE", "/api/agents/" + agent + "/keys/" + agentKey.object().getString("id"), null, null,
                asAgent).status());
        assertEquals(200, api.send("DELETE", "/api/agents/" + agent + "/keys/" + agentKey.object().getString("id"), null, null,
                board).status());
        assertEquals(401, api.get("/api/agents/me", asAgent).status(), "a revoked agent key");
    }

    @Test
    void oneBoardUserCannotSeeOrRevokeAnothersKeysAndUnknownKeysAre404() {
        Api.Reply unknown = api.send("DELETE", "/api/board/api-keys/" + java.util.UUID.randomUUID(), null, null, board);
        assertEquals(404, unknown.status(), unknown::toString);
    }

    @Test
    void theLoginPageLogsInAndTheBoardsLinkLogsOut() throws Exception {
        java.nio.file.Path profile = java.nio.file.Files.createTempDirectory(Jar.work(), "auth-browser");
        org.openqa.selenium.WebDriver driver = Browser.start(profile);
        try {
            String base = app.baseUri().toString();
            driver.get(base + "companies");
            org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, Browser.WAIT);
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));

            logIn(driver, "not-the-password");
            wait.until(d -> d.getPageSource().contains("Invalid email or password"));
            assertTrue(driver.getCurrentUrl().contains("/login"), driver.getCurrentUrl());

            logIn(driver, AuthenticatedApp.ADMIN_PASSWORD);
            wait.until(d -> !d.findElements(org.openqa.selenium.By.id("account:logout")).isEmpty());
            assertFalse(driver.getCurrentUrl().contains("/login"), driver.getCurrentUrl());

            driver.findElement(org.openqa.selenium.By.id("account:logout")).click();
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));
            driver.get(base + "companies");
            wait.until(d -> d.getCurrentUrl().endsWith("/login"));
        } finally {
            driver.quit();
        }
    }

    private static void logIn(org.openqa.selenium.WebDriver driver, String password) {
        org.openqa.selenium.WebElement email = driver.findElement(org.openqa.selenium.By.id("login:email"));
        email.clear();
        email.sendKeys(AuthenticatedApp.ADMIN_EMAIL);
        org.openqa.selenium.WebElement secret = driver.findElement(org.openqa.selenium.By.id("login:password"));
        secret.clear();
        secret.sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("login:submit")).click();
    }

    private static int companyCount() {
        return api.get("/api/companies", board).array().size();
    }

    private static String login() {
        return AuthenticatedApp.login(api, AuthenticatedApp.ADMIN_EMAIL, AuthenticatedApp.ADMIN_PASSWORD);
    }

    private static Map<String, String> session(String cookie) {
        return new HashMap<>(AuthenticatedApp.session(cookie, app));
    }
}
