package dev.paperclipee.system;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board in headless Chromium against the running jar: the companies page, the global
 * company selector and the dashboard. A screenshot of a failure lands in
 * target/system-test/screenshots, and one of the companies page after the last test.
 */
class BoardBrowserIT {

    static WebDriver driver;
    static Path profile;
    static URI base;
    static Api api;

    @RegisterExtension
    static final Browser.ScreenshotOnFailure SCREENSHOTS = new Browser.ScreenshotOnFailure(() -> driver);

    @BeforeAll
    static void startBrowser() throws IOException {
        Jar.deleteRecursively(Jar.work().resolve("screenshots")); // only this run's pictures
        profile = Files.createTempDirectory(Jar.work(), "chromium-profile-");
        driver = Browser.start(profile); // first: without a browser there is no point in waiting for the app
        base = PaperclipApp.get().baseUri();
        api = Api.ofSharedApp();
    }

    @AfterAll
    static void stopBrowser() {
        try {
            if (driver != null && base != null) {
                CompaniesPage.open(driver, base);
                Browser.fitWindowToPage(driver);
                System.out.println("screenshot of the companies page: " + Browser.screenshot(driver, "companies"));
            }
        } finally {
            Browser.stop(driver, profile);
        }
    }

    @Test
    void aCompanyCreatedThroughTheFormIsListedAnnouncedAndSelectable() {
        String name = "Browser Alpha " + token();
        CompaniesPage page = CompaniesPage.open(driver, base);

        page.submit(name, "Made in Chromium");

        String growl = page.awaitGrowl("Company " + name + " created");
        JsonObject stored = company(name).orElseThrow(() -> new AssertionError(name + " was not stored"));
        String prefix = stored.getString("issuePrefix");
        assertEquals("Made in Chromium", stored.getString("description"));
        assertEquals(prefix, page.prefixOf(name), "the table shows the prefix the API has");
        assertTrue(prefix.startsWith("BRO"), prefix);
        assertTrue(growl.contains(prefix + "-1"), "the message tells how issues will be numbered: " + growl);
        assertEquals("active", page.statusOf(name));
        assertTrue(page.selector().options().contains(name + " (" + prefix + ")"),
                "the global selector offers the new company: " + page.selector().options());
        assertEquals(name + " (" + prefix + ")", page.selector().selected(), "the new company is selected");
    }

    @Test
    void theGlobalSelectorSwitchesTheDashboard() {
        String first = "Browser First " + token();
        String second = "Browser Second " + token();
        CompaniesPage page = CompaniesPage.open(driver, base);
        page.submit(first, null).awaitGrowl("Company " + first + " created");
        page.submit(second, null).awaitGrowl("Company " + second + " created");
        String firstPrefix = page.prefixOf(first);

        DashboardPage dashboard = DashboardPage.open(driver, base);
        assertEquals(second, dashboard.companyName(), "the company created last is selected");

        dashboard.switchTo(first + " (" + firstPrefix + ")", first);

        assertEquals(firstPrefix, dashboard.companyPrefix());
        assertEquals(first, DashboardPage.open(driver, base).companyName(), "the session keeps the choice");
    }

    @Test
    void anEmptyNameShowsAValidationMessageAndCreatesNothing() {
        int storedBefore = api.get("/api/companies").array().size();
        CompaniesPage page = CompaniesPage.open(driver, base);
        List<String> listedBefore = page.names();

        page.submit("", null);

        page.awaitGrowl("Give the company a name");
        assertTrue(page.nameFieldMarkedInvalid(), "the name field is marked invalid");

        page.submit("   ", null);

        page.awaitGrowl("must not be empty");
        assertEquals(listedBefore, page.names(), "the table is unchanged");
        assertEquals(storedBefore, api.get("/api/companies").array().size(), "nothing was stored");
    }

    @Test
    void archivingAsksForConfirmationAndShowsTheCompanyArchived() {
        String name = "Browser Archive " + token();
        Api.Reply created = api.post("/api/companies", "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.status(), created::toString);
        String label = name + " (" + created.object().getString("issuePrefix") + ")";
        CompaniesPage page = CompaniesPage.open(driver, base);
        assertTrue(page.selector().options().contains(label), page.selector().options()::toString);

        CompaniesPage.ConfirmDialog dialog = page.askToArchive(name);
        assertEquals("Archive " + name + "?", dialog.title());
        assertFalse(dialog.message().isBlank());
        dialog.keep();
        assertEquals("active", page.statusOf(name), "keeping it changes nothing");

        page.askToArchive(name).confirm();

        page.awaitStatus(name, "archived");
        page.awaitGrowl("Company " + name + " archived");
        assertFalse(page.hasArchiveButton(name), "an archived company cannot be archived again");
        assertFalse(page.selector().options().contains(label), "archived companies leave the selector");
        assertEquals("archived", company(name).orElseThrow().getString("status"));
    }

    @Test
    void aLongCompanyNameDoesNotWidenThePage() {
        String name = ("Browser Long " + token() + " ").repeat(20).substring(0, 200);
        assertEquals(201, api.post("/api/companies", "{\"name\":\"" + name + "\"}").status());

        assertFalse(DashboardPage.open(driver, base).overflowsHorizontally(), "the dashboard fits the window");
    }

    @Test
    void theSelectorOffersOnlyCompaniesOnceThereAreAny() {
        String name = "Browser Only " + token();
        assertEquals(201, api.post("/api/companies", "{\"name\":\"" + name + "\"}").status());

        List<String> options = DashboardPage.open(driver, base).selector().options();

        assertFalse(options.contains("No company yet"), options::toString);
    }

    static Optional<JsonObject> company(String name) {
        return api.get("/api/companies").array().stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals(name)).findFirst();
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
