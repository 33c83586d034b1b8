package cn.canbao.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress in a real browser: the town office sees its 17 villages against their targets, a chart, and drills down. */
@ExtendWith(ArquillianExtension.class)
class SupervisionScreensIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void theTownOfficeSeesProgressByVillageAndDrillsDown() {
        try (Browser browser = Browser.open("20-progress")) {
            browser.signIn("town_officer");
            browser.driver.findElement(By.linkText("进度督导")).click();
            String table = browser.waitForText("#progress\\:table", "40480");
            assertEquals(17, browser.driver.findElements(By.cssSelector("#progress\\:table_data > tr")).size(), table);
            assertTrue(table.contains("白羊社区"), table);
            browser.find("#progress\\:chart canvas");
            // the weekly chart arrives after the page, by ajax: 2023-09-01 .. 2023-11-20 is 12 weeks
            browser.find("#progress\\:weekly-chart canvas");
            assertEquals("12", browser.wait(ExpectedConditions.presenceOfElementLocated(By.id("progress:weekly-count")))
                    .getAttribute("textContent"));
            browser.screenshot("1-villages");

            browser.driver.findElement(By.xpath("//tbody[@id='progress:table_data']/tr[td//span[text()='白羊社区']]")).click();
            browser.waitForText("#unpaid\\:table", "条记录");
            assertTrue(browser.driver.getCurrentUrl().contains("region=500101101001"), browser.driver.getCurrentUrl());
            assertTrue(browser.find("#unpaid").getText().contains("未缴费名单 · 白羊社区"));
            browser.screenshot("2-village-unpaid");
        }
        assertEquals(403, Http.as("clerk").get("/supervision/progress.xhtml").status());
    }
}
