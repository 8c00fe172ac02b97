package dev.paperclipee.system;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

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
 * The board's work pages in headless Chromium against the running jar: tasks (kanban, list,
 * create, drag with conflict toasts), issue detail, costs, approvals and activity, with an agent
 * working through the API in between. A screenshot of each page lands in target/screenshots.
 */
class WorkBrowserIT {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    static final String QUIET = "\"adapterConfig\":{\"command\":\"true\"},"
            + "\"runtimeConfig\":{\"heartbeat\":{\"enabled\":false,\"wakeOnDemand\":false}}";

    static WebDriver driver;
    static Path profile;
    static URI base;
    static Api api;

    @RegisterExtension
    static final Browser.ScreenshotOnFailure FAILURES = new Browser.ScreenshotOnFailure(() -> driver);

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
    void aTaskCreatedOnTheBoardIsWorkedByAnAgentAndTheBoardShowsStatusCommentAndCost() throws IOException {
        String company = company("Work Loop");
        String agent = agent(company, "Ada Worker");
        String key = key(agent);

        TasksBoardPage tasks = TasksBoardPage.open(driver, base, company);
        assertTrue(tasks.showsEmptyState(), "a company without tasks says what to do next");
        screenshot("tasks-empty");

        tasks.create("Write the launch post", "Two paragraphs, friendly.", "Ada Worker");

        // success toasts are not asserted: the template's live poll may replace them within seconds
        String identifier = tasks.awaitCard("Write the launch post");
        JsonObject issue = api.get("/api/companies/" + company + "/issues").array().getJsonObject(0);
        assertEquals(identifier, issue.getString("identifier"));
        assertEquals("todo", issue.getString("status"), "assigned work starts in todo");
        assertEquals(agent, issue.getString("assigneeAgentId"));
        tasks.awaitCardIn(identifier, "todo");

        // the agent works it through the API with its own key
        Map<String, String> asAgent = AgentsApiIT.bearer(key);
        String issueId = issue.getString("id");
        assertEquals(200, api.send("POST", "/api/issues/" + issueId + "/checkout", Api.JSON,
                "{\"agentId\":\"" + agent + "\",\"expectedStatuses\":[\"todo\"]}", asAgent).status());
        assertEquals(201, api.send("POST", "/api/issues/" + issueId + "/comments", Api.JSON,
                "{\"body\":\"Draft is in the plan document.\"}", asAgent).status());
        Api.Reply cost = api.send("POST", "/api/companies/" + company + "/cost-events", Api.JSON,
                "{\"agentId\":\"" + agent + "\",\"provider\":\"anthropic\",\"model\":\"claude-sonnet\",\"inputTokens\":1200,"
                        + "\"outputTokens\":800,\"costCents\":123,\"occurredAt\":\"" + java.time.OffsetDateTime.now() + "\","
                        + "\"issueId\":\"" + issueId + "\"}", asAgent);
        assertEquals(201, cost.status(), cost::toString);

        tasks = TasksBoardPage.open(driver, base, company);
        tasks.awaitCardIn(identifier, "in_progress");
        assertFalse(tasks.column("todo").contains(identifier));
        assertEquals("1", tasks.columnCount("in_progress"));
        assertFalse(tasks.overflowsHorizontally(), "the kanban scrolls inside itself, the page does not");
        screenshot("tasks");
        assertEquals(List.of(identifier), tasks.listed(), "the list shows it too");
        screenshot("tasks-list");
        driver.manage().window().setSize(new Dimension(420, 900));
        TasksBoardPage narrow = TasksBoardPage.open(driver, base, company);
        assertFalse(narrow.overflowsHorizontally(), "the tasks page fits a narrow screen");
        screenshotAtWidth("tasks-narrow", 420);

        IssueDetailPage detail = IssueDetailPage.open(driver, base, company, identifier);
        assertEquals("in progress", detail.status().toLowerCase(java.util.Locale.ROOT));
        assertEquals(List.of("Ada Worker: Draft is in the plan document."), detail.comments());
        assertTrue(detail.activity().containsAll(List.of("issue.checked_out", "issue.comment_added", "issue.created")),
                detail.activity()::toString);
        detail.comment("Looks good — ship it.");
        detail.awaitComments(2);
        assertEquals("Board: Looks good — ship it.", detail.comments().get(1));
        detail.addSubIssue("Pick a hero image").awaitSubIssues(List.of("Pick a hero image"));
        Path brief = Files.writeString(Files.createTempDirectory(Jar.work(), "upload-").resolve("brief.txt"), "tone: friendly\n");
        detail.attach(brief);
        JsonArray stored = api.get("/api/issues/" + issueId + "/attachments").array();
        assertEquals(1, stored.size(), stored::toString);
        screenshot("issue-detail");

        CostsBoardPage costs = CostsBoardPage.open(driver, base, company);
        assertEquals("$1.23", costs.agentSpend("Ada Worker"));
        assertEquals("$1.23", costs.totalSpend());
        screenshot("costs");
    }

