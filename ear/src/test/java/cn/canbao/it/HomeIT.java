package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The home page per role, in a real browser (issue 17, item 5): the clerk's village today — a payment made now
 * moves today's count and amount by exactly one and its amount, the rate and the rank among the town's villages, the
 * unpaid with a link to the list; the district bureau's refunds to review and the tax bureau's refunds to execute
 * move with a request and its approval, each linking to its queue; the operator's job to-dos.
 */
@ExtendWith(ArquillianExtension.class)
class HomeIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101001";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    private static String paidResident() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1970, 1, 1).plusDays(random.nextInt(7000));
        String id = IdNumber.withCheckCharacter("500101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", random.nextInt(1000))).value();
        Http.Reply person = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"首页测试\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            return paidResident();
        }
        assertEquals(201, person.status(), person.body());
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-HOME-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-20T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        return id;
    }

    private static long number(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        assertTrue(m.find(), pattern + " in " + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static BigDecimal amount(Browser browser) {
        return new BigDecimal(browser.find("#today-amount").getText().replace(",", ""));
    }

    private static long todo(Browser browser, String label) {
        String todos = browser.waitForText("#todos", "待办事项");
        return number(todos, Pattern.quote(label) + "\\s*(\\d+)");
    }

    @Test
    void theClerkSeesTheVillagesDayAndAPaymentMovesItByExactlyOne() {
        try (Browser browser = Browser.open("40-home-clerk")) {
            browser.signIn("clerk");
            String before = browser.waitForText("#today", "今日收缴");
            long count = number(before, "共 (\\d+) 笔");
            BigDecimal amount = amount(browser);
            String standing = browser.find("#standing").getText();
            long enrolled = number(standing, "已参保 ([\\d,]+) 人");
            assertTrue(standing.contains("任务 3,025 人"), standing);
            String rank = browser.find("#rank").getText();
            assertTrue(rank.contains("在白羊镇的排名") && rank.contains("共 17 个"), rank);
            String unpaid = browser.find("#unpaid").getText();
            assertTrue(unpaid.contains("尚未缴费") && unpaid.contains("打开未缴费名单"), unpaid);

            paidResident();
            browser.go("/");
            String after = browser.waitForText("#today", "今日收缴");
            assertEquals(count + 1, number(after, "共 (\\d+) 笔"), after);
            assertEquals(amount.add(new BigDecimal("380.00")), amount(browser));
            assertEquals(enrolled + 1, number(browser.find("#standing").getText(), "已参保 ([\\d,]+) 人"));
            browser.screenshot("1-clerk");

            browser.driver.findElement(By.linkText("打开未缴费名单")).click();
            browser.waitForText("#unpaid", "未缴费名单");
            assertTrue(browser.driver.getCurrentUrl().contains("/counter/unpaid.xhtml"), browser.driver.getCurrentUrl());
        }
    }

    @Test
    void refundsToReviewAndToExecuteAreTheBureausToDos() {
        long reviewBefore;
        try (Browser browser = Browser.open("41-home-district")) {
            browser.signIn("district_admin");
            reviewBefore = todo(browser, "待审核的退费申请");
            String town = browser.find("#ranking").getText();
            assertTrue(town.contains("白羊镇"), town);
        }
        Http.Reply requested = Http.as("clerk").post("/api/v1/refunds",
                "{\"idNumber\":\"" + paidResident() + "\",\"policyId\":\"" + POLICY + "\",\"reason\":\"DEATH\",\"note\":\"死亡证明\"}");
        assertEquals(201, requested.status(), requested.body());
        long refundId = requested.json().getJsonNumber("refundId").longValue();
        long executeBefore;
        try (Browser browser = Browser.open("42-home-tax")) {
            browser.signIn("tax");
            executeBefore = todo(browser, "已批准待执行的退费");
        }
        try (Browser browser = Browser.open("41-home-district")) {
            browser.signIn("district_admin");
            assertEquals(reviewBefore + 1, todo(browser, "待审核的退费申请"));
            browser.screenshot("1-district");
            browser.driver.findElement(By.linkText("待审核的退费申请")).click();
            browser.waitForText("#queue", "退费");
            assertTrue(browser.driver.getCurrentUrl().contains("/refund/review.xhtml"), browser.driver.getCurrentUrl());
        }
        Http.Reply approved = Http.as("district_admin").post("/api/v1/refunds/" + refundId + "/review",
                "{\"approve\":true,\"note\":\"核实\"}");
        assertEquals(200, approved.status(), approved.body());
        try (Browser browser = Browser.open("42-home-tax")) {
            browser.signIn("tax");
            assertEquals(executeBefore + 1, todo(browser, "已批准待执行的退费"));
            browser.screenshot("1-tax");
        }
        try (Browser browser = Browser.open("43-home-operator")) {
            browser.signIn("operator");
            String todos = browser.waitForText("#todos", "批处理作业失败");
            assertTrue(todos.contains("导入失败") && todos.contains("到期或错过的计划作业"), todos);
            browser.screenshot("1-operator");
        }
    }
}
