package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.util.List;
import java.util.Locale;

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
        Growl.dismiss(driver);
        driver.findElement(By.id("open-hire")).click();
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("hire:name")));
        return new HireDialog();
    }

    /** The names of the agents in the chart. */
    List<String> agentNames() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('.pc-node-agent .pc-agent-link'))"
                + ".map(function (a) { return a.textContent.trim(); })");
    }

    /** Waits until the chart shows the agent and returns its status (as the API writes it; the page capitalises). */
    String awaitAgent(String name) {
        return Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> name + " in the chart; shown: " + agentNames())
                .until(d -> d.findElements(NODES).stream()
                        .filter(n -> n.findElement(By.cssSelector(".pc-agent-link")).getText().strip().equals(name))
                        .map(n -> n.findElement(By.cssSelector(".pc-agent-status")).getText().strip().toLowerCase(Locale.ROOT))
                        .findFirst().orElse(null));
    }

    /** Moves {@code agent} under {@code manager} (null: to the top) through the move dialog. */
    void move(String agent, String manager) {
        Growl.dismiss(driver);
        driver.findElement(By.id("open-move")).click();
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("move:agent")));
        choose("move:agent", agent);
        choose("move:manager", manager == null ? "The board" : manager);
        driver.findElement(By.id("move:submit")).click();
        Browser.awaitIdle(driver);
    }

    /** What the agent's node says about its manager ("Reports to Cleo CEO", "Reports to the board"). */
    String reportsTo(String agent) {
        return Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".pc-node-agent .pc-agent-link")).stream()
                        .filter(a -> a.getText().strip().equals(agent)).map(a -> a.getDomAttribute("title"))
                        .findFirst().orElse(null));
    }

    /**
     * Picks the option whose label starts with {@code labelStart} through the menu's PrimeFaces
     * widget: clicking into the opening panel missed now and then on a loaded machine.
     */
    private void choose(String menuId, String labelStart) {
        Boolean chosen = (Boolean) ((JavascriptExecutor) driver).executeScript(
                "var label = arguments[1];"
                        + "var widget = PrimeFaces.getWidgetById(arguments[0]);"
                        + "var option = Array.from(document.getElementById(arguments[0] + '_input').options)"
                        + "  .find(function (o) { return o.textContent.trim().indexOf(label) === 0; });"
                        + "if (!widget || !option) { return false; }"
                        + "widget.selectValue(option.value); return true;", menuId, labelStart);
        if (!Boolean.TRUE.equals(chosen)) {
            throw new AssertionError("no option starting with '" + labelStart + "' in " + menuId);
        }
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
            Growl.dismiss(driver);
            driver.findElement(By.id("hire:submit")).click();
            Browser.awaitIdle(driver);
            return OrgPage.this;
        }
    }
}
