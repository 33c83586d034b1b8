package cn.canbao.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress in a real browser: the town office sees its 17 villages against their targets, a chart, and drills down. */
@ExtendWith(ArquillianExtension.class)
class SupervisionScreensIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    /** A district administrator names a supervision group and its villages; progress shows the group with them. */
    @Test
    void anAdministratorSetsUpASupervisionGroupShownOnProgress() {
        Http admin = Http.as("district_admin");
        String town = RegionIT.freeTown();
        admin.put("/api/v1/regions/" + town, "{\"name\":\"督导屏镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}");
        admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"督屏一村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        admin.put("/api/v1/regions/" + town + "002", "{\"name\":\"督屏二村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        String name = "屏幕督导组" + town.substring(6);
        try (Browser browser = Browser.open("24-groups")) {
            browser.signIn("district_admin");
            browser.go("/supervision/groups.xhtml");
            browser.find("#groups\\:new").click();
            browser.find("#edit\\:name").sendKeys(name);
            browser.find("#edit\\:save").click();
            String refused = browser.waitForText("#edit\\:dialog-messages", "必填");
            assertTrue(refused.contains("组长"), refused);
            browser.find("#edit\\:leader").sendKeys("赵组长");
            browser.script("PF('villagesMenu').selectValue('" + town + "001'); PF('villagesMenu').selectValue('" + town + "002');");
            browser.find("#edit\\:save").click();
            String table = browser.waitForText("#groups\\:table", name);
            assertTrue(table.contains("督屏一村、督屏二村"), table);
            browser.screenshot("1-saved");

            browser.go("/supervision/progress.xhtml?policy=500101-2024&region=" + town);
            String progress = browser.waitForText("#progress\\:table", name);
            assertTrue(progress.contains("督屏一村"), progress);
            browser.screenshot("2-progress");
        }
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

    /**
     * The district bureau's page lists towns; the weekly report PDF beside the XLSX export goes down to the villages,
     * in Chinese. Downloaded through the page's own form (the button's POST, as a click would send it).
     */
    @Test
    void theWeeklyReportPdfGoesDownToTheVillagesInChinese() throws java.io.IOException {
        try (Browser browser = Browser.open("21-progress-pdf")) {
            browser.signIn("district_admin");
            browser.driver.findElement(By.linkText("进度督导")).click();
            String table = browser.waitForText("#progress\\:table", "5001");
            assertFalse(table.contains("白羊社区"), "the district's page lists towns, not villages: " + table);
            browser.find("#progress\\:pdf");
            browser.screenshot("1-district");

            Download pdf = download(browser, "progress:pdf");
            assertEquals("application/pdf", pdf.contentType());
            assertTrue(pdf.bytes().length > 1000, "size " + pdf.bytes().length);
            assertEquals("%PDF-", new String(pdf.bytes(), 0, 5, StandardCharsets.ISO_8859_1));
            assertFalse(PdfText.embeddedFonts(pdf.bytes()).isEmpty(), "the report carries its font");
            String text = PdfText.of(pdf.bytes());
            assertTrue(text.contains("城乡居民医保参保进度周报"), text);
            assertTrue(text.contains("白羊社区") && text.contains("500101101001"), "a village of the district: " + text);
            assertTrue(text.contains("排名") && text.contains("参保率"), text);
            assertTrue(text.contains("本周（截至") && text.contains("上周新增") && text.contains("环比"), "week on week: " + text);

            // the same report as a sheet for the printer: the week against the week before, every level to the villages
            String districtPage = browser.driver.getCurrentUrl();
            browser.driver.get(browser.find("#progress\\:print-report").getAttribute("href"));
            String printed = browser.waitForText("#sheet", "城乡居民医保参保进度周报");
            assertTrue(printed.contains("本周（截至") && printed.contains("环比"), "week on week: " + printed);
            assertTrue(printed.contains("白羊社区") && printed.contains("500101101001") && printed.contains("合计"), printed);
            assertTrue(printed.contains("500101-2024") && printed.contains("2023-11-20"), "policy and business date: " + printed);
            assertEquals("window.print()", browser.find("#print").getAttribute("onclick"));
            browser.screenshot("2-weekly-sheet");
            browser.driver.get(districtPage);
            browser.find("#progress\\:xlsx");

            Download xlsx = download(browser, "progress:xlsx");
            assertTrue(xlsx.contentType().contains("spreadsheetml"), xlsx.contentType());
            assertEquals("PK", new String(xlsx.bytes(), 0, 2, StandardCharsets.ISO_8859_1));
            // a report: title, policy and date, one frozen header, every level down to the villages with its total
            try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.bytes()))) {
                var sheet = workbook.getSheetAt(0);
                assertTrue(sheet.getRow(0).getCell(0).getStringCellValue().contains("参保进度周报 · 万州区"));
                assertTrue(sheet.getRow(1).getCell(0).getStringCellValue().contains("500101-2024"));
                assertTrue(sheet.getRow(2).getCell(0).getStringCellValue().contains("2023-11-20"));
                assertEquals(4, sheet.getPaneInformation().getHorizontalSplitTopRow(), "header frozen");
                long villagesEnrolled = 0;
                long villagesTarget = 0;
                Double townTotalEnrolled = null;
                Double townTotalTarget = null;
                for (var row : sheet) {
                    if (row.getRowNum() < 4 || row.getCell(0) == null) {
                        continue;
                    }
                    String level = row.getCell(0).getStringCellValue();
                    if (level.equals("白羊镇") && row.getCell(2) != null && row.getCell(2).getStringCellValue().startsWith("500101101")) {
                        villagesTarget += (long) row.getCell(4).getNumericCellValue();
                        villagesEnrolled += (long) row.getCell(5).getNumericCellValue();
                    }
                    if (level.equals("白羊镇 合计")) {
                        townTotalTarget = row.getCell(4).getNumericCellValue();
                        townTotalEnrolled = row.getCell(5).getNumericCellValue();
                    }
                }
                assertEquals(40480L, villagesTarget, "17 villages of 白羊镇 listed under their town");
                assertEquals((double) villagesTarget, townTotalTarget, "the town's total row");
                assertEquals((double) villagesEnrolled, townTotalEnrolled, "the town's total row");
            }
        }
    }

    record Download(String contentType, byte[] bytes) {
    }

    /** Submits the button's form ({@code form:button}) as the non-ajax button would, and returns what the server answered. */
    static Download download(Browser browser, String button) {
        Object reply = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "const button = arguments[0], done = arguments[arguments.length - 1];"
                        + "const form = document.getElementById(button.split(':')[0]);"
                        + "const data = new URLSearchParams(new FormData(form)); data.append(button, button);"
                        + "fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'})"
                        + ".then(r => r.arrayBuffer().then(b => { let s = ''; const a = new Uint8Array(b);"
                        + " for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i]);"
                        + " done({type: r.headers.get('content-type') || '', data: btoa(s)}); }))"
                        + ".catch(e => done({type: 'error ' + e, data: ''}));", button);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> map = (java.util.Map<String, Object>) reply;
        return new Download(String.valueOf(map.get("type")).split(";")[0].trim(),
                java.util.Base64.getDecoder().decode(String.valueOf(map.get("data"))));
    }
}
