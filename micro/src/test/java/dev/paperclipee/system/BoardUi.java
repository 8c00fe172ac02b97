package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/** What the board's page objects share: PrimeFaces menus, the growl, and fields. */
final class BoardUi {

    private static final By GROWL_MESSAGES = By.cssSelector(".ui-growl .ui-growl-message");

    /** Longer than {@link Browser#WAIT}: an AJAX answer of a loaded CI machine can take a while. */
    static final Duration WAIT = Duration.ofSeconds(45);

    private BoardUi() {
    }

    static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    }

    /** The page is loaded and PrimeFaces has no AJAX request queued or running. */
    static void awaitIdle(WebDriver driver) {
        waitFor(driver).withMessage("the page to load and PrimeFaces' AJAX queue to drain").until(d -> Boolean.TRUE.equals(
                ((JavascriptExecutor) d).executeScript("return document.readyState === 'complete'"
                        + " && !!window.PrimeFaces && !!PrimeFaces.ajax && PrimeFaces.ajax.Queue.isEmpty()"
                        + " && (!window.jQuery || jQuery.active === 0)")));
    }

    /** Opens the p:selectOneMenu with this client id and picks the option labelled {@code label}. */
    static void choose(WebDriver driver, String menuId, String label) {
        By item = By.xpath("//div[@id=" + Browser.xpathLiteral(menuId + "_panel") + "]//li[contains(@class, 'ui-selectonemenu-item')]"
                + "[normalize-space(.) = " + Browser.xpathLiteral(label) + "]");
        By shown = By.id(menuId + "_label");
        // a click while a dialog or the panel is still animating can be lost: try again until the menu shows the choice
        waitFor(driver).withMessage(() -> menuId + " to show " + label).ignoring(WebDriverException.class).until(d -> {
            if (label.equals(d.findElement(shown).getText().strip())) {
                return true;
            }
            d.findElement(By.id(menuId)).click();
            new WebDriverWait(d, Duration.ofSeconds(5)).withMessage(menuId + " to offer " + label)
                    .until(ExpectedConditions.elementToBeClickable(item)).click();
            awaitIdle(d);
            return label.equals(d.findElement(shown).getText().strip());
        });
    }

    static void type(WebDriver driver, By field, String text) {
        WebElement element = waitFor(driver).until(ExpectedConditions.visibilityOfElementLocated(field));
        element.clear();
        element.sendKeys(text);
    }

    /** Waits for a growl message containing {@code text} and returns its full text (heading and detail). */
    static String awaitGrowl(WebDriver driver, String text) {
        return waitFor(driver).withMessage(() -> "a message saying '" + text + "'; shown: " + growl(driver))
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
