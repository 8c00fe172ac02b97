package dev.paperclipee.system;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board's org chart and agent pages in headless Chromium against the running jar: hiring
 * (directly and through an approval), moving an agent, pause/resume/terminate, invoking a run and
 * reading its log, an API key shown once, and a budget stop that shows without reloading. Each
 * page is photographed into target/screenshots (wide and narrow).
 */
class BoardAgentsBrowserIT {

    static final Path SCREENSHOT_DIR = Path.of("target", "screenshots").toAbsolutePath();

    static WebDriver driver;
    static Path profile;
    static URI base;
    static Api api;

    @RegisterExtension
    static final Browser.ScreenshotOnFailure SCREENSHOTS = new Browser.ScreenshotOnFailure(() -> driver);

    @BeforeAll
    static void startBrowser() throws IOException {
        profile = Files.createTempDirectory(Jar.work(), "chromium-profile-");
        driver = Browser.start(profile);
        base = PaperclipApp.get().baseUri();
        api = Api.ofSharedApp();
    }

    @AfterAll
    static void stopBrowser() {
        Browser.stop(driver, profile);
    }

    @Test
    void aDirectHireAppearsInTheChartAndCanBeMovedUnderAManager() {
        String company = company("Org Direct", false);
        String ceo = agent(company, "Cleo CEO", "ceo", "{\"command\":\"true\"}", 0);
        OrgPage page = OrgPage.open(driver, base, company);
        assertEquals("idle", page.awaitAgent("Cleo CEO"));

        OrgPage.HireDialog hire = page.openHire();
        assertFalse(hire.viaApproval(), "a company without the approval rule hires directly by default");
        hire.name("Eddie Engineer").role("engineer").submit();

        Growl.await(driver, "Eddie Engineer hired");
        assertEquals("idle", page.awaitAgent("Eddie Engineer"));
        JsonObject stored = agentNamed(company, "Eddie Engineer");
        assertEquals("engineer", stored.getString("role"));
        assertTrue(stored.isNull("reportsTo"), stored::toString);
        assertEquals("Reports to the board", page.reportsTo("Eddie Engineer"));

        page.move("Eddie Engineer", "Cleo CEO");

        Growl.await(driver, "Eddie Engineer moved");
        assertEquals(ceo, agentNamed(company, "Eddie Engineer").getString("reportsTo"));
        assertEquals("Reports to Cleo CEO", page.reportsTo("Eddie Engineer"), "the chart is drawn again");
        screenshot("org");
    }

    @Test
    void aCompanyThatRequiresApprovalGetsAHireRequestNotAnAgent() {
        String company = company("Org Approval", true);
        OrgPage page = OrgPage.open(driver, base, company);

        OrgPage.HireDialog hire = page.openHire();
        assertTrue(hire.viaApproval(), "the approval rule makes 'send for approval' the default");
        hire.name("Rita Researcher").role("researcher").submit();

        Growl.await(driver, "Hire of Rita Researcher sent for approval");
        assertTrue(page.agentNames().isEmpty(), "nobody is hired yet: " + page.agentNames());
        assertTrue(api.get("/api/companies/" + company + "/agents").array().isEmpty());
        List<JsonObject> pending = api.get("/api/companies/" + company + "/approvals?status=pending").array().stream()
                .map(JsonValue::asJsonObject).toList();
        assertEquals(1, pending.size(), pending::toString);
        assertEquals("hire_agent", pending.get(0).getString("type"));
        assertEquals("Rita Researcher", pending.get(0).getJsonObject("payload").getString("name"));
        assertEquals("researcher", pending.get(0).getJsonObject("payload").getString("role"));

        assertEquals(200, api.post("/api/approvals/" + pending.get(0).getString("id") + "/approve", "{}").status());

        assertEquals("idle", OrgPage.open(driver, base, company).awaitAgent("Rita Researcher"));
    }

