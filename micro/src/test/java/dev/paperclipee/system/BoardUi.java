package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

/** What the board's page objects share: PrimeFaces menus, the growl, and fields. */
final class BoardUi {

    private static final By GROWL_MESSAGES = By.cssSelector(".ui-growl .ui-growl-message");

    private BoardUi() {
    }

    /** Opens the p:selectOneMenu with this client id and picks the option labelled {@code label}. */
    static void choose(WebDriver driver, String menuId, String label) {
        Browser.waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id(menuId))).click();
        By item = By.xpath("//div[@id=" + Browser.xpathLiteral(menuId + "_panel") + "]//li[contains(@class, 'ui-selectonemenu-item')]"
                + "[normalize-space(.) = " + Browser.xpathLiteral(label) + "]");
        Browser.waitFor(driver).withMessage(menuId + " to offer " + label)
                .until(ExpectedConditions.elementToBeClickable(item)).click();
        Browser.awaitIdle(driver);
    }

    static void type(WebDriver driver, By field, String text) {
        WebElement element = Browser.waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(field));
        element.clear();
        element.sendKeys(text);
    }

    /** Waits for a growl message containing {@code text} and returns its full text (heading and detail). */
    static String awaitGrowl(WebDriver driver, String text) {
        return Browser.waitFor(driver).withMessage(() -> "a message saying '" + text + "'; shown: " + growl(driver))
                .until(d -> growl(d).stream().filter(m -> m.contains(text)).findFirst().orElse(null));
    }

    static List<String> growl(WebDriver driver) {
        try {
            return driver.findElements(GROWL_MESSAGES).stream().map(e -> e.getText().strip().replaceAll("\\s+", " ")).toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }

    /** Closes every growl message, so that the next wait sees only new ones. */
    static void dismissGrowl(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelectorAll('.ui-growl-item-container').forEach(function (e) { e.remove(); })");
    }

    static boolean overflowsHorizontally(WebDriver driver) {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth > window.innerWidth"));
    }
}