    @Test
    void aRefusedMoveAndALostCheckoutRaceShowAConflictToastAndTheCardStaysTrue() {
        String company = company("Work Conflicts");
        String agent = agent(company, "Grace Holder");
        String key = key(agent);
        JsonObject unassigned = created(api.post("/api/companies/" + company + "/issues",
                "{\"title\":\"Nobody's yet\",\"status\":\"todo\"}"));
        JsonObject assigned = created(api.post("/api/companies/" + company + "/issues",
                "{\"title\":\"Grace's task\",\"assigneeAgentId\":\"" + agent + "\"}"));
        String loose = unassigned.getString("identifier");
        String held = assigned.getString("identifier");
        TasksBoardPage tasks = TasksBoardPage.open(driver, base, company);
        tasks.awaitCardIn(loose, "todo").awaitCardIn(held, "todo");

        tasks.drag(loose, "in_progress");

        String refused = tasks.awaitGrowl("Not allowed");
        System.out.println("toast of the refused move: " + refused);
        assertTrue(refused.contains("assignee"), "the toast says why: " + refused);
        tasks.awaitCardIn(loose, "todo");
        assertEquals("todo", api.get("/api/issues/" + unassigned.getString("id")).object().getString("status"));
        BoardUi.dismissGrowl(driver);

        // the agent claims the task while the board still shows it in todo
        assertEquals(200, api.send("POST", "/api/issues/" + assigned.getString("id") + "/checkout", Api.JSON,
                "{\"agentId\":\"" + agent + "\",\"expectedStatuses\":[\"todo\"]}", AgentsApiIT.bearer(key)).status());
        assertTrue(tasks.column("todo").contains(held), "the board has not been re-read yet");
        tasks.drag(held, "in_progress");

        String conflict = tasks.awaitGrowl("Conflict");
        System.out.println("toast of the lost race: " + conflict);
        tasks.awaitCardIn(held, "in_progress");
        screenshot("tasks-conflict");

        // a move the state machine allows
        BoardUi.dismissGrowl(driver);
        tasks.drag(held, "in_review");
        tasks.awaitCardIn(held, "in_review");
        assertEquals("in_review", api.get("/api/issues/" + assigned.getString("id")).object().getString("status"));
    }

