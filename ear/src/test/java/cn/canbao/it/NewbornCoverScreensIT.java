package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counter's registration says when the newborn was covered through its insured guardian (decision 49 as amended):
 * seed 002 moved back to 2021 in district 500101 (as PersonGroupsIT and NewbornAutoCoverIT put it), a guardian of the
 * clerk's village who paid for 2021, and the clerk registering the newborn on the register screen.
 */
@ExtendWith(ArquillianExtension.class)
class NewbornCoverScreensIT {

    private static final String RULE_POLICY = "500101-2021";
    private static final String VILLAGE = "500101101001";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void theRegisterScreenSaysTheNewbornIsCoveredThroughTheGuardian() throws Exception {
        Http admin = Http.as("district_admin");
        putRulePolicy(admin);
        String guardian = unusedIdNumber(admin, LocalDate.of(1990, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2000)));
        Http.Reply registered = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + guardian
                + "\",\"name\":\"屏幕监护人\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, registered.status(), registered.body());
        Http.Reply quote = admin.post("/api/v1/policies/" + RULE_POLICY + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"2021-03-10\",\"idNumber\":\"" + guardian + "\"}");
        assertEquals(200, quote.status(), quote.body());
        JsonObject q = quote.json();
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-NBS-" + guardian + "\",\"idNumber\":\""
                + guardian + "\",\"policyId\":\"" + RULE_POLICY + "\",\"tier\":1,\"amount\":"
                + q.getJsonNumber("personalAmount").bigDecimalValue().toPlainString()
                + ",\"channel\":\"WECHAT\",\"paidAt\":\"2021-03-10T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        String newborn = unusedIdNumber(admin, LocalDate.of(2021, 4, 1).plusDays(ThreadLocalRandom.current().nextInt(200)));

        try (Browser browser = Browser.open("40-newborn-cover")) {
            browser.signIn("clerk");
            browser.go("/counter/register.xhtml");
            browser.find("#register\\:id-number").sendKeys(newborn);
            browser.driver.findElement(By.id("register:name")).sendKeys("屏幕新生儿");
            browser.script("PF('widget_register_resident_type').selectValue(arguments[0]);", "NEWBORN");
            browser.driver.findElement(By.id("register:guardian")).sendKeys(guardian);
            browser.driver.findElement(By.id("register:save")).click();
            assertEquals(newborn, browser.waitForText("#resident\\:id-number", newborn));
            String page = browser.waitForText("body", "已随参保的法定监护人自动参保");
            assertTrue(page.contains("无需缴费"), page);
            browser.screenshot("1-registered-and-covered");
        }
        Http.Reply record = admin.get("/api/v1/persons/" + newborn);
        assertEquals(RULE_POLICY, record.json().getJsonObject("newbornCover").getString("policyId"), record.body());
    }

    private static void putRulePolicy(Http admin) throws Exception {
        Path dir = Path.of(System.getProperty("canbao.policies.dir", "../config/policies"));
        String document = Files.readString(dir.resolve("500230-2024.json")).replace("2023", "2020").replace("2024", "2021")
                .replaceAll("(\\d{4})-02-29", "$1-02-28").replace("500230", "500101")
                .replace("\"fiscalSubsidy\": null", "\"fiscalSubsidy\": 640.00");
        // catalogue rows bounded to the copy's campaign, exactly as PersonGroupsIT puts this copy
        java.util.regex.Matcher from = java.util.regex.Pattern.compile("\"from\": *\"(\\d{4}-\\d{2}-\\d{2})\"").matcher(document);
        String opens = null;
        while (from.find()) {
            opens = opens == null || from.group(1).compareTo(opens) < 0 ? from.group(1) : opens;
        }
        document = document.replaceAll("\"validFrom\": *null", "\"validFrom\": \"" + opens + "\"")
                .replaceAll("\"validTo\": *null", "\"validTo\": \"2021-12-31\"");
        Http.Reply put = admin.put("/api/v1/policies/" + RULE_POLICY, document);
        assertTrue(put.status() == 200 || put.status() == 201, put.body());
    }

    /** A valid 18-digit number of district 500101 born that day (check character computed), on record nowhere yet. */
    private static String unusedIdNumber(Http admin, LocalDate birth) {
        for (int i = 0; i < 50; i++) {
            String id = IdNumber.withCheckCharacter("500101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", ThreadLocalRandom.current().nextInt(1000))).value();
            if (admin.get("/api/v1/persons/" + id).status() == 404) {
                return id;
            }
        }
        throw new IllegalStateException("no unused ID number born " + birth);
    }
}
