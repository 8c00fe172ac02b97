package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.util.List;

/** The board's {@code /companies/{id}/tasks/{issue}}: one issue with its thread and everything around it. */
final class IssueDetailPage {

    private static final By IDENTIFIER = By.id("issue-identifier");
    private static final By STATUS = By.id("issue-status");
    private static final By COMMENT = By.id("comment:body");
    private static final By COMMENT_ADD = By.id("comment:add");

    private final WebDriver driver;

    private IssueDetailPage(WebDriver driver) {
        this.driver = driver;
    }

    static IssueDetailPage open(WebDriver driver, URI base, String companyId, String issueRef) {
        driver.get(base.resolve("companies/" + companyId + "/tasks/" + issueRef).toString());
        return await(driver);
    }

    static IssueDetailPage await(WebDriver driver) {
        BoardUi.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(IDENTIFIER));
        BoardUi.awaitIdle(driver);
        return new IssueDetailPage(driver);
    }

    String identifier() {
        return driver.findElement(IDENTIFIER).getText().strip();
    }

    String title() {
        return driver.findElement(By.id("issue-title")).getText().strip();
    }

    String status() {
        return driver.findElement(STATUS).getText().strip();
    }

    /** "author: body" of each comment, oldest first. */
    List<String> comments() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#comments .pc-t-comment'))"
                + ".map(function (c) { return c.querySelector('.pc-t-comment-author').textContent.trim() + ': '"
                + " + c.querySelector('.pc-t-comment-body').textContent.trim(); })");
    }

    IssueDetailPage comment(String body) {
        BoardUi.type(driver, COMMENT, body);
        driver.findElement(COMMENT_ADD).click();
        BoardUi.awaitIdle(driver);
        return this;
    }

    void awaitComments(int count) {
        BoardUi.waitFor(driver).withMessage(() -> count + " comments; shown " + comments()).until(d -> comments().size() == count);
    }

    void awaitSubIssues(List<String> titles) {
        BoardUi.waitFor(driver).withMessage(() -> "sub-issues " + titles + "; shown " + subIssues())
                .until(d -> subIssues().equals(titles));
    }

    IssueDetailPage addSubIssue(String title) {
        BoardUi.type(driver, By.id("sub:title"), title);
        driver.findElement(By.id("sub:add")).click();
        BoardUi.awaitIdle(driver);
        return this;
    }

    List<String> subIssues() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#subissues .pc-t-sub-title'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    /** The actions of the issue's activity, newest first. */
    List<String> activity() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#activity .pc-t-action'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    List<String> attachments() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#attachments .pc-t-file-name'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    /** Uploads a file through the attachment field (auto upload). */
    IssueDetailPage attach(java.nio.file.Path file) {
        driver.findElement(By.cssSelector("#upload input[type=file]")).sendKeys(file.toAbsolutePath().toString());
        BoardUi.waitFor(driver).withMessage("the attachment " + file.getFileName() + " to be listed")
                .until(d -> attachments().contains(file.getFileName().toString()));
        BoardUi.awaitIdle(driver);
        return this;
    }

    String awaitGrowl(String text) {
        return BoardUi.awaitGrowl(driver, text);
    }
}
