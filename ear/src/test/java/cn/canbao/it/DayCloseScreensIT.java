package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collector's day-close in a real browser. The collector is {@code clerk2} (鱼泉社区), as in DayCloseIT: no other
 * test takes payments as clerk2, and a closed day stays closed in the database, so each run picks a day of the
 * concentrated window that clerk2 has not closed yet. clerk2 sees the day's cash and POS, closes it counting 10 yuan
 * less cash than recorded and sees it closed; a payment dated into it is then refused; the town office sees the
 * discrepancy highlighted.
 */
@ExtendWith(ArquillianExtension.class)
class DayCloseScreensIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101002";
    private static final String COLLECTOR = "clerk2";
    /** How the screens name the collector: by the account's display name, never the user name. */
    private static final String COLLECTOR_NAME = "鱼泉社区经办员 李强";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aCollectorClosesTheirDayAndTheTownOfficeSeesTheDiscrepancy() {
        LocalDate day = openDay();
        assertEquals(201, pay(resident(), "CASH", day).status());
        assertEquals(201, pay(resident(), "POS", day).status());

        try (Browser browser = Browser.open("40-dayclose")) {
            browser.signIn(COLLECTOR);
            browser.driver.findElement(By.linkText("日结对账")).click();
            browser.find("#day-status");
            browser.go("/dayclose/close.xhtml?date=" + day);
            assertTrue(browser.waitForText("#day-status", day.toString()).contains("未日结"));
            assertEquals("1", browser.find("#dayclose\\:cash-count").getText());
            assertEquals("380.00", browser.find("#dayclose\\:cash-amount").getText());
            assertEquals("1", browser.find("#dayclose\\:pos-count").getText());
            assertEquals("380.00", browser.find("#dayclose\\:pos-amount").getText());
            assertEquals("760.00", browser.find("#dayclose\\:total-amount").getText());
            browser.find("#dayclose\\:declared-cash_input").sendKeys("370");
            browser.screenshot("1-open-day");

            browser.driver.findElement(By.id("dayclose:close")).click();
            browser.find("#dayclose\\:confirm-yes").click();
            browser.waitForText("#dayclose\\:messages", "已日结 " + day);
            assertTrue(browser.waitForText("#day-status", "已日结").contains(day.toString()));
            assertEquals("-10.00", browser.find("#dayclose\\:discrepancy").getText());
            assertTrue(browser.driver.findElements(By.id("dayclose:close")).isEmpty(), "no second close");
            WebElement closed = browser.wait(d -> d.findElements(By.xpath(
                    "//tbody[@id='dayclose:closed_data']/tr[td[1][normalize-space(text())='" + day + "']]")).stream().findFirst().orElse(null));
            assertTrue(closed.getText().contains("-10.00"), closed.getText());
            browser.screenshot("2-closed");
        }

        // nothing more can be recorded into the closed day
        Http.Reply refused = pay(resident(), "CASH", day);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("DAY_CLOSED", refused.json().getString("code"));

        try (Browser browser = Browser.open("41-dayclose-town")) {
            browser.signIn("town_officer");
            browser.driver.findElement(By.linkText("辖区日结")).click();
            browser.find("#days\\:table");
            browser.go("/dayclose/region.xhtml?date=" + day);
            String table = browser.waitForText("#days\\:table", COLLECTOR_NAME);
            assertTrue(table.contains("白羊社区经办员 张敏"), "every collector of the town: " + table);
            assertFalse(table.contains(COLLECTOR), "by name, not user name: " + table);
            WebElement mine = browser.driver.findElement(By.xpath("//tbody[@id='days:table_data']/tr[td[1][contains(., '" + COLLECTOR_NAME + "')]]"));
            assertTrue(mine.getAttribute("class").contains("cb-row-warn"), mine.getAttribute("class"));
            assertTrue(mine.getText().contains("-10.00") && mine.getText().contains("370.00") && mine.getText().contains("已日结"), mine.getText());
            WebElement other = browser.driver.findElement(By.xpath("//tbody[@id='days:table_data']/tr[td[1]//span[@title='clerk']]"));
            assertFalse(other.getAttribute("class").contains("cb-row-warn"), "no discrepancy for clerk: " + other.getText());
            assertFalse(browser.find("#discrepancies").getText().endsWith(": 0"), browser.find("#discrepancies").getText());
            browser.screenshot("1-town");
        }
        JsonObject town = Http.as("town_officer").get("/api/v1/day-closes?date=" + day + "&regionCode=500101101").array()
                .getValuesAs(JsonObject.class).stream().filter(d -> d.getString("collector").equals(COLLECTOR)).findFirst().orElseThrow();
        assertEquals("CLOSED", town.getString("status"));
        assertEquals(-10.0, town.getJsonNumber("cashDiscrepancy").doubleValue());
    }

    @Test
    void otherRolesAreKeptOut() {
        assertEquals(403, Http.as("town_officer").get("/dayclose/close.xhtml").status());
        assertEquals(403, Http.as("tax").get("/dayclose/close.xhtml").status());
        assertEquals(403, Http.as("clerk").get("/dayclose/region.xhtml").status());
        assertEquals(403, Http.as("department").get("/dayclose/region.xhtml").status());
        assertEquals(200, Http.as("supervisor").get("/dayclose/region.xhtml").status());
    }

    // --- helpers

    /** A day of the window before today that clerk2 has not closed yet, read through the API. */
    private static LocalDate openDay() {
        LocalDate first = LocalDate.of(2023, 9, 1);
        for (int attempt = 0; attempt < 200; attempt++) {
            LocalDate day = first.plusDays(ThreadLocalRandom.current().nextInt(75));
            Http.Reply reply = Http.as(COLLECTOR).get("/api/v1/day-closes?date=" + day);
            assertEquals(200, reply.status(), reply.body());
            boolean open = reply.array().getValuesAs(JsonObject.class).stream()
                    .anyMatch(d -> d.getString("collector").equals(COLLECTOR) && d.getString("status").equals("OPEN")
                            && d.getInt("totalCount") == 0);
            if (open) {
                return day;
            }
        }
        throw new IllegalStateException("no open day of the window left for " + COLLECTOR + "; reset the test database");
    }

    private static String resident() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(3650));
        String id = IdNumber.withCheckCharacter("500101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", random.nextInt(1000))).value();
        Http.Reply person = Http.as(COLLECTOR).post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"日结屏测试\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            return resident();
        }
        assertEquals(201, person.status(), person.body());
        return id;
    }

    private static Http.Reply pay(String id, String channel, LocalDate day) {
        return Http.as(COLLECTOR).post("/api/v1/payments", "{\"transactionId\":\"IT-DCS-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"" + channel
                + "\",\"paidAt\":\"" + day + "T10:00:00+08:00\"}");
    }
}
