package cn.canbao.it;

import cn.canbao.demo.boundary.PopulationGenerator;
import cn.canbao.demo.boundary.PopulationGenerator.Profile;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The batch console in a real browser: the operator reads the jobs and their parameters, has two starts refused (a
 * malformed count: 400 INVALID_INPUT; an unknown policy: 422 POLICY_UNKNOWN) with nothing started, starts
 * demo-population over one empty village of 白羊镇 with 12 persons, watches it complete with the step's counts as the
 * generator plans them, is refused stop and restart of the completed execution, and finds it first among the
 * executions. Other roles get 403.
 */
@ExtendWith(ArquillianExtension.class)
class BatchConsoleScreensIT {

    private static final String POLICY = "500101-2024";
    private static final String TOWN = "500101101";
    private static final int COUNT = 12;
    private static final long SEED = 4711L;
    private static final LocalDate OPENS = LocalDate.of(2023, 9, 1);
    private static final LocalDate PAID_UNTIL = LocalDate.of(2023, 11, 20);
    /** The job XML's defaults (demo-population.xml), as BatchIT has them. */
    private static final Profile PROFILE = new Profile(0.78, 0.08, Profile.parseShares("101:0.03,113:0.01,520:0.02"));

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void theOperatorStartsAJobWatchesItCompleteAndIsRefusedBadStarts() {
        String village = emptyVillage();
        PopulationGenerator.Totals plan = PopulationGenerator.totals(village, SEED, COUNT, OPENS, PAID_UNTIL, PROFILE);
        int before = executions();

        try (Browser browser = Browser.open("40-batch")) {
            browser.signIn("operator");
            browser.driver.findElement(By.id("nav-batch")).click();
            String jobs = browser.waitForText("#jobs\\:table", "演示人口生成");
            assertTrue(jobs.contains("全额缴费转换") && jobs.contains("集中征缴期截止结转"), "jobs by their names: " + jobs);
            assertTrue(jobs.contains("地区 *") && jobs.contains("缴费户比例"), "parameters by their labels, required marked: " + jobs);
            assertFalse(jobs.contains("demo-population") || jobs.contains("regionCode"), "no codes: " + jobs);
            browser.screenshot("1-jobs");

            browser.driver.findElement(By.xpath("//tbody[@id='jobs:table_data']/tr[.//span[text()='演示人口生成']]//a[contains(@class,'cb-choose-job')]")).click();
            // policy and region from pickers of what the operator may name, the date from a date picker
            String policies = browser.find("#start span[data-parameter='policyId'] select").getAttribute("textContent");
            assertTrue(policies.contains(POLICY + " "), "policies by id and name: " + policies);
            String places = browser.find("#start span[data-parameter='regionCode'] select").getAttribute("textContent");
            assertTrue(places.contains("白羊社区 500101101001") && places.contains(village), "regions by name and code: " + places);
            pick(browser, "regionCode", village);
            parameter(browser, "count").sendKeys("twelve");
            parameter(browser, "seed").sendKeys(String.valueOf(SEED));
            pick(browser, "policyId", POLICY);
            browser.find("#start span[data-parameter='paidUntil'] input").sendKeys(PAID_UNTIL.toString());
            browser.screenshot("2-start-form");
            browser.driver.findElement(By.id("start:submit")).click();
            String malformed = browser.waitForText("#start\\:form-messages", "INVALID_INPUT");
            assertTrue(malformed.contains("count：须为数字"), malformed);
            browser.screenshot("3-refused-count");
            assertEquals(before, executions(), "a refused start starts nothing");

            parameter(browser, "count").clear();
            parameter(browser, "count").sendKeys(String.valueOf(COUNT));
            browser.driver.findElement(By.id("start:submit")).click();

            // the execution's page refreshes by itself until the job has ended
            new WebDriverWait(browser.driver, Duration.ofSeconds(90)).until(d -> {
                try {
                    String status = d.findElement(By.id("execution:status")).getText();
                    return status.contains("已完成") || status.contains("失败") || status.contains("已停止");
                } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                    return false;
                }
            });
            assertEquals("已完成", browser.find("#execution\\:status").getText());
            Matcher id = Pattern.compile("[?&]id=(\\d+)").matcher(browser.driver.getCurrentUrl());
            assertTrue(id.find(), browser.driver.getCurrentUrl());
            long executionId = Long.parseLong(id.group(1));
            assertEquals(before + 1, executions());
            assertEquals("演示人口生成", browser.find("#execution\\:job").getText());
            String parameters = browser.find("#execution\\:parameters").getText();
            assertTrue(parameters.matches("(?s).*地区：\\p{IsHan}+（" + village + "）.*") && parameters.contains("年度政策：" + POLICY), parameters);

            Map<String, Long> metrics = BatchRuns.metrics(Http.as("operator").get("/api/v1/batch/executions/" + executionId).json());
            assertEquals(String.valueOf(plan.households()), cell(browser, "cb-read"), "households read as planned");
            String steps = browser.find("#execution\\:steps").getText();
            assertTrue(steps.contains("读取（户）") && steps.contains("生成参保人"), "counts in households, steps by name: " + steps);
            assertEquals(String.valueOf(plan.households()), cell(browser, "cb-written"), "every household written");
            assertEquals("0", cell(browser, "cb-filtered"));
            assertEquals("0", cell(browser, "cb-skipped"));
            assertEquals(String.valueOf(metrics.get("commitCount")), cell(browser, "cb-commits"));
            assertEquals(String.valueOf(metrics.get("rollbackCount")), cell(browser, "cb-rollbacks"));
            assertTrue(metrics.get("commitCount") >= 1, metrics.toString());
            browser.screenshot("5-execution-completed");

            // a completed execution can be neither stopped nor restarted: both buttons disabled, and the boundary
            // refuses them over the API with its codes
            assertFalse(browser.driver.findElement(By.id("execution:restart")).isEnabled(), "restart disabled once completed");
            assertFalse(browser.driver.findElement(By.id("execution:stop")).isEnabled(), "stop disabled once completed");
            Http.Reply restart = Http.as("operator").post("/api/v1/batch/executions/" + executionId + "/restart", "{}");
            assertTrue(restart.status() == 409 && restart.body().contains("EXECUTION_COMPLETE"), restart.status() + " " + restart.body());
            Http.Reply stop = Http.as("operator").post("/api/v1/batch/executions/" + executionId + "/stop", "{}");
            assertTrue(stop.status() == 409 && stop.body().contains("EXECUTION_NOT_RUNNING"), stop.status() + " " + stop.body());
            assertEquals(before + 1, executions(), "nothing restarted");
            browser.screenshot("6-stop-restart-disabled");

            browser.driver.findElement(By.id("tab-executions")).click();
            browser.waitForText("#executions\\:table", "条记录");
            WebElement newest = browser.find("#executions\\:table_data > tr:first-child a.cb-execution-link");
            assertEquals(String.valueOf(executionId), newest.getText());
            browser.screenshot("7-executions");
        }
    }

    @Test
    void otherRolesAreKeptOutOfTheConsole() {
        for (String page : new String[] {"/batch/jobs.xhtml", "/batch/executions.xhtml", "/batch/execution.xhtml?id=1"}) {
            Http.Reply clerk = Http.as("clerk").get(page);
            assertEquals(403, clerk.status(), page);
            assertTrue(clerk.body().contains("无权访问"), "the 403 page, not the container's");
            assertEquals(403, Http.as("department").get(page).status(), page);
        }
        assertEquals(200, Http.as("operator").get("/batch/jobs.xhtml").status());
        assertEquals(200, Http.as("district_admin").get("/batch/executions.xhtml").status());
        try (Browser browser = Browser.open("41-batch-forbidden")) {
            browser.signIn("clerk");
            assertTrue(browser.driver.findElements(By.id("nav-batch")).isEmpty(), "no batch menu for a clerk");
            browser.go("/batch/jobs.xhtml?job=demo-population");
            browser.waitForText("#forbidden", "无权访问");
            assertFalse(browser.pageText().contains("regionCode"), "no job form for a clerk");
            browser.screenshot("1-clerk");
        }
    }

    /** A picker's value chosen as a click would choose it (the PrimeFaces widget of the parameter). */
    private static void pick(Browser browser, String name, String value) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("PF('param_" + name + "').selectValue(arguments[0]);", value);
    }

    private static WebElement parameter(Browser browser, String name) {
        return browser.find("#start input[data-parameter='" + name + "']");
    }

    private static String cell(Browser browser, String styleClass) {
        return browser.find("#execution\\:steps_data > tr:first-child td." + styleClass).getText().trim();
    }

    private static int executions() {
        Http.Reply reply = Http.as("operator").get("/api/v1/batch/executions?limit=500");
        assertEquals(200, reply.status(), reply.body());
        return reply.array().size();
    }

    /**
     * A village of 白羊镇 nobody has paid in yet, from 009 down: BatchIT fills villages from 017 down and CampaignIT
     * from 002 up, each taking the first empty one.
     */
    private static String emptyVillage() {
        JsonArray rows = Http.as("operator").get("/api/v1/progress?policyId=" + POLICY + "&regionCode=" + TOWN).array();
        for (int i = 9; i >= 3; i--) {
            String code = TOWN + String.format("%03d", i);
            boolean empty = rows.stream().map(v -> (JsonObject) v)
                    .anyMatch(r -> code.equals(r.getString("regionCode")) && r.getJsonNumber("enrolled").longValue() == 0);
            if (empty) {
                return code;
            }
        }
        fail("no village of " + TOWN + " between 003 and 009 without payments: delete ear/target/wildfly for a fresh database");
        return null;
    }
}
