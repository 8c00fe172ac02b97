package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.util.List;

/** {@code /companies/{id}/org}: the org chart, the hire dialog and the move dialog. */
final class OrgPage {

    private static final By HEADING = By.cssSelector("main h1");
    private static final By NODES = By.cssSelector(".pc-node-agent");

    private final WebDriver driver;

    private OrgPage(WebDriver driver) {
        this.driver = driver;
    }

    static OrgPage open(WebDriver driver, URI base, String companyId) {
        driver.get(base.resolve("companies/" + companyId + "/org").toString());
        Browser.waitFor(driver).until(ExpectedConditions.textToBe(HEADING, "Org chart"));
        Browser.awaitIdle(driver);
        return new OrgPage(driver);
    }

    /** Opens the hire dialog; the returned form is filled and submitted. */
    HireDialog openHire() {
        driver.findElement(By.id("open-hire")).click();
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("hire:name")));
        return new HireDialog();
    }

    /** The names of the agents in the chart. */
    List<String> agentNames() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('.pc-node-agent .pc-agent-link'))"
                + ".map(function (a) { return a.textContent.trim(); })");
    }

    /** Waits until the chart shows the agent and returns its status as shown. */
    String awaitAgent(String name) {
        return Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> name + " in the chart; shown: " + agentNames())
                .until(d -> d.findElements(NODES).stream()
                        .filter(n -> n.findElement(By.cssSelector(".pc-agent-link")).getText().strip().equals(name))
                        .map(n -> n.findElement(By.cssSelector(".pc-agent-status")).getText().strip())
                        .findFirst().orElse(null));
    }

    /** Moves {@code agent} under {@code manager} (null: to the top) through the move dialog. */
    void move(String agent, String manager) {
        driver.findElement(By.id("open-move")).click();
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("move:agent")));
        choose("move:agent", agent);
        choose("move:manager", manager == null ? "The board" : manager);
        driver.findElement(By.id("move:submit")).click();
        Browser.awaitIdle(driver);
    }

    /** The manager's name of the agent as the chart draws it: the name of the node one level up. */
    String managerOf(String agent) {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                var link = Array.from(document.querySelectorAll('.pc-node-agent .pc-agent-link'))
                    .find(function (a) { return a.textContent.trim() === arguments[0]; });
                if (!link) { return null; }
                var table = link.closest('table');
                var parentTable = table && table.parentElement ? table.parentElement.closest('table') : null;
                var up = parentTable ? parentTable.querySelector('.ui-organigram-node .pc-node-name') : null;
                return up ? up.textContent.trim() : null;
                """.replace("arguments[0]", "arguments[0]"), agent);
    }

    private void choose(String menuId, String labelStart) {
        driver.findElement(By.id(menuId)).click();
        By item = By.xpath("//div[@id='" + menuId + "_panel']//li[starts-with(normalize-space(.), "
                + Browser.xpathLiteral(labelStart) + ")]");
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(item)).click();
        Browser.waitFor(driver).until(ExpectedConditions.invisibilityOfElementLocated(By.id(menuId + "_panel")));
    }

    final class HireDialog {

        HireDialog name(String name) {
            WebElement field = driver.findElement(By.id("hire:name"));
            field.clear();
            field.sendKeys(name);
            return this;
        }

        HireDialog role(String role) {
            choose("hire:role", role);
            return this;
        }

        boolean viaApproval() {
            return driver.findElement(By.id("hire:via-approval")).getDomAttribute("class").contains("ui-toggleswitch-checked");
        }

        HireDialog viaApproval(boolean wanted) {
            if (viaApproval() != wanted) {
                driver.findElement(By.cssSelector("#hire\\:via-approval .ui-toggleswitch-slider")).click();
            }
            return this;
        }

        OrgPage submit() {
            driver.findElement(By.id("hire:submit")).click();
            Browser.awaitIdle(driver);
            return OrgPage.this;
        }
    }
}