    @Test
    void pauseResumeAndTerminateWithConfirmation() {
        String company = company("Agent Actions", false);
        String agent = agent(company, "Paula Pausable", "general", "{\"command\":\"true\"}", 0);
        AgentPage page = AgentPage.open(driver, base, company, agent);
        assertEquals("idle", page.status());

        page.pause().awaitStatus("paused");
        Growl.await(driver, "Paula Pausable paused");
        assertEquals("paused", agentJson(agent).getString("status"));
        assertEquals("manual", agentJson(agent).getString("pauseReason"));
        assertFalse(page.hasButton("head:pause"));

        page.resume().awaitStatus("idle");
        assertEquals("idle", agentJson(agent).getString("status"));

        page.terminate(false);
        assertEquals("idle", agentJson(agent).getString("status"), "keeping the agent changes nothing");

        page.terminate(true).awaitStatus("terminated");
        assertEquals("terminated", agentJson(agent).getString("status"));
        assertFalse(page.hasButton("head:invoke"), "a terminated agent offers no actions");
        assertFalse(page.hasButton("head:resume"));
    }

    @Test
    void invokeNowRunsTheAgentAndTailsItsLog() {
        String company = company("Agent Runs", false);
        String agent = agent(company, "Rolf Runner", "engineer",
                "{\"command\":\"sh\",\"args\":[\"-c\",\"echo hello from the run; sleep 3; echo done now\"]}", 0);
        AgentPage page = AgentPage.open(driver, base, company, agent);

        page.invoke();

        Growl.await(driver, "Heartbeat queued for Rolf Runner");
        assertTrue(page.awaitLog("hello from the run").length() > 0);
        page.awaitLog("done now");
        page.awaitNewestRun("succeeded");
        screenshot("agent");
    }

    @Test
    void aNewApiKeyIsShownOnceAndWorks() {
        String company = company("Agent Keys", false);
        String agent = agent(company, "Kim Keyholder", "general", "{\"command\":\"true\"}", 0);
        AgentPage page = AgentPage.open(driver, base, company, agent);

        String token = page.createKey("laptop");

        Growl.await(driver, "API key created");
        assertTrue(token.length() > 20, token);
        Api.Reply me = api.get("/api/agents/me", Map.of("Authorization", "Bearer " + token));
        assertEquals(200, me.status(), me::toString);
        assertEquals(agent, me.object().getString("id"));

        AgentPage reloaded = AgentPage.open(driver, base, company, agent);
        assertFalse(reloaded.showsAToken(), "the key is not shown again");
        assertEquals(List.of("laptop"), reloaded.keyNames());
        assertFalse(driver.getPageSource().contains(token), "the token is nowhere in the page");
    }

    @Test
    void aBudgetStopShowsWithoutReloading() {
        String company = company("Agent Budget", false);
        String agent = agent(company, "Bud Spender", "engineer", "{\"command\":\"true\"}", 100);
        AgentPage page = AgentPage.open(driver, base, company, agent);
        assertEquals("idle", page.status());

        Api.Reply cost = api.post("/api/companies/" + company + "/cost-events", "{\"agentId\":\"" + agent
                + "\",\"provider\":\"openai\",\"model\":\"gpt-5\",\"costCents\":150,\"occurredAt\":\"2026-02-17T20:25:00Z\"}");
        assertEquals(201, cost.status(), cost::toString);
        assertEquals("paused", agentJson(agent).getString("status"), "the domain paused the agent");

        page.awaitStatus("paused"); // no reload: the template's live check refreshes the page
        Growl.await(driver, "Bud Spender paused");
        assertTrue(driver.findElement(By.id("head:pause-reason")).getText().contains("budget"));
    }

