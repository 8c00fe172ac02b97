package dev.paperclipee.system;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;

/** The board's {@code /companies/{id}/costs}: spend, budgets and the rollup job. */
final class CostsBoardPage {

    private static final By HEADING = By.cssSelector("main h1");

    private final WebDriver driver;

    private CostsBoardPage(WebDriver driver) {
        this.driver = driver;
    }

    static CostsBoardPage open(WebDriver driver, URI base, String companyId) {
        driver.get(base.resolve("companies/" + companyId + "/costs").toString());
        BoardUi.waitFor(driver).until(ExpectedConditions.textToBe(HEADING, "Costs"));
        BoardUi.awaitIdle(driver);
        return new CostsBoardPage(driver);
    }

    String totalSpend() {
        return driver.findElement(By.id("spend")).getText().strip();
    }

    String utilization() {
        return driver.findElement(By.id("utilization")).getText().strip();
    }

    /** The spend shown in an agent's row. */
    String agentSpend(String agentName) {
        return agentRow(agentName).findElement(By.cssSelector(".pc-t-agent-spend")).getText().strip();
    }

    private WebElement agentRow(String agentName) {
        return driver.findElement(By.xpath("//tbody[@id='costs:agents_data']/tr[.//a[contains(@class,'pc-t-agent-name')]"
                + "[normalize-space(.)=" + Browser.xpathLiteral(agentName) + "]]"));
    }

    /** Types a company budget in dollars and saves it. */
    CostsBoardPage setCompanyBudget(String dollars) {
        WebElement field = driver.findElement(By.id("costs:companyBudget_input"));
        field.clear();
        field.sendKeys(dollars);
        driver.findElement(By.id("costs:saveCompanyBudget")).click();
        BoardUi.awaitIdle(driver);
        return this;
    }

    /** Starts the rollup and waits for the page to show it ended. */
    String runRollup() {
        driver.findElement(By.id("costs:runRollup")).click();
        BoardUi.awaitIdle(driver);
        return BoardUi.waitFor(driver).withTimeout(java.time.Duration.ofSeconds(60)).withMessage("the rollup to end")
                .until(d -> {
                    String status = d.findElements(By.id("rollup-status")).stream().map(e -> e.getText().strip())
                            .findFirst().orElse("");
                    return status.equals("completed") || status.equals("failed") ? status : null;
                });
    }

    String awaitGrowl(String text) {
        return BoardUi.awaitGrowl(driver, text);
    }
}
