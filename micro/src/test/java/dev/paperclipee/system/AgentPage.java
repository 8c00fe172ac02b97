package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code /companies/{id}/agents/{agentId}}: status and quick actions, runs and log, API keys, configuration. */
final class AgentPage {

    private static final By NAME = By.id("head:agent-name");
    private static final By STATUS = By.id("head:agent-status");
    private static final By ISSUED_TOKEN = By.id("issued-token");
    private static final By RUN_STATUSES = By.cssSelector("#runs .pc-run-status");
    private static final By LOG = By.id("logpanel:log");

    private final WebDriver driver;

    private AgentPage(WebDriver driver) {
        this.driver = driver;
    }

    static AgentPage open(WebDriver driver, URI base, String companyId, String agentId) {
        driver.get(base.resolve("companies/" + companyId + "/agents/" + agentId).toString());
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(NAME));
        Browser.awaitIdle(driver);
        return new AgentPage(driver);
    }

    String name() {
        return driver.findElement(NAME).getText().strip();
    }

    /** The status shown, as the API writes it (the page capitalises). */
    String status() {
        return Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(STATUS).getText().strip().toLowerCase(Locale.ROOT));
    }

    /** Waits, without reloading, until the status shown is {@code status}. */
    AgentPage awaitStatus(String status) {
        return awaitStatus(status, Browser.WAIT);
    }

    AgentPage awaitStatus(String status, Duration timeout) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, timeout, Duration.ofMillis(200))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the agent's status to become " + status + "; shown: " + safeStatus())
                .until(d -> d.findElement(STATUS).getText().strip().equalsIgnoreCase(status));
        return this;
    }

    private String safeStatus() {
        try {
            return driver.findElement(STATUS).getText().strip();
        } catch (RuntimeException e) {
            return "(" + e.getClass().getSimpleName() + ")";
        }
    }

    boolean hasButton(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    AgentPage click(String id) {
        Growl.dismiss(driver);
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
        Browser.awaitIdle(driver);
        return this;
    }

    AgentPage pause() {
        return click("head:pause");
    }

    AgentPage resume() {
        return click("head:resume");
    }

    AgentPage invoke() {
        return click("head:invoke");
    }

    /** Clicks Terminate and answers the confirmation. */
    AgentPage terminate(boolean confirm) {
        Growl.dismiss(driver);
        driver.findElement(By.id("head:terminate")).click();
        WebElement dialog = Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-confirm-dialog")));
        dialog.findElement(By.cssSelector(confirm ? ".ui-confirmdialog-yes" : ".ui-confirmdialog-no")).click();
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOf(dialog));
        Browser.awaitIdle(driver);
        return this;
    }

    /** Creates a key and returns the token the page shows once. */
    String createKey(String name) {
        WebElement field = driver.findElement(By.id("keys:key-name"));
        field.clear();
        field.sendKeys(name);
        Growl.dismiss(driver);
        driver.findElement(By.id("keys:create-key")).click();
        Browser.awaitIdle(driver);
        return Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(ISSUED_TOKEN)).getText().strip();
    }

    boolean showsAToken() {
        return !driver.findElements(ISSUED_TOKEN).isEmpty();
    }

    List<String> keyNames() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#keys .pc-key-name'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    List<String> runStatuses() {
        try {
            return driver.findElements(RUN_STATUSES).stream().map(e -> e.getText().strip().toLowerCase(Locale.ROOT)).toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    /** Waits, without reloading, for the newest run to show {@code status}. */
    AgentPage awaitNewestRun(String status) {
        Browser.waitFor(driver).withTimeout(Duration.ofSeconds(60))
                .withMessage(() -> "the newest run to be " + status + "; runs shown: " + runStatuses())
                .until(d -> {
                    List<String> runs = runStatuses();
                    return !runs.isEmpty() && runs.get(0).equals(status);
                });
        return this;
    }

    /** Waits for the log to contain {@code text}. */
    String awaitLog(String text) {
        return Browser.waitFor(driver).withTimeout(Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the log to show '" + text + "'")
                .until(d -> {
                    List<WebElement> log = d.findElements(LOG);
                    String shown = log.isEmpty() ? "" : log.get(0).getText();
                    return shown.contains(text) ? shown : null;
                });
    }
}
