package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;

import java.util.List;

/** The board's toasts (the template's growl {@code #messages}). */
final class Growl {

    private static final By MESSAGES = By.cssSelector(".ui-growl .ui-growl-message");

    private Growl() {
    }

    /** Waits for a toast containing {@code text} and returns its full text. */
    static String await(WebDriver driver, String text) {
        return Browser.waitFor(driver).withMessage(() -> "a toast saying '" + text + "'; shown: " + shown(driver))
                .until(d -> shown(d).stream().filter(m -> m.contains(text)).findFirst().orElse(null));
    }

    /** Closes every toast, as an operator would before clicking what one covers. */
    static void dismiss(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelectorAll('.ui-growl-item-container').forEach(function (t) { t.remove(); });");
    }

    static List<String> shown(WebDriver driver) {
        try {
            return driver.findElements(MESSAGES).stream().map(e -> e.getText().replaceAll("\\s+", " ").strip()).toList();
        } catch (StaleElementReferenceException e) {
            return List.of();
        }
    }
}
