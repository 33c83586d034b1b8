package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rosters in a real browser: the department's upload refused while incomplete (nothing imported), then a CSV roster of
 * two registered residents and one row with a wrong check character; the import page refreshes until the job is done,
 * shows 3 read / 2 accepted / 1 rejected and the rejected row's reason (in Chinese, then in English); the list of
 * imports grows by one; the reject report downloaded as CSV; a person's identities looked up by ID number, one of
 * another district refused. A clerk and the operator are kept out (403).
 */
@ExtendWith(ArquillianExtension.class)
class RosterScreensIT {

    private static final String VILLAGE = "500101101001";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void theDepartmentUploadsARosterWatchesItAndReadsTheRejects() throws Exception {
        String p1 = resident("屏名甲");
        String p2 = resident("屏名乙");
        String outside = resident("屏名丁", "500118101001", "integration");
        String badCheck = p1.substring(0, 17) + (p1.charAt(17) == '1' ? '2' : '1');
        Path file = Files.createTempFile("roster-", ".csv");
        Files.writeString(file, "身份证号,姓名\n" + p1 + ",屏名甲\n" + p2 + ",屏名乙\n" + badCheck + ",屏名丙\n", StandardCharsets.UTF_8);

        try (Browser browser = Browser.open("30-roster")) {
            browser.signIn("department");
            browser.go("/roster/imports.xhtml");
            long importsBefore = records(browser.waitForText("#imports\\:table", "条记录"));

            browser.driver.findElement(By.id("nav-rosters")).click();
            browser.find("#upload\\:submit");
            browser.screenshot("1-upload-form");

            // nothing filled in: the boundary's refusal, field by field, and no import
            browser.driver.findElement(By.id("upload:submit")).click();
            String refused = browser.waitForText("#upload\\:form-messages", "INVALID_INPUT");
            assertTrue(refused.contains("认定部门") && refused.contains("有效期起") && refused.contains("名册文件"), refused);
            browser.screenshot("2-upload-refused");

            // the category menu through its widget (a click on an item while the panel still moves may miss it)
            browser.script("PF('codeMenu').selectValue('101');"
                    + "$(PrimeFaces.escapeClientId('upload:code_input')).trigger('change');");
            browser.waitForText("#upload\\:code_label", "101");
            // the category's certifying department fills the empty department field (by ajax: the field is replaced,
            // so it is read in the same step as it is found)
            String department = browser.wait(d -> {
                try {
                    String value = d.findElement(By.id("upload:department")).getAttribute("value");
                    return value == null || value.isBlank() ? null : value;
                } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                    return null;
                }
            });
            assertEquals("区民政局", department);
            browser.script("document.getElementById('upload:valid-from_input').value = '2023-09-01';"
                    + "document.getElementById('upload:valid-to_input').value = '2024-12-31';");
            browser.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
            browser.screenshot("3-upload-filled");
            browser.driver.findElement(By.id("upload:submit")).click();

            // the import's page refreshes by itself until the job has ended
            new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d -> {
                try {
                    return d.findElement(By.id("import:status")).getText().contains("已完成");
                } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                    return false;
                }
            });
            assertTrue(browser.driver.getCurrentUrl().contains("/roster/import.xhtml?id="), browser.driver.getCurrentUrl());
            assertEquals("3", browser.find("#import\\:read").getText());
            assertEquals("2", browser.find("#import\\:accepted").getText());
            assertEquals("1", browser.find("#import\\:rejected").getText());
            assertEquals("101", browser.find("#import\\:code").getText());
            String rejects = browser.find("#import\\:rejects").getText();
            assertTrue(rejects.contains(badCheck) && rejects.contains("身份证号码无效"), rejects);
            assertEquals(1, browser.driver.findElements(By.cssSelector("#import\\:rejects_data > tr")).size(), rejects);
            assertFalse(rejects.contains(p2.substring(0, 6) + p2.substring(6, 14)), "accepted rows are not listed");
            browser.screenshot("4-import-done");

            // the reject report as a file, reasons in the user's language
            Path downloads = Files.createTempDirectory("roster-downloads-");
            ((org.openqa.selenium.chromium.ChromiumDriver) browser.driver).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            browser.driver.findElement(By.id("import:csv")).click();
            Path csv = new WebDriverWait(browser.driver, Duration.ofSeconds(20)).until(d -> {
                try (var files = Files.list(downloads)) {
                    return files.filter(f -> f.getFileName().toString().endsWith("-rejects.csv")).findFirst().orElse(null);
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            String report = Files.readString(csv, StandardCharsets.UTF_8);
            assertTrue(report.contains("行号") && report.contains("4," + badCheck + ",屏名丙,身份证号码无效"), report);
            assertEquals(2, report.strip().split("\r\n").length, report);

            browser.driver.findElement(By.id("header:lang-en")).click();
            String english = browser.waitForText("#import\\:rejects", "invalid ID number");
            assertTrue(english.contains("Reason"), english);
            browser.screenshot("5-import-english");
            browser.driver.findElement(By.id("header:lang-zh")).click();
            browser.waitForText("#import\\:rejects", "身份证号码无效");

            // the reject report for the printer: the same row and reason, a print button that is not printed
            String printHref = browser.find("#import\\:print-rejects").getAttribute("href");
            String importPage = printHref.replace("/roster/rejects.xhtml", "/roster/import.xhtml");
            browser.driver.get(printHref);
            String printed = browser.waitForText("#sheet", "未导入的行");
            assertTrue(printed.contains(badCheck) && printed.contains("屏名丙") && printed.contains("身份证号码无效"), printed);
            assertFalse(printed.contains(p2.substring(0, 6) + p2.substring(6, 14)), "accepted rows are not on the sheet");
            assertEquals("window.print()", browser.find("#print").getAttribute("onclick"));
            browser.screenshot("4b-rejects-sheet");
            browser.driver.get(importPage);
            browser.waitForText("#import\\:rejects", "身份证号码无效");

            browser.driver.findElement(By.id("tab-imports")).click();
            assertEquals(importsBefore + 1, records(browser.waitForText("#imports\\:table", "条记录")));
            browser.screenshot("6-imports");

            // a person's identities: the roster's 101 with the category's name, masked number
            browser.driver.findElement(By.id("tab-identities")).click();
            browser.find("#lookup\\:id-number").sendKeys(p1);
            browser.driver.findElement(By.id("lookup:search")).click();
            String identities = browser.waitForText("#lookup\\:identities", "101");
            assertTrue(identities.contains("民政城乡低保对象") && identities.contains("名册")
                    && identities.contains("2023-09-01 ~ 2024-12-31"), identities);
            assertEquals(p1.substring(0, 4) + "**********" + p1.substring(14), browser.find("#lookup\\:masked").getText());
            browser.screenshot("7-identities");

            // a resident of another district (松溉镇, 永川区): not the department's to read
            browser.find("#lookup\\:id-number").clear();
            browser.driver.findElement(By.id("lookup:id-number")).sendKeys(outside);
            browser.driver.findElement(By.id("lookup:search")).click();
            String notInArea = browser.waitForText("#lookup\\:form-messages", "PERSON_UNKNOWN");
            assertTrue(browser.driver.findElements(By.id("lookup:identities")).isEmpty(), notInArea);

            browser.find("#lookup\\:id-number").clear();
            browser.driver.findElement(By.id("lookup:id-number")).sendKeys(badCheck);
            browser.driver.findElement(By.id("lookup:search")).click();
            String invalid = browser.waitForText("#lookup\\:form-messages", "INVALID_ID_NUMBER");
            assertTrue(browser.driver.findElements(By.id("lookup:identities")).isEmpty(), invalid);
            browser.screenshot("8-identities-refused");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * A full roster compared on screen (名册比对): two new persons and one bad row counted before anything is applied,
     * the bad row's reason in its tab, applied after the confirmation → two identities; then one of them revoked on the
     * identity lookup — refused without a reason, done with one, listed among the revoked.
     */
    @Test
    void aFullRosterIsComparedAppliedAndAnIdentityRevokedOnScreen() throws Exception {
        String p1 = resident("比屏甲");
        String p2 = resident("比屏乙");
        String badCheck = p1.substring(0, 17) + (p1.charAt(17) == '1' ? '2' : '1');
        String department = "区民政局（屏" + System.nanoTime() % 100000 + "）";
        Path file = Files.createTempFile("snapshot-", ".csv");
        Files.writeString(file, "身份证号,姓名\n" + p1 + ",比屏甲\n" + p2 + ",比屏乙\n" + badCheck + ",比屏丙\n", StandardCharsets.UTF_8);
        try (Browser browser = Browser.open("32-snapshot")) {
            browser.signIn("department");
            browser.go("/roster/upload.xhtml");
            browser.script("PF('codeMenu').selectValue('101');"
                    + "$(PrimeFaces.escapeClientId('upload:code_input')).trigger('change');");
            browser.waitForText("#upload\\:code_label", "101");
            browser.wait(d -> {
                try {
                    String value = d.findElement(By.id("upload:department")).getAttribute("value");
                    return value != null && !value.isBlank();
                } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                    return false;
                }
            });
            browser.script("document.getElementById('upload:department').value = arguments[0];"
                    + "document.getElementById('upload:valid-from_input').value = '2023-09-01';"
                    + "document.getElementById('upload:valid-to_input').value = '2024-12-31';", department);
            browser.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
            browser.driver.findElement(By.id("upload:compare")).click();

            new WebDriverWait(browser.driver, Duration.ofSeconds(60)).until(d -> {
                try {
                    return d.findElement(By.id("snapshot:state")).getText().contains("待确认")
                            && !d.findElements(By.id("snapshot:apply")).isEmpty();
                } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                    return false;
                }
            });
            assertTrue(browser.driver.getCurrentUrl().contains("/roster/snapshot.xhtml?id="), browser.driver.getCurrentUrl());
            assertEquals("3", browser.find("#snapshot\\:read").getText());
            assertEquals("2", browser.find("#snapshot\\:new").getText());
            assertEquals("0", browser.find("#snapshot\\:cancelled").getText());
            assertEquals("1", browser.find("#snapshot\\:rejected").getText());
            assertTrue(browser.find("#snapshot\\:previous").getText().contains("首次比对"));
            String fresh = browser.find("#snapshot\\:kinds").getText();
            assertTrue(fresh.contains("比屏甲") && fresh.contains("比屏乙"), fresh);
            assertFalse(fresh.contains(p1), "ID numbers masked: " + fresh);
            browser.screenshot("1-compared");
            browser.driver.findElement(By.cssSelector("#snapshot\\:kinds a[href$='tab-REJECTED']")).click();
            browser.waitForText("#snapshot\\:kinds", "身份证号码无效");
            assertEquals(0, identitiesOf(p1), "nothing applied before the decision");

            browser.driver.findElement(By.id("snapshot:apply")).click();
            browser.find("#snapshot\\:confirm-yes").click();
            browser.waitForText("#snapshot\\:state", "已应用");
            assertEquals("2", browser.find("#snapshot\\:added").getText());
            assertTrue(browser.driver.findElements(By.id("snapshot:apply")).isEmpty(), "decided once");
            browser.screenshot("2-applied");
            assertEquals(1, identitiesOf(p1));

            // 错统: revoked on the lookup, a reason required
            browser.driver.findElement(By.id("tab-identities")).click();
            browser.find("#lookup\\:id-number").sendKeys(p1);
            browser.driver.findElement(By.id("lookup:search")).click();
            browser.waitForText("#lookup\\:identities", "101");
            browser.driver.findElement(By.cssSelector("#lookup\\:identities button[id$=':revoke']")).click();
            browser.find("#lookup\\:confirm-correction").click();
            browser.waitForText("#lookup\\:form-messages", "原因");
            assertEquals(1, identitiesOf(p1), "refused: nothing changed");
            browser.find("#lookup\\:reason").sendKeys("错统：重复认定");
            browser.driver.findElement(By.id("lookup:confirm-correction")).click();
            String revoked = browser.waitForText("#lookup\\:revoked", "错统：重复认定");
            assertTrue(revoked.contains("101"), revoked);
            assertEquals(0, identitiesOf(p1));
            browser.screenshot("3-revoked");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int identitiesOf(String idNumber) {
        Http.Reply person = Http.as("district_admin").get("/api/v1/persons/" + idNumber);
        assertEquals(200, person.status(), person.body());
        return person.json().getJsonArray("identities").size();
    }

    @Test
    void otherRolesAreKeptOutOfTheRosters() {
        for (String page : new String[] {"/roster/upload.xhtml", "/roster/imports.xhtml", "/roster/identities.xhtml", "/roster/import.xhtml?id=1",
                "/roster/snapshot.xhtml"}) {
            Http.Reply clerk = Http.as("clerk").get(page);
            assertEquals(403, clerk.status(), page);
            assertTrue(clerk.body().contains("无权访问"), "the 403 page, not the container's");
            assertEquals(403, Http.as("operator").get(page).status(), page);
        }
        assertEquals(200, Http.as("department").get("/roster/upload.xhtml").status());
        assertEquals(200, Http.as("district_admin").get("/roster/identities.xhtml").status());
        try (Browser browser = Browser.open("31-roster-forbidden")) {
            browser.signIn("clerk");
            assertTrue(browser.driver.findElements(By.id("nav-rosters")).isEmpty(), "no roster menu for a clerk");
            browser.go("/roster/upload.xhtml");
            browser.waitForText("#forbidden", "无权访问");
            assertTrue(browser.driver.findElements(By.id("upload:submit")).isEmpty(), "no upload form for a clerk");
            browser.screenshot("1-clerk");
        }
    }

    /** "12 条记录" → 12. */
    private static long records(String tableText) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) 条记录").matcher(tableText);
        assertTrue(m.find(), tableText);
        return Long.parseLong(m.group(1));
    }

    /** A new resident of 白羊社区 registered at the counter (REST), as RosterIT does. */
    private static String resident(String name) {
        return resident(name, VILLAGE, "clerk");
    }

    private static String resident(String name, String village, String user) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = IdNumber.withCheckCharacter(village.substring(0, 6) + "1976" + String.format("%02d%02d%03d", 1 + random.nextInt(12),
                1 + random.nextInt(28), random.nextInt(1000))).value();
        Http.Reply reply = Http.as(user).post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"RESIDENT\"}");
        if (reply.status() == 409) {
            return resident(name, village, user);
        }
        assertEquals(201, reply.status(), reply.body());
        return id;
    }
}