    @Test
    void approvalsAreApprovedAndRejectedWithANoteAndTheHistoryKeepsIt() {
        String company = company("Work Approvals");
        String ceo = created(api.post("/api/companies/" + company + "/agents",
                "{\"name\":\"Chief Vera\",\"role\":\"ceo\"," + QUIET + "}")).getString("id");
        Map<String, String> asCeo = AgentsApiIT.bearer(key(ceo));
        ApprovalsBoardPage page = ApprovalsBoardPage.open(driver, base, company);
        assertTrue(page.pendingTitles().isEmpty());
        String hire = created(api.send("POST", "/api/companies/" + company + "/approvals", Api.JSON,
                "{\"type\":\"hire_agent\",\"payload\":{\"name\":\"Builder Bo\",\"role\":\"engineer\",\"title\":\"Backend\","
                        + "\"reportsTo\":\"" + ceo + "\",\"budgetMonthlyCents\":2500,\"capabilities\":\"Java, SQL\","
                        + "\"createApiKey\":true}}", asCeo)).getString("id");
        String strategy = created(api.send("POST", "/api/companies/" + company + "/approvals", Api.JSON,
                "{\"type\":\"approve_ceo_strategy\",\"payload\":{\"plan\":\"Ship v1 first.\\nThen grow.\"}}", asCeo))
                .getString("id");

        page = ApprovalsBoardPage.open(driver, base, company);
        assertEquals(List.of("Approve the CEO's strategy", "Hire Builder Bo, Backend"), page.pendingTitles());
        List<String> payload = page.payloadOf(hire);
        assertTrue(payload.contains("Reports to: Chief Vera"), payload::toString);
        assertTrue(payload.contains("Monthly budget: $25.00"), payload::toString);
        assertTrue(page.payloadOf(strategy).contains("Plan: Ship v1 first.\nThen grow.")
                || page.payloadOf(strategy).stream().anyMatch(l -> l.startsWith("Plan: Ship v1 first.")), page.payloadOf(strategy)::toString);
        screenshot("approvals");

        page.note(strategy, "Too vague — say what v1 is.").decide(strategy, "Reject").awaitPending(List.of("Hire Builder Bo, Backend"));
        page.note(hire, "Welcome aboard").decide(hire, "Approve").confirm();
        assertTrue(page.issuedKey().startsWith("pcp_") || page.issuedKey().length() > 20, "the key is shown once");
        screenshot("approvals-key");

        page = ApprovalsBoardPage.open(driver, base, company);
        assertTrue(page.pendingTitles().isEmpty());
        assertEquals(List.of("Hire Builder Bo, Backend | approved | Welcome aboard",
                "Approve the CEO's strategy | rejected | Too vague — say what v1 is."), page.history());
        JsonObject rejected = api.get("/api/approvals/" + strategy).object();
        assertEquals("rejected", rejected.getString("status"));
        assertEquals("Too vague — say what v1 is.", rejected.getString("decisionNote"));
        screenshot("approvals-history");
    }

    @Test
    void theActivityStreamFiltersByActorAndKind() {
        String company = company("Work Activity");
        String agent = agent(company, "Linus Logger");
        Map<String, String> asAgent = AgentsApiIT.bearer(key(agent));
        String issue = created(api.post("/api/companies/" + company + "/issues", "{\"title\":\"Log me\"}")).getString("id");
        assertEquals(201, api.send("POST", "/api/issues/" + issue + "/comments", Api.JSON, "{\"body\":\"noted\"}", asAgent)
                .status());

        ActivityBoardPage page = ActivityBoardPage.open(driver, base, company);
        List<String> all = page.actions();
        assertTrue(all.containsAll(List.of("company.created", "agent.created", "issue.created", "issue.comment_added")),
                all::toString);
        screenshot("activity");

        page.actor("Agents");
        page.awaitRows(rows -> rows.equals(List.of("issue.comment_added")), "only what the agent did");
        assertEquals(List.of("Linus Logger"), page.actors());

        page.actor("Anyone").entityType("agent");
        page.awaitRows(rows -> !rows.isEmpty() && rows.stream().allMatch(a -> a.startsWith("agent.")), "only agent rows");
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static String company(String name) {
        return created(api.post("/api/companies", "{\"name\":\"" + name + " " + token() + "\"}")).getString("id");
    }

    static String agent(String company, String name) {
        return created(api.post("/api/companies/" + company + "/agents", "{\"name\":\"" + name + "\"," + QUIET + "}"))
                .getString("id");
    }

    static String key(String agent) {
        return created(api.post("/api/agents/" + agent + "/keys", "{\"name\":\"browser\"}")).getString("token");
    }

    static JsonObject created(Api.Reply reply) {
        assertEquals(201, reply.status(), reply::toString);
        return reply.object();
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    static void screenshotAtWidth(String name, int width) {
        try {
            Path dir = Files.createDirectories(SCREENSHOTS);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** The whole page at 1280 px wide, then the window back to 1280 × 900. */
    static void screenshot(String name) {
        try {
            Browser.fitWindowToPage(driver);
            Path dir = Files.createDirectories(SCREENSHOTS);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }
}
