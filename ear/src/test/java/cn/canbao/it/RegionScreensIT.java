package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The region screen in a real browser: a district administrator imports a town with its villages from a CSV (a file
 * with a bad row is refused whole, every bad row named), adds a village, retires an empty one, and merges a village
 * with a resident into another — the resident moves.
 */
@ExtendWith(ArquillianExtension.class)
class RegionScreensIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void anAdministratorImportsAddsRetiresAndMergesVillages() throws IOException {
        String town = RegionIT.freeTown();
        String townName = "屏幕镇" + town.substring(6); // unique: the tests may run again on the same database
        Path bad = csv("code,name,level,parentCode\n" + town + "," + townName + ",TOWN,500101\n" + town + "001,屏一村,VILLAGE," + town + "\n"
                + "500118101001,外区村,VILLAGE," + town + "\n");
        Path good = csv("code,name,level,parentCode\n" + town + "," + townName + ",TOWN,500101\n" + town + "001,屏一村,VILLAGE," + town + "\n"
                + town + "002,屏二村,VILLAGE," + town + "\n");
        try (Browser admin = Browser.open("22-regions")) {
            admin.signIn("district_admin");
            admin.go("/region/regions.xhtml");
            admin.waitForText("#tree", "白羊镇");
            admin.screenshot("1-tree");

            admin.driver.findElement(By.cssSelector("#import input[type=file]")).sendKeys(bad.toString());
            admin.find("#import\\:submit").click();
            String refused = admin.waitForText("#region-messages", "未导入任何数据");
            assertTrue(refused.contains("row 4"), refused);
            assertFalse(admin.find("#tree").getText().contains(townName), "nothing of a refused file is kept");
            admin.screenshot("2-refused");

            admin.driver.findElement(By.cssSelector("#import input[type=file]")).sendKeys(good.toString());
            admin.find("#import\\:submit").click();
            admin.waitForText("#region-messages", "新增 3 个");
            assertTrue(admin.find("#tree").getText().contains("屏二村"));

            admin.find("#edit\\:code").sendKeys(town + "003");
            admin.find("#edit\\:name").sendKeys("屏三村");
            admin.script("$(PrimeFaces.escapeClientId('edit:parent_input')).val('" + town + "').trigger('change');");
            admin.find("#edit\\:save").click();
            admin.waitForText("#region-messages", "已添加：屏三村");
            admin.screenshot("3-added");

            retireRow(admin, town + "003");
            admin.waitForText("#region-messages", "已撤销：屏三村");
            assertTrue(admin.find("#tree").getText().contains("撤销"));
        }

        // a resident of 屏一村, then the village merged into 屏二村 on the screen
        String id = IdNumber.withCheckCharacter("5001011977" + String.format("%02d%02d%03d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply person = Http.as("district_admin").post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"并村居民\",\"householdRegionCode\":\"" + town + "001\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, person.status(), person.body());
        try (Browser admin = Browser.open("23-merge")) {
            admin.signIn("district_admin");
            admin.go("/region/regions.xhtml");
            admin.waitForText("#tree", "屏一村");
            retireRow(admin, town + "001");
            admin.waitForText("#region-messages", "还有 1 名登记居民");
            admin.screenshot("1-retire-refused");

            clickInRow(admin, town + "001", "merge");
            admin.waitForText("#merge", "屏一村");
            admin.script("$(PrimeFaces.escapeClientId('merge:into_input')).val('" + town + "002').trigger('change');");
            admin.find("#merge\\:save").click();
            String merged = admin.waitForText("#region-messages", "已合并到");
            assertTrue(merged.contains("迁移居民 1 人"), merged);
            admin.screenshot("2-merged");
        }
        assertEquals(town + "002", Http.as("district_admin").get("/api/v1/persons/" + id).json().getString("householdRegionCode"));
    }

    private static void retireRow(Browser admin, String code) {
        clickInRow(admin, code, "retire");
        admin.find(".ui-confirmdialog-yes").click(); // waits until the confirmation shows
    }

    private static void clickInRow(Browser admin, String code, String button) {
        admin.driver.findElement(By.xpath("//tr[td/span[text()='" + code + "']]//button[contains(@id,':" + button + "')]")).click();
    }

    private static Path csv(String text) throws IOException {
        Path file = Files.createTempFile("regions-", ".csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
