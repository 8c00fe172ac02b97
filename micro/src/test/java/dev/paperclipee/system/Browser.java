package dev.paperclipee.system;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}; .ci/run installs them). No driver download: a missing driver fails
 * the browser tests with instructions instead of skipping them.
 */
final class Browser {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Duration WAIT = Duration.ofSeconds(15);

    private Browser() {
    }

    /** Quits the browser (if it started) and deletes its profile; a profile that cannot be deleted is only reported. */
    static void stop(WebDriver driver, Path profile) {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try {
                Jar.deleteRecursively(profile);
            } catch (RuntimeException e) {
                System.err.println("could not delete the Chromium profile " + profile + ": " + e);
            }
        }
    }

    static WebDriver start(Path profile) {
        List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).toList();
        if (!missing.isEmpty()) {
            fail("The browser tests need Debian's Chromium (" + CHROMIUM + ") and chromedriver (" + CHROMEDRIVER
                    + "); missing: " + missing + ". Run 'apt-get update && apt-get install -y chromium chromium-driver'"
                    + " (.ci/run does this in CI).");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(Jar.work().resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--user-data-dir=" + profile);
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        return driver;
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

    /** Makes the window as tall as the page (at most 4000 px), so that a screenshot shows all of it. */
    static void fitWindowToPage(WebDriver driver) {
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
        int chrome = driver.manage().window().getSize().getHeight()
                - ((Number) ((JavascriptExecutor) driver).executeScript("return window.innerHeight")).intValue();
        driver.manage().window().setSize(new Dimension(1280, Math.min(4000, height.intValue() + chrome)));
    }

    /** {@code text} as an XPath string literal, whatever quotes it contains. */
    static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    @SuppressWarnings("unchecked")
    static List<String> texts(WebDriver driver, String script) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript(script);
    }

    static Path screenshot(WebDriver driver, String name) {
        try {
            Path dir = Files.createDirectories(Jar.work().resolve("screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a screenshot of the page as it was when a test failed. */
    static final class ScreenshotOnFailure implements AfterTestExecutionCallback {

        private final Supplier<WebDriver> driver;

        ScreenshotOnFailure(Supplier<WebDriver> driver) {
            this.driver = driver;
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            WebDriver current = driver.get();
            if (context.getExecutionException().isPresent() && current != null) {
                try {
                    Path file = screenshot(current, context.getRequiredTestClass().getSimpleName() + "-"
                            + context.getRequiredTestMethod().getName() + "-failed");
                    System.err.println("screenshot of the failure: " + file + " (page " + current.getCurrentUrl() + ")");
                } catch (RuntimeException e) {
                    System.err.println("no screenshot of the failure: " + e);
                }
            }
        }
    }
}
