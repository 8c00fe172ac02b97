package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.util.List;

/** The board's {@code /companies/{id}/approvals}: requests waiting for a decision and the history. */
final class ApprovalsBoardPage {

    private static final By HEADING = By.cssSelector("main h1");

    private final WebDriver driver;

    private ApprovalsBoardPage(WebDriver driver) {
        this.driver = driver;
    }

    static ApprovalsBoardPage open(WebDriver driver, URI base, String companyId) {
        driver.get(base.resolve("companies/" + companyId + "/approvals").toString());
        BoardUi.waitFor(driver).until(ExpectedConditions.textToBe(HEADING, "Approvals"));
        BoardUi.awaitIdle(driver);
        return new ApprovalsBoardPage(driver);
    }

    List<String> pendingTitles() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#pending .pc-t-approval-title'))"
                + ".map(function (e) { return e.textContent.trim(); })");
    }

    /** The payload as shown: "Name: value" lines of one pending request. */
    List<String> payloadOf(String approvalId) {
        return Browser.texts(driver, "var a = document.querySelector(\"[data-approval='" + approvalId + "']\");"
                + "return Array.from(a.querySelectorAll('.pc-t-payload dt')).map(function (dt) {"
                + " return dt.textContent.trim() + ': ' + dt.nextElementSibling.textContent.trim(); })");
    }

    void awaitPending(List<String> titles) {
        BoardUi.waitFor(driver).withMessage(() -> "pending " + titles + "; shown " + pendingTitles())
                .until(d -> pendingTitles().equals(titles));
    }

    private WebElement card(String approvalId) {
        return driver.findElement(By.cssSelector("[data-approval='" + approvalId + "']"));
    }

    ApprovalsBoardPage note(String approvalId, String note) {
        WebElement field = card(approvalId).findElement(By.cssSelector("textarea"));
        field.clear();
        field.sendKeys(note);
        return this;
    }

    /** Clicks a decision button (Approve, Reject, Request revision) of a pending request. */
    ApprovalsBoardPage decide(String approvalId, String button) {
        card(approvalId).findElement(By.xpath(".//button[normalize-space(.)=" + Browser.xpathLiteral(button) + "]")).click();
        BoardUi.awaitIdle(driver);
        return this;
    }

    /** Confirms the approve dialog (hires ask first). */
    ApprovalsBoardPage confirm() {
        BoardUi.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.cssSelector(".ui-confirm-dialog .ui-confirmdialog-yes")))
                .click();
        BoardUi.awaitIdle(driver);
        return this;
    }

    /** "title | status | note" of the history rows, newest first. */
    List<String> history() {
        return Browser.texts(driver, "return Array.from(document.querySelectorAll('#approvals\\\\:decided_data tr'))"
                + ".filter(function (r) { return r.querySelector('.pc-t-history-title'); })"
                + ".map(function (r) { return r.querySelector('.pc-t-history-title').textContent.trim() + ' | '"
                + " + r.querySelector('.pc-t-history-status').textContent.trim() + ' | '"
                + " + r.querySelector('.pc-t-history-note').textContent.trim(); })");
    }

    String issuedKey() {
        return BoardUi.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-key"))).getText().strip();
    }

    String awaitGrowl(String text) {
        return BoardUi.awaitGrowl(driver, text);
    }
}
