package cn.canbao.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The account screens in a real browser: a district administrator creates a clerk (a weak password is refused with a
 * message and creates nothing), the clerk signs in, is sent to the password page first, chooses a password and works.
 */
@ExtendWith(ArquillianExtension.class)
class AccountScreensIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void anAdministratorCreatesAClerkWhoChoosesAPasswordAtTheFirstSignIn() {
        String name = "scr" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Browser admin = Browser.open("20-accounts")) {
            admin.signIn("district_admin");
            admin.go("/account/accounts.xhtml");
            admin.waitForText("#accounts", "区医保局管理员");
            admin.screenshot("1-list");
            admin.find("#accounts\\:new").click();
            admin.find("#edit\\:username").sendKeys(name);
            admin.find("#edit\\:displayName").sendKeys("白羊社区经办员 测试");
            admin.script("PF('roleMenu').selectValue('clerk'); PF('regionMenu').selectValue('500101101002');");
            admin.find("#edit\\:password_input, #edit\\:password").sendKeys("weak");
            admin.find("#edit\\:save").click();
            String refused = admin.waitForText("#edit\\:dialog-messages", "至少 8 个字符");
            assertTrue(refused.contains("密码"), refused);
            admin.screenshot("2-refused");
            assertFalse(admin.find("#accounts\\:table").getText().contains(name), "nothing created");

            admin.find("#edit\\:password_input, #edit\\:password").clear();
            admin.find("#edit\\:password_input, #edit\\:password").sendKeys("Yuquan2026ab");
            admin.find("#edit\\:save").click();
            admin.waitForText("#accounts\\:table", name);
            String row = admin.waitForText("#accounts\\:table", "鱼泉社区");
            assertTrue(row.contains("待改密码"), row);
            admin.screenshot("3-created");
        }
        try (Browser clerk = Browser.open("21-first-sign-in")) {
            clerk.signIn(name, "Yuquan2026ab");
            clerk.waitForText("#password\\:forced", "请先设置新密码");
            assertTrue(clerk.driver.getCurrentUrl().endsWith("/account/password.xhtml"), clerk.driver.getCurrentUrl());
            clerk.go("/counter/find.xhtml");
            clerk.waitForText("#password\\:forced", "请先设置新密码");
            clerk.screenshot("1-forced");
            clerk.find("#password\\:current").sendKeys("Yuquan2026ab");
            clerk.find("#password\\:new").sendKeys("Mine2026abcd");
            clerk.find("#password\\:repeat").sendKeys("Mine2026abcd");
            clerk.find("#password\\:save").click();
            clerk.wait(d -> d.findElements(By.id("password:forced")).isEmpty() && !d.getCurrentUrl().contains("password.xhtml"));
            clerk.go("/counter/find.xhtml");
            assertEquals("鱼泉社区", clerk.waitForText("#header\\:current-region", "鱼泉社区"));
            clerk.screenshot("2-working");
        }
    }

    @Test
    void theAuditTrailShowsWhoChangedWhatAndIsClosedToClerks() {
        String name = "aud" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Http admin = Http.as("district_admin");
        assertEquals(201, admin.post("/api/v1/accounts", "{\"username\":\"" + name + "\",\"displayName\":\"审计 " + name
                + "\",\"role\":\"clerk\",\"regionCode\":\"500101101003\",\"password\":\"Audit2026abcd\"}").status());
        assertEquals(204, admin.put("/api/v1/accounts/" + name + "/password", "{\"password\":\"Reset2026abcd\"}").status());
        try (Browser browser = Browser.open("22-audit")) {
            browser.signIn("district_admin");
            browser.go("/account/audit.xhtml");
            browser.script("PF('auditEntity').selectValue('account');");
            browser.find("#audit\\:entity-id").sendKeys(name);
            browser.find("#audit\\:search").click();
            String table = browser.waitForText("#audit\\:table", "重置密码");
            assertTrue(table.contains("新建账户"), table);
            assertTrue(table.contains(name), table);
            assertTrue(table.contains("万州区医疗保障局 陈刚") && !table.contains("district_admin"), "who, by name: " + table);
            assertFalse(table.contains("Audit2026abcd") || table.contains("Reset2026abcd"), "no password in the trail");
            browser.screenshot("1-account-trail");
        }
        try (Browser clerk = Browser.open("23-audit-refused")) {
            clerk.signIn("clerk");
            clerk.go("/account/audit.xhtml");
            assertFalse(clerk.driver.getPageSource().contains("重置密码"), "a clerk does not read the audit trail");
        }
    }
}
