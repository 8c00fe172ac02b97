package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

/** The company selector in the board's header, on every page ({@code #selector:company}). */
final class GlobalSelector {

    private static final By MENU = By.id("selector:company");
    private static final By PANEL = By.id("selector:company_panel");

    private final WebDriver driver;

    GlobalSelector(WebDriver driver) {
        this.driver = driver;
    }

    /** The labels of every option offered, "Name (PREFIX)" for a company. */
    List<String> options() {
        return Browser.texts(driver, "return Array.from(document.getElementById('selector:company_input').options)"
                + ".map(function (o) { return o.textContent.trim(); })");
    }

    /** The label of the company shown as selected. */
    String selected() {
        return driver.findElement(By.id("selector:company_label")).getText().strip();
    }

    /** Opens the menu and picks the company with this label; the page then reloads. */
    void choose(String label) {
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(MENU)).click();
        Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(PANEL));
        By item = By.xpath("//div[@id='selector:company_panel']//li[contains(@class, 'ui-selectonemenu-item')]"
                + "[normalize-space(.) = " + Browser.xpathLiteral(label) + "]");
        Browser.waitFor(driver).withMessage("the selector to offer " + label)
                .until(ExpectedConditions.elementToBeClickable(item)).click();
    }
}
