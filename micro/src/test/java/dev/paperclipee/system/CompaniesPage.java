package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The board's {@code /companies}: the create form, the table and archiving. */
final class CompaniesPage {

    private static final By NAME = By.id("create:name");
    private static final By DESCRIPTION = By.id("create:description");
    private static final By SUBMIT = By.id("create:submit");
    private static final By ROW_PREFIX = By.cssSelector(".company-prefix");
    private static final By ROW_STATUS = By.cssSelector(".ui-tag");
    private static final By ROW_ARCHIVE = By.xpath(".//button[normalize-space(.)='Archive']");
    private static final By GROWL_MESSAGES = By.cssSelector(".ui-growl .ui-growl-message");
    private static final By CONFIRM_DIALOG = By.cssSelector(".ui-confirm-dialog");

    private final WebDriver driver;

    private CompaniesPage(WebDriver driver) {
        this.driver = driver;
    }

    static CompaniesPage open(WebDriver driver, URI base) {
        driver.get(base.resolve("companies").toString());
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(NAME));
        Browser.awaitIdle(driver);
        return new CompaniesPage(driver);
    }

    GlobalSelector selector() {
        return new GlobalSelector(driver);
    }

    /** Fills the form and submits it (AJAX); follow with {@link #awaitGrowl}. */
    CompaniesPage submit(String name, String description) {
        WebElement nameField = driver.findElement(NAME);
        nameField.clear();
        nameField.sendKeys(name);
        WebElement descriptionField = driver.findElement(DESCRIPTION);
        descriptionField.clear();
        if (description != null) {
            descriptionField.sendKeys(description);
        }
        driver.findElement(SUBMIT).click();
        Browser.awaitIdle(driver);
        return this;
    }

    /** Waits for a growl message containing {@code text} and returns its full text. */
    String awaitGrowl(String text) {
        return Browser.waitFor(driver).withMessage(() -> "a message saying '" + text + "'; shown: " + growlMessages())
                .until(d -> growlMessages().stream().filter(m -> m.contains(text)).findFirst().orElse(null));
    }

    List<String> growlMessages() {
        try {
            return driver.findElements(GROWL_MESSAGES).stream().map(e -> e.getText().strip()).toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    boolean nameFieldMarkedInvalid() {
        WebElement field = driver.findElement(NAME);
        return field.getDomAttribute("class").contains("ui-state-error") || "true".equals(field.getDomAttribute("aria-invalid"));
    }

    /** The names in the table, top to bottom. */
    List<String> names() {
        return Browser.texts(driver, "return Array.from(document.getElementById('list:companies_data')"
                + ".querySelectorAll('.company-name')).map(function (e) { return e.textContent.trim(); })");
    }

    Optional<WebElement> row(String name) {
        return driver.findElements(By.xpath("//tbody[@id='list:companies_data']/tr"
                + "[.//*[contains(concat(' ', normalize-space(@class), ' '), ' company-name ')]"
                + "[normalize-space(.) = " + Browser.xpathLiteral(name) + "]]")).stream().findFirst();
    }

    WebElement awaitRow(String name) {
        return Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .withMessage("a row for " + name + " in the companies table")
                .until(d -> row(name).orElse(null));
    }

    String prefixOf(String name) {
        return awaitRow(name).findElement(ROW_PREFIX).getText().strip();
    }

    String statusOf(String name) {
        return awaitRow(name).findElement(ROW_STATUS).getText().strip();
    }

    void awaitStatus(String name, String status) {
        Browser.waitFor(driver).ignoring(StaleElementReferenceException.class)
                .withMessage(name + " to be shown as " + status)
                .until(d -> status.equals(statusOf(name)));
    }

    boolean hasArchiveButton(String name) {
        return !awaitRow(name).findElements(ROW_ARCHIVE).isEmpty();
    }

    /** Opens the row's edit dialog, sets the brand colour, logo and hiring policy, and saves. */
    void editBranding(String name, String color, String logoUrl, boolean requireApproval) {
        awaitRow(name).findElement(By.cssSelector(".pc-edit")).click();
        WebElement logo = Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("edit:logo-url")));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById('edit:brand-color').value = arguments[0];", color);
        logo.clear();
        logo.sendKeys(logoUrl);
        WebElement toggle = driver.findElement(By.id("edit:require-approval"));
        if (toggle.getDomAttribute("class").contains("ui-toggleswitch-checked") != requireApproval) {
            toggle.findElement(By.cssSelector(".ui-toggleswitch-slider")).click();
        }
        driver.findElement(By.id("edit:save")).click();
        Browser.awaitIdle(driver);
    }

    /** Clicks the row's Archive button and returns the confirm dialog it opens. */
    ConfirmDialog askToArchive(String name) {
        awaitRow(name).findElement(ROW_ARCHIVE).click();
        WebElement dialog = Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(CONFIRM_DIALOG));
        return new ConfirmDialog(dialog);
    }

    /** PrimeFaces' global confirm dialog. */
    final class ConfirmDialog {

        private final WebElement dialog;

        ConfirmDialog(WebElement dialog) {
            this.dialog = dialog;
        }

        String title() {
            return dialog.findElement(By.cssSelector(".ui-dialog-title")).getText().strip();
        }

        String message() {
            return dialog.findElement(By.cssSelector(".ui-confirm-dialog-message")).getText().strip();
        }

        void confirm() {
            close(dialog.findElement(By.cssSelector(".ui-confirmdialog-yes")));
        }

        void keep() {
            close(dialog.findElement(By.cssSelector(".ui-confirmdialog-no")));
        }

        private void close(WebElement button) {
            Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(button)).click();
            Browser.waitFor(driver).until(ExpectedConditions.invisibilityOf(dialog));
            Browser.awaitIdle(driver);
        }
    }
}
