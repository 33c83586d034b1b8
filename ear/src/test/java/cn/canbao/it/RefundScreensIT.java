package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refunds in a real browser: a clerk requests one from the person's page for a resident paid before cover starts (a
 * second request is refused with its message), the district bureau approves it in its review queue, tax executes
 * it and the person's enrollment shows refunded; a request outside the rules cannot be approved without an override
 * reason (the refusal in the reviewer's language, nothing changed); ticked requests approved in one step; other roles
 * get the 403 page. Every queue shows the refund's amount and original receipt.
 */
@ExtendWith(ArquillianExtension.class)
class RefundScreensIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101001";
    private static final Pattern REFUND_NO = Pattern.compile("#(\\d+)");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aClerkRequestsTheDistrictApprovesTaxExecutesAndTheEnrollmentIsRefunded() {
        String id = paidResident();
        String name = nameOf(id);
        long refundId;
        try (Browser browser = Browser.open("30-refund")) {
            browser.signIn("clerk");
            openPersonPage(browser, id, name);
            assertTrue(browser.find("#resident\\:enrollments").getText().contains("已缴费"));
            browser.find("a[id$=':refund']").click();

            browser.waitForText("#refund\\:name", name);
            assertEquals(POLICY, browser.driver.findElement(By.id("refund:policy_input")).getAttribute("value"));
            browser.find("#refund\\:note").sendKeys("死亡证明 ZM-" + id.substring(14));
            browser.screenshot("1-request-form");
            browser.driver.findElement(By.id("refund:submit")).click();
            browser.find("#refund\\:confirm-yes").click();
            String done = browser.waitForText("#refund\\:messages", "已提交退费申请");
            assertTrue(done.contains("符合规定"), done);
            refundId = refundNumber(done);
            String mine = browser.waitForText("#refund\\:refunds", "待审核");
            assertTrue(mine.contains(String.valueOf(refundId)) && mine.contains("380.00"), "the amount beside the request: " + mine);
            browser.screenshot("2-requested");

            // the same request again: refused with the boundary's message, no second refund
            browser.driver.findElement(By.id("refund:submit")).click();
            browser.find("#refund\\:confirm-yes").click();
            String refused = browser.waitForText("#refund\\:messages", "REFUND_PENDING");
            assertTrue(refused.contains("已有待处理的退费申请"), refused);
            assertEquals(1, browser.driver.findElements(By.cssSelector("#refund\\:refunds_data > tr")).size());
            browser.screenshot("3-second-request-refused");
        }
        assertEquals("REQUESTED", status(refundId));

        try (Browser browser = Browser.open("31-refund-review")) {
            browser.signIn("district_admin");
            browser.driver.findElement(By.linkText("退费审核")).click();
            WebElement row = queueRow(browser, refundId);
            String line = row.getText();
            assertTrue(line.contains(id.substring(0, 4) + "**********" + id.substring(14)), line);
            assertFalse(line.contains(id), "no full ID number in the queue");
            // the money is a visible column, and the reason column has room to be read (it once rendered 0 px wide)
            WebElement amount = row.findElement(By.cssSelector("[id$=':amount']"));
            assertEquals("380.00", amount.getText());
            assertTrue(amount.isDisplayed() && amount.getRect().getWidth() > 20, "amount shown: " + amount.getRect());
            WebElement reason = row.findElements(By.tagName("td")).stream().filter(td -> td.getText().contains("死亡证明"))
                    .findFirst().orElseThrow();
            assertTrue(reason.getRect().getWidth() >= 120, "reason column width " + reason.getRect().getWidth());
            browser.screenshot("1-queue");
            row.findElement(By.cssSelector("button[id$=':review']")).click();
            browser.waitForText("#queue\\:review-id", String.valueOf(refundId));
            assertTrue(browser.find("#queue\\:review-amount").getText().startsWith("380.00"), "the reviewer sees the amount");
            browser.find("#queue\\:review-note").sendKeys("核实死亡证明");
            browser.screenshot("2-dialog");
            browser.driver.findElement(By.id("queue:approve")).click();
            browser.waitForText("#queue\\:messages", "已批准退费 #" + refundId);
            assertTrue(browser.driver.findElements(By.xpath(rowXpath(refundId))).isEmpty(), "gone from the review queue");
            browser.screenshot("3-approved");
        }
        assertEquals("APPROVED", status(refundId));

        try (Browser browser = Browser.open("32-refund-execution")) {
            browser.signIn("tax");
            browser.driver.findElement(By.linkText("退费执行")).click();
            WebElement row = queueRow(browser, refundId);
            assertTrue(row.getText().contains("核实死亡证明") && row.getText().contains("380.00"), row.getText());
            row.findElement(By.cssSelector("button[id$=':execute']")).click();
            browser.find("#queue\\:confirm-yes").click();
            browser.waitForText("#queue\\:messages", "已执行退费 #" + refundId);
            browser.screenshot("1-executed");

            browser.go("/refund/history.xhtml?id=" + refundId);
            assertEquals("已执行", browser.waitForText("#history\\:status", "已执行"));
            assertTrue(browser.find("#history\\:amount").getText().startsWith("380.00"), browser.find("#history\\:amount").getText());
            assertFalse(browser.find("#history\\:receipt").getText().isBlank(), "the original receipt");
            String steps = browser.find("#history\\:steps").getText();
            assertTrue(steps.contains("申请") && steps.contains("批准") && steps.contains("执行"), steps);
            assertTrue(steps.contains("白羊社区经办员 张敏") && steps.contains("万州区医疗保障局 陈刚") && steps.contains("万州区税务局 赵丽"),
                    "who, by name: " + steps);
            browser.screenshot("2-history");
        }
        assertEquals("EXECUTED", status(refundId));

        try (Browser browser = Browser.open("33-refund-ended")) {
            browser.signIn("clerk");
            openPersonPage(browser, id, name);
            String enrollments = browser.waitForText("#resident\\:enrollments", "已退费");
            assertFalse(enrollments.contains("已缴费"), enrollments);
            assertTrue(browser.driver.findElements(By.cssSelector("a[id$=':refund']")).isEmpty(), "nothing left to refund");
            browser.screenshot("1-person-refunded");
        }
        assertEquals("REFUNDED", Http.as("clerk").get("/api/v1/persons/" + id).json().getJsonArray("enrollments")
                .getJsonObject(0).getString("status"));
    }

    @Test
    void theReviewerApprovesTickedRequestsInOneStep() {
        long[] ids = new long[2];
        for (int i = 0; i < ids.length; i++) {
            Http.Reply requested = Http.as("clerk").post("/api/v1/refunds",
                    "{\"idNumber\":\"" + paidResident() + "\",\"policyId\":\"" + POLICY + "\",\"reason\":\"DEATH\",\"note\":\"死亡证明\"}");
            assertEquals(201, requested.status(), requested.body());
            ids[i] = requested.json().getJsonNumber("refundId").longValue();
        }
        try (Browser browser = Browser.open("35-refund-batch")) {
            browser.signIn("district_admin");
            browser.go("/refund/review.xhtml");
            for (long id : ids) {
                queueRow(browser, id).findElement(By.cssSelector("input[id$=':choose']")).click();
            }
            browser.find("#queue\\:batch-note").sendKeys("批量核实死亡证明");
            browser.driver.findElement(By.id("queue:approve-chosen")).click();
            browser.find("#queue\\:confirm-yes").click();
            String done = browser.waitForText("#queue\\:messages", "已批准 2");
            assertTrue(done.contains("#" + ids[0]) && done.contains("#" + ids[1]), done);
            for (long id : ids) {
                assertTrue(browser.driver.findElements(By.xpath(rowXpath(id))).isEmpty(), "gone from the review queue");
            }
            browser.screenshot("1-batch-approved");
        }
        for (long id : ids) {
            assertEquals("APPROVED", status(id));
        }
    }

    @Test
    void approvingARequestOutsideTheRulesWithoutAnOverrideReasonIsRefusedInTheReviewersLanguage() {
        String id = paidResident();
        Http.Reply requested = Http.as("clerk").post("/api/v1/refunds",
                "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"reason\":\"OTHER\",\"note\":\"本人要求\"}");
        assertEquals(201, requested.status(), requested.body());
        long refundId = requested.json().getJsonNumber("refundId").longValue();

        try (Browser browser = Browser.open("34-refund-override")) {
            browser.signIn("district_admin");
            browser.driver.findElement(By.id("header:lang-en")).click();
            browser.find("#header\\:current-user");
            browser.go("/refund/review.xhtml");
            WebElement row = queueRow(browser, refundId);
            assertTrue(row.getText().contains("needs an override"), row.getText());
            row.findElement(By.cssSelector("button[id$=':review']")).click();
            browser.waitForText("#queue\\:review-id", String.valueOf(refundId));
            browser.driver.findElement(By.id("queue:approve")).click();
            String refused = browser.waitForText("#queue\\:dialog-messages", "OVERRIDE_REASON_REQUIRED");
            assertTrue(refused.contains("approving needs an override reason"), refused);
            assertFalse(refused.contains("特批"), "in English: " + refused);
            browser.screenshot("1-refused-without-override");
            assertEquals("REQUESTED", status(refundId), "nothing changed");

            browser.find("#queue\\:override").sendKeys("区医保局集体研究同意");
            browser.driver.findElement(By.id("queue:approve")).click();
            browser.waitForText("#queue\\:messages", "Refund approved #" + refundId);
            browser.screenshot("2-approved-with-override");
        }
        Http.Reply refund = Http.as("district_admin").get("/api/v1/refunds/" + refundId);
        assertEquals("APPROVED", refund.json().getString("status"));
        assertEquals("区医保局集体研究同意", refund.json().getString("overrideReason"));
    }

    /** The payee (an heir here) travels with the request: the reviewer and the tax bureau see whom to pay, the account masked. */
    @Test
    void thePayeeOfARefundIsShownWhereTheMoneyIsDecided() {
        String id = paidResident();
        Http.Reply wrong = Http.as("clerk").post("/api/v1/refunds", "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY
                + "\",\"reason\":\"DEATH\",\"payeeName\":\"继承人 王五\",\"payeeAccount\":\"6222-0210\"}");
        assertEquals(400, wrong.status(), wrong.body());
        assertTrue(wrong.body().contains("payeeAccount") && wrong.body().contains("收款账号"), wrong.body());
        Http.Reply requested = Http.as("clerk").post("/api/v1/refunds", "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY
                + "\",\"reason\":\"DEATH\",\"note\":\"死亡证明\",\"payeeName\":\"继承人 王五\",\"payeeAccount\":\"6222 0210 0112 3456 789\"}");
        assertEquals(201, requested.status(), requested.body());
        assertEquals("继承人 王五", requested.json().getString("payeeName"));
        assertEquals("****6789", requested.json().getString("payeeAccount"), "the account masked in answers");
        long refundId = requested.json().getJsonNumber("refundId").longValue();
        try (Browser browser = Browser.open("36-refund-payee")) {
            browser.signIn("district_admin");
            browser.go("/refund/review.xhtml");
            String row = queueRow(browser, refundId).getText();
            assertTrue(row.contains("继承人 王五") && row.contains("****6789") && !row.contains("0112"), row);
            browser.screenshot("1-review-payee");
            browser.go("/refund/history.xhtml?id=" + refundId);
            assertTrue(browser.waitForText("#history\\:payee", "继承人 王五").contains("****6789"));
        }
    }

    @Test
    void otherRolesAreKeptOutOfTheQueues() {
        assertEquals(403, Http.as("tax").get("/refund/review.xhtml").status());
        assertEquals(403, Http.as("clerk").get("/refund/review.xhtml").status());
        assertEquals(403, Http.as("district_admin").get("/refund/execution.xhtml").status());
        assertEquals(403, Http.as("tax").get("/refund/request.xhtml").status());
        assertEquals(403, Http.as("supervisor").get("/refund/history.xhtml").status());
        assertEquals(200, Http.as("district_admin").get("/refund/review.xhtml").status());
        assertEquals(200, Http.as("tax").get("/refund/execution.xhtml").status());
    }

    // --- helpers

    /** A new resident of the clerk's village, paid online on 2023-11-01 for 2024 (cover starts 2024-01-01). */
    private static String paidResident() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1970, 1, 1).plusDays(random.nextInt(3650));
        String id = IdNumber.withCheckCharacter("500101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", random.nextInt(1000))).value();
        Http.Reply person = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + nameOf(id)
                + "\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            return paidResident();
        }
        assertEquals(201, person.status(), person.body());
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-RFS-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-01T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        return id;
    }

    private static String nameOf(String id) {
        return "退费屏" + id.substring(12, 17);
    }

    private static void openPersonPage(Browser browser, String id, String name) {
        browser.go("/counter/find.xhtml");
        browser.find("#find\\:query").sendKeys(id);
        browser.driver.findElement(By.id("find:search")).click();
        browser.wait(d -> d.getCurrentUrl().contains("/counter/person.xhtml")); // a whole ID number opens the resident
        browser.waitForText("#resident\\:name", name);
    }

    private static String rowXpath(long refundId) {
        return "//tbody[@id='queue:table_data']/tr[td/a[normalize-space(text())='" + refundId + "']]";
    }

    private static WebElement queueRow(Browser browser, long refundId) {
        browser.find("#queue\\:table");
        return browser.wait(d -> d.findElements(By.xpath(rowXpath(refundId))).stream().findFirst().orElse(null));
    }

    private static long refundNumber(String message) {
        Matcher m = REFUND_NO.matcher(message);
        assertTrue(m.find(), message);
        return Long.parseLong(m.group(1));
    }

    private static String status(long refundId) {
        Http.Reply reply = Http.as("district_admin").get("/api/v1/refunds/" + refundId);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getString("status");
    }
}
