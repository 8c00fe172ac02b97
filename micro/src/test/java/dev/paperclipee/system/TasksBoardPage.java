package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.util.List;

/** The board's {@code /companies/{id}/tasks}: the kanban, the list and the create dialog. */
final class TasksBoardPage {

    private static final By HEADING = By.cssSelector("main h1");
    private static final By NEW_TASK = By.id("new-task");
    private static final By TITLE = By.id("create:title");
    private static final By DESCRIPTION = By.id("create:description");
    private static final By SUBMIT = By.id("create:submit");
    private static final By EMPTY = By.id("tasks:views:no-tasks");

    private final WebDriver driver;

    private TasksBoardPage(WebDriver driver) {
        this.driver = driver;
    }

    static TasksBoardPage open(WebDriver driver, URI base, String companyId) {
        driver.get(base.resolve("companies/" + companyId + "/tasks").toString());
        BoardUi.waitFor(driver).until(ExpectedConditions.textToBe(HEADING, "Tasks"));
        BoardUi.awaitIdle(driver);
        return new TasksBoardPage(driver);
    }

    boolean showsEmptyState() {
        return !driver.findElements(EMPTY).isEmpty() && driver.findElement(EMPTY).isDisplayed();
    }

    /** Creates a task through the dialog; {@code assignee} is an agent's name or null. */
    TasksBoardPage create(String title, String description, String assignee) {
        driver.findElement(NEW_TASK).click();
        BoardUi.waitFor(driver).withMessage("the create dialog to open").until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return PF('createDialog').isVisible() && jQuery(':animated').length === 0")));
        BoardUi.type(driver, TITLE, title);
        if (description != null) {
            BoardUi.type(driver, DESCRIPTION, description);
        }
        if (assignee != null) {
            BoardUi.choose(driver, "create:assigneeNew", assignee);
        }
        driver.findElement(SUBMIT).click();
        BoardUi.awaitIdle(driver);
        return this;
    }

    String awaitGrowl(String text) {
        return BoardUi.awaitGrowl(driver, text);
    }

    /** The identifiers of the cards in a status column, top to bottom. */
    List<String> column(String status) {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#col-" + status + " .pc-t-card'))"
                + ".map(function (c) { return c.getAttribute('data-identifier'); })");
    }

    /** The count in a column's head. */
    String columnCount(String status) {
        return driver.findElement(By.cssSelector("#col-" + status + " .pc-t-col-count")).getText().strip();
    }

    /** Waits until the card of {@code identifier} is in the column of {@code status}. */
    TasksBoardPage awaitCardIn(String identifier, String status) {
        BoardUi.waitFor(driver).withMessage(() -> identifier + " in column " + status + "; it holds " + column(status))
                .until(d -> column(status).contains(identifier));
        return this;
    }

    /**
     * Drags a card onto a column with the browser's drag-and-drop events (what a mouse drag fires;
     * WebDriver's own drag does not fire HTML5 drag events in Chromium).
     */
    TasksBoardPage drag(String identifier, String toStatus) {
        WebElement card = driver.findElement(By.cssSelector(".pc-t-card[data-identifier='" + identifier + "']"));
        WebElement column = driver.findElement(By.id("col-" + toStatus));
        ((JavascriptExecutor) driver).executeScript("""
                var card = arguments[0], col = arguments[1], dt = new DataTransfer();
                function fire(target, type) {
                    target.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: dt}));
                }
                fire(card, 'dragstart');
                fire(col, 'dragenter');
                fire(col, 'dragover');
                fire(col, 'drop');
                fire(card, 'dragend');
                """, card, column);
        BoardUi.awaitIdle(driver);
        return this;
    }

    /** Waits for a card with this title and answers its identifier. */
    String awaitCard(String title) {
        return BoardUi.waitFor(driver).withMessage("a card titled " + title).until(d -> (String) ((JavascriptExecutor) d)
                .executeScript("var t = arguments[0], c = Array.from(document.querySelectorAll('.pc-t-card')).find(function (c) {"
                        + " return c.querySelector('.pc-t-card-title').textContent.trim() === t; });"
                        + " return c ? c.getAttribute('data-identifier') : null;", title));
    }

    void openCard(String identifier) {
        driver.findElement(By.cssSelector(".pc-t-card[data-identifier='" + identifier + "'] .pc-t-card-title")).click();
    }

    /** Switches to the list tab and returns the identifiers of its rows. */
    List<String> listed() {
        driver.findElement(By.xpath("//a[normalize-space(.)='List']")).click();
        BoardUi.awaitIdle(driver);
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#tasks\\\\:views\\\\:issues_data .pc-t-ident'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    boolean overflowsHorizontally() {
        return BoardUi.overflowsHorizontally(driver);
    }
}
