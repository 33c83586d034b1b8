package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The school screen (学校代收) in a real browser, as 白羊镇's town officer: a school added, a pupil file with a bad row
 * refused with its row named (nothing registered), the corrected file imported (two new pupils enrolled), the school's
 * collection recorded after a confirmation — two payments, progress 100%. A supervisor sees the progress only.
 */
@ExtendWith(ArquillianExtension.class)
class SchoolScreensIT {

    private static final String VILLAGE = "500101101001";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aTownOfficerAddsASchoolImportsItsPupilsAndRecordsItsCollection() throws Exception {
        String code = "SCR-" + System.nanoTime() % 1000000;
        String p1 = newNumber();
        String p2 = newNumber();
        Path bad = Files.createTempFile("pupils-bad-", ".csv");
        Path good = Files.createTempFile("pupils-", ".csv");
        Files.writeString(bad, "身份证号,姓名,班级,户籍地\n" + p1 + ",屏校甲,三年级1班," + VILLAGE + "\n" + p2 + ",,三年级1班," + VILLAGE + "\n", StandardCharsets.UTF_8);
        Files.writeString(good, "身份证号,姓名,班级,户籍地\n" + p1 + ",屏校甲,三年级1班," + VILLAGE + "\n" + p2 + ",屏校乙,三年级1班," + VILLAGE + "\n", StandardCharsets.UTF_8);
        try (Browser browser = Browser.open("33-schools")) {
            browser.signIn("town_officer");
            browser.driver.findElement(By.id("nav-schools")).click();
            browser.find("#schools\\:progress-panel");
            browser.screenshot("1-schools");
            browser.script("var p = PF('widget_schools_new_school'); if (p && p.cfg.collapsed) { p.toggle(); }");
            browser.find("#schools\\:new-code").sendKeys(code);
            browser.find("#schools\\:new-name").sendKeys("白羊屏幕小学");
            browser.find("#schools\\:new-region").sendKeys(VILLAGE);
            browser.driver.findElement(By.id("schools:create")).click();
            browser.waitForText("#schools\\:form-messages", code);
            String panel = browser.waitForText("#schools\\:school-panel", "白羊屏幕小学");
            assertTrue(panel.contains("中小学校"), panel);
            assertTrue(browser.find("#schools\\:progress").getText().contains(code));

            // a pupil without a name: refused with its row, nothing registered
            browser.driver.findElement(By.cssSelector("#schools\\:school-panel input[type=file]")).sendKeys(bad.toString());
            browser.driver.findElement(By.id("schools:upload")).click();
            String refused = browser.waitForText("#schools\\:form-messages", "NAME_MISSING");
            assertTrue(refused.contains("row 3"), refused);
            assertEquals(404, Http.as("district_admin").get("/api/v1/persons/" + p1).status(), "nothing of a refused file is kept");
            browser.screenshot("2-refused");

            browser.driver.findElement(By.cssSelector("#schools\\:school-panel input[type=file]")).sendKeys(good.toString());
            browser.driver.findElement(By.id("schools:upload")).click();
            browser.waitForText("#schools\\:imported", "2");
            assertEquals("2", browser.find("#schools\\:imported-new").getText());
            assertEquals("2", browser.find("#schools\\:imported-registered").getText());
            String pupils = browser.waitForText("#schools\\:pupils", "屏校乙");
            assertTrue(pupils.contains("三年级1班") && pupils.contains("已登记未缴费"), pupils);
            assertFalse(pupils.contains(p1), "masked: " + pupils);
            browser.screenshot("3-imported");

            browser.find("#schools\\:reference").sendKeys("SCREEN1");
            browser.script("document.getElementById('schools:paid-on_input').value = '2023-11-05';");
            browser.driver.findElement(By.id("schools:collect")).click();
            browser.find("#schools\\:confirm-yes").click();
            assertEquals("2", browser.waitForText("#schools\\:collected-paid", "2").trim());
            String progress = browser.waitForText("#schools\\:progress", "100");
            assertTrue(progress.contains(code), progress);
            browser.screenshot("4-collected");
        } finally {
            Files.deleteIfExists(bad);
            Files.deleteIfExists(good);
        }
        try (Browser browser = Browser.open("34-schools-supervisor")) {
            browser.signIn("supervisor");
            browser.go("/supervision/schools.xhtml");
            browser.waitForText("#schools\\:progress", code);
            assertTrue(browser.driver.findElements(By.id("schools:create")).isEmpty(), "figures only for a supervisor");
            browser.driver.findElement(By.cssSelector("#schools\\:progress a[id$=':open']")).click();
            browser.waitForText("#schools\\:school-panel", "学生名单");
            assertTrue(browser.driver.findElements(By.id("schools:upload")).isEmpty());
        }
    }

    private static String newNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return IdNumber.withCheckCharacter("500101" + LocalDate.of(2012, 1, 1).plusDays(random.nextInt(2000))
                .format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000))).value();
    }
}
