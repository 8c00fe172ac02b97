package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;

/** The board's dashboard at {@code /}: the selected company at a glance. */
final class DashboardPage {

    private static final By HEADING = By.cssSelector("main h1");
    private static final By COMPANY_NAME = By.id("company-name");
    private static final By COMPANY_PREFIX = By.id("company-prefix");

    private final WebDriver driver;

    private DashboardPage(WebDriver driver) {
        this.driver = driver;
    }

    static DashboardPage open(WebDriver driver, URI base) {
        driver.get(base.toString());
        Browser.waitFor(driver).until(ExpectedConditions.textToBe(HEADING, "Dashboard"));
        Browser.awaitIdle(driver);
        return new DashboardPage(driver);
    }

    String companyName() {
        return Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(COMPANY_NAME)).getText().strip();
    }

    String companyPrefix() {
        return driver.findElement(COMPANY_PREFIX).getText().strip();
    }

    /** Whether the page is wider than the window (a horizontal scroll bar). */
    boolean overflowsHorizontally() {
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth"));
    }

    GlobalSelector selector() {
        return new GlobalSelector(driver);
    }

    /** Picks a company in the header and waits for the dashboard to show it. */
    DashboardPage switchTo(String label, String expectedName) {
        selector().choose(label);
        Browser.waitFor(driver).withMessage("the dashboard to show " + expectedName)
                .until(ExpectedConditions.textToBe(COMPANY_NAME, expectedName));
        Browser.awaitIdle(driver);
        return this;
    }
}