    @Test
    void aFailedRunShowsOnTheDashboardWithoutReloading() {
        String company = company("Failing", false);
        String agent = agent(company, "Fred Failing", "engineer", "{\"command\":\"false\"}", 0);
        OrgPage.open(driver, base, company); // the address selects the company
        DashboardPage.open(driver, base);
        assertTrue(driver.findElements(By.cssSelector(".pc-failed-run")).isEmpty());

        assertEquals(202, api.post("/api/agents/" + agent + "/heartbeat/invoke", "{}").status());

        Growl.await(driver, "Fred Failing's run failed");
        Browser.waitFor(driver).withMessage("the failed run in the dashboard's list")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("failed-runs"), "Fred Failing"));
    }

    @Test
    void aCompanysBrandingAndHiringPolicyAreEditedInADialog() {
        String company = company("Branded", false);
        String name = api.get("/api/companies/" + company).object().getString("name");
        CompaniesPage page = CompaniesPage.open(driver, base);

        page.editBranding(name, "#ff5500", "https://example.com/logo.png", true);

        Growl.await(driver, "Company " + name + " saved");
        JsonObject stored = api.get("/api/companies/" + company).object();
        assertEquals("#ff5500", stored.getString("brandColor"));
        assertEquals("https://example.com/logo.png", stored.getString("logoUrl"));
        assertTrue(stored.getBoolean("requireBoardApprovalForNewAgents"));
        assertTrue(OrgPage.open(driver, base, company).openHire().viaApproval(), "the org chart now proposes an approval");
    }

    @Test
    void anUnknownCompanyOrAgentInTheAddressIsA404() {
        String company = company("Addresses", false);

        assertEquals(404, api.get("/companies/" + UUID.randomUUID() + "/org").status());
        assertEquals(404, api.get("/companies/" + company + "/agents/" + UUID.randomUUID()).status());
        assertEquals(404, api.get("/companies/" + company + "/agents/not-a-uuid").status());
        assertEquals(404, api.get("/companies/" + company + "/no-such-page").status());
        assertEquals(200, api.get("/companies/" + company + "/org").status());
    }

    @Test
    void everyPageIsPhotographedWideAndNarrow() {
        String company = company("Photo Studio", false);
        String ceo = agent(company, "Carla CEO", "ceo", "{\"command\":\"true\"}", 5000);
        agent(company, "Ed Engineer", "engineer", "{\"command\":\"true\"}", 0);
        api.patch("/api/agents/" + agentNamed(company, "Ed Engineer").getString("id"), "{\"reportsTo\":\"" + ceo + "\"}");
        api.post("/api/companies/" + company + "/cost-events", "{\"agentId\":\"" + ceo
                + "\",\"provider\":\"anthropic\",\"model\":\"claude\",\"costCents\":1234,\"occurredAt\":\"2026-02-17T20:25:00Z\"}");
        OrgPage.open(driver, base, company);

        DashboardPage.open(driver, base);
        screenshot("dashboard");
        CompaniesPage.open(driver, base);
        screenshot("companies");
        driver.get(base.resolve("companies/" + company + "/agents").toString());
        Browser.waitFor(driver).until(ExpectedConditions.textToBe(By.cssSelector("main h1"), "Agents"));
        screenshot("agents");
        OrgPage.open(driver, base, company);
        screenshot("org-photo");
        AgentPage.open(driver, base, company, ceo);
        screenshot("agent-idle");

        driver.manage().window().setSize(new Dimension(420, 900));
        try {
            DashboardPage narrow = DashboardPage.open(driver, base);
            assertFalse(narrow.overflowsHorizontally(), "the dashboard fits a narrow window");
            save("dashboard-narrow");
            AgentPage.open(driver, base, company, ceo);
            save("agent-narrow");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private static void screenshot(String name) {
        Browser.awaitIdle(driver);
        Browser.fitWindowToPage(driver);
        try {
            System.out.println("screenshot: " + save(name));
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** Into micro/target/screenshots, where the pages' pictures are kept as a build artifact. */
    private static Path save(String name) {
        try {
            Path file = Files.createDirectories(SCREENSHOT_DIR).resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String company(String name, boolean requireApproval) {
        Api.Reply created = api.post("/api/companies", "{\"name\":\"" + name + " " + token() + "\","
                + "\"requireBoardApprovalForNewAgents\":" + requireApproval + "}");
        assertEquals(201, created.status(), created::toString);
        return created.object().getString("id");
    }

    static String agent(String company, String name, String role, String adapterConfig, int budgetCents) {
        Api.Reply created = api.post("/api/companies/" + company + "/agents", "{\"name\":\"" + name + "\",\"role\":\"" + role
                + "\",\"adapterConfig\":" + adapterConfig + ",\"budgetMonthlyCents\":" + budgetCents + "}");
        assertEquals(201, created.status(), created::toString);
        return created.object().getString("id");
    }

    static JsonObject agentJson(String agentId) {
        return api.get("/api/agents/" + agentId).object();
    }

    static JsonObject agentNamed(String company, String name) {
        return api.get("/api/companies/" + company + "/agents").array().stream().map(JsonValue::asJsonObject)
                .filter(a -> a.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no agent " + name + " in " + company));
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
