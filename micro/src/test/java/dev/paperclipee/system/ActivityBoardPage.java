package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.util.List;

/** The board's {@code /companies/{id}/activity}: the filtered audit stream. */
final class ActivityBoardPage {

    private static final By HEADING = By.cssSelector("main h1");

    private final WebDriver driver;

    private ActivityBoardPage(WebDriver driver) {
        this.driver = driver;
    }

    static ActivityBoardPage open(WebDriver driver, URI base, String companyId) {
        driver.get(base.resolve("companies/" + companyId + "/activity").toString());
        BoardUi.waitFor(driver).until(ExpectedConditions.textToBe(HEADING, "Activity"));
        BoardUi.awaitIdle(driver);
        return new ActivityBoardPage(driver);
    }

    /** The actions of the rows shown, newest first. */
    List<String> actions() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#activity\\\\:entries_data .pc-t-action'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    /** The actors of the rows shown. */
    List<String> actors() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#activity\\\\:entries_data .pc-t-actor'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    /** Picks who acted (Anyone, Agents, The board, The system). */
    ActivityBoardPage actor(String label) {
        BoardUi.choose(driver, "activity:actorType", label);
        return this;
    }

    ActivityBoardPage entityType(String label) {
        BoardUi.choose(driver, "activity:entityType", label);
        return this;
    }

    ActivityBoardPage agent(String name) {
        BoardUi.choose(driver, "activity:agent", name);
        return this;
    }

    /** Waits until every row shown satisfies the condition and there is at least one. */
    void awaitRows(java.util.function.Predicate<List<String>> condition, String what) {
        BoardUi.waitFor(driver).withMessage(() -> what + "; shown " + actions())
                .until(d -> condition.test(actions()));
    }
}
