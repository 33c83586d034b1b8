package cn.canbao.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The screens in a real browser (headless Chromium) against the real EAR: sign-in, the policy tables, a refused
 * policy upload naming its rows, the quote calculator, and a clerk kept out of the policy editor.
 */
@ExtendWith(ArquillianExtension.class)
class PolicyScreensIT {

    private static final String POLICY = "500101-2024";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aClerkSignsInAndSeesTheirVillage() {
        try (Browser browser = Browser.open("01-clerk")) {
            browser.go("/");
            browser.find("#j_username");
            browser.screenshot("1-login");
            browser.signIn("clerk");
            String region = browser.waitForText("#region", "白羊社区");
            assertTrue(region.contains("500101101001"), region);
            assertEquals("白羊社区", browser.driver.findElement(By.id("header:current-region")).getText());
            assertFalse(browser.pageText().contains("年度政策"), "a clerk's menu offers no policies");
            browser.screenshot("2-home");
        }
    }

    @Test
    void aClerkGetsForbiddenOnThePolicyEditor() {
        try (Browser browser = Browser.open("02-clerk-forbidden")) {
            browser.signIn("clerk");
            browser.go("/policy/edit.xhtml?id=" + POLICY);
            String text = browser.waitForText("#forbidden", "无权访问");
            assertTrue(text.contains("您的角色无权打开此页面"), text);
            assertTrue(browser.driver.findElements(By.id("editor:tabs:document")).isEmpty(), "no editor for a clerk");
            browser.screenshot("1-editor");
        }
        Http.Reply reply = Http.as("clerk").get("/policy/edit.xhtml?id=" + POLICY);
        assertEquals(403, reply.status());
        assertTrue(reply.body().contains("无权访问"), "the 403 page, not the container's");
        assertEquals(403, Http.as("clerk").get("/policy/quote.xhtml").status());
    }

    @Test
    void theDistrictAdminReadsAPolicyAsTables() {
        try (Browser browser = Browser.open("03-admin-policy")) {
            browser.signIn("district_admin");
            browser.driver.findElement(By.linkText("年度政策")).click();
            String list = browser.waitForText("#policies\\:table", POLICY);
            assertTrue(list.contains("500230-2024"), list);
            browser.screenshot("1-list");

            browser.go("/policy/view.xhtml?id=" + POLICY);
            browser.waitForText("#policy-name", "万州区");
            assertEquals("640.00", browser.find("[id$='fiscal-subsidy']").getText());
            assertEquals("2024-09-30", browser.find("[id$='final-cutoff']").getText());
            String tiers = browser.find("[id$='tiers']").getText();
            assertTrue(tiers.contains("一档") && tiers.contains("380.00") && tiers.contains("350.00"), tiers);
            String windows = browser.find("[id$='windows']").getText();
            assertTrue(windows.contains("集中征缴期") && windows.contains("等待期90天"), windows);
            String catalogue = browser.find("[id$='catalogue']").getText();
            assertTrue(catalogue.contains("民政城乡低保对象") && catalogue.contains("342.00 / 38.00")
                    && catalogue.contains("2023-09-01 ~ 2024-12-31") && catalogue.contains("区民政局"), catalogue);
            browser.screenshot("2-tables");

            browser.driver.findElement(By.id("header:lang-en")).click();
            browser.waitForText("body", "Tiers and standards");
            assertTrue(browser.find("[id$='windows']").getText().contains("90-day wait"));
            browser.screenshot("2-tables-english");
            browser.driver.findElement(By.id("header:lang-zh")).click();
            browser.waitForText("body", "缴费档次与标准");

            browser.go("/policy/view.xhtml?id=500230-2024");
            assertEquals("未规定", browser.find("[id$='fiscal-subsidy']").getText());
            browser.screenshot("3-fiscal-not-stated");

            browser.go("/policy/view.xhtml?id=500102-2023");
            String exemptions = browser.find("[id$='exemptions']").getText();
            assertTrue(exemptions.contains("LOW_INCOME_SECOND_HALF") && exemptions.contains("113"), exemptions);
            browser.screenshot("4-exemptions");
        }
    }

    @Test
    void aBrokenPolicyIsRefusedRowByRowAndNothingIsSaved() throws Exception {
        String before = Http.as("district_admin").get("/api/v1/policies/" + POLICY).body();
        JsonObject original = parse(before);
        // catalogue[1] is 104 孤儿: 300 + 0 no longer adds up to tier 1's 380
        JsonObject oneBrokenRow = (JsonObject) Json.createPointer("/catalogue/1/amounts/0/subsidy")
                .replace(original, Json.createValue(300));
        JsonObject twoBrokenRows = (JsonObject) Json.createPointer("/catalogue/0/amounts/1/personal")
                .replace(oneBrokenRow, Json.createValue(1));
        Path file = Files.createTempFile("broken-policy-", ".json");
        Files.writeString(file, oneBrokenRow.toString(), StandardCharsets.UTF_8);

        try (Browser browser = Browser.open("04-admin-upload")) {
            browser.signIn("district_admin");
            browser.go("/policy/edit.xhtml?id=" + POLICY);
            jsonTab(browser);
            browser.screenshot("1-editor");

            browser.driver.findElement(By.cssSelector("input[type=file]")).sendKeys(file.toString());
            String problems = browser.waitForText("#editor\\:problems", "catalogue[1] code 104 tier 1");
            assertTrue(problems.contains("AMOUNTS_SUM_TO_STANDARD"), problems);
            assertTrue(browser.pageText().contains("未保存"), "says nothing was saved");
            assertFalse(browser.pageText().contains("Exception"), "no raw exception text");
            browser.screenshot("2-upload-refused");

            jsonTab(browser);
            browser.script("document.getElementById('editor:tabs:document').value = arguments[0];", twoBrokenRows.toString());
            browser.driver.findElement(By.id("editor:tabs:save")).click();
            browser.wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#editor\\:problems"),
                    "catalogue[0] code 101 tier 2"));
            problems = browser.find("#editor\\:problems").getText();
            assertTrue(problems.contains("catalogue[1] code 104 tier 1"), problems);
            browser.screenshot("3-paste-refused");
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(before, Http.as("district_admin").get("/api/v1/policies/" + POLICY).body(), "nothing saved");
    }

    @Test
    void theQuoteCalculatorShowsFiguresAndRefusals() {
        try (Browser browser = Browser.open("05-admin-quote")) {
            browser.signIn("district_admin");
            browser.go("/policy/quote.xhtml?id=" + POLICY);
            browser.find("#quote\\:calculate");
            // the business date of the demo (2023-11-20) is the default payment date; tier 1 is preselected
            assertEquals("2023-11-20", browser.driver.findElement(By.id("quote:payment-date_input")).getAttribute("value"));
            browser.driver.findElement(By.cssSelector("#quote\\:identities .ui-selectcheckboxmenu-trigger")).click();
            browser.find("#quote\\:identities_panel li[data-item-value='101'] .ui-chkbox-box").click();
            browser.find("#quote\\:identities_panel .ui-selectcheckboxmenu-close").click();
            browser.screenshot("1-form");
            browser.driver.findElement(By.id("quote:calculate")).click();

            String personal = browser.waitForText("[id$='personal']", "38.00");
            assertTrue(personal.contains("元"), personal);
            assertEquals("380.00", browser.find("[id$='standard']").getText());
            assertEquals("342.00", browser.find("[id$='subsidy']").getText());
            assertEquals("2024-01-01 ~ 2024-12-31", browser.find("[id$='benefit']").getText());
            assertTrue(browser.find("[id$='subsidy-code']").getText().contains("101"));
            assertFalse(browser.find("#explanation").getText().isBlank(), "the rules behind the figures");
            browser.screenshot("2-quote");

            // after the final cutoff (2024-09-30) no window takes payment
            browser.script("document.getElementById('quote:payment-date_input').value = '2024-10-15';");
            browser.driver.findElement(By.id("quote:calculate")).click();
            String refusal = browser.waitForText("#refusal-text", "（");
            assertFalse(refusal.contains("Exception"), refusal);
            assertTrue(browser.driver.findElements(By.cssSelector("[id$='personal']")).isEmpty(), "no figures for a refusal");
            browser.screenshot("3-refused");
        }
    }

    /**
     * With an ID number the calculator quotes like {@code POST /policies/{id}/quotes} with {@code idNumber}: the
     * subsidy identity on record counts (101 → 38.00 instead of 380.00) without choosing it on the form; an unknown
     * or invalid number is refused with a message.
     */
    @Test
    void theQuoteCalculatorUsesTheIdentityOnRecordOfAnIdNumber() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        java.time.LocalDate birth = java.time.LocalDate.of(1950, 1, 1).plusDays(random.nextInt(3650));
        String id = cn.canbao.platform.entity.IdNumber.withCheckCharacter("500101"
                + birth.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000))).value();
        Http.Reply person = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"试算测试\",\"householdRegionCode\":\"500101101001\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, person.status(), person.body());
        Http.Reply identity = Http.as("department").post("/api/v1/persons/" + id + "/identities",
                "{\"code\":\"101\",\"certifyingDepartment\":\"万州区民政局\",\"validFrom\":\"2023-09-01\",\"validTo\":\"2024-12-31\",\"evidence\":\"低保证\"}");
        assertEquals(201, identity.status(), identity.body());
        String unknown;
        do {
            unknown = cn.canbao.platform.entity.IdNumber.withCheckCharacter("500101" + java.time.LocalDate.of(1930, 1, 1)
                    .plusDays(random.nextInt(3650)).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", random.nextInt(1000))).value();
        } while (Http.as("district_admin").get("/api/v1/persons/" + unknown).status() != 404);

        try (Browser browser = Browser.open("06-admin-quote-id")) {
            browser.signIn("district_admin");
            browser.go("/policy/quote.xhtml?id=" + POLICY);
            browser.find("#quote\\:id-number").sendKeys(id);
            browser.driver.findElement(By.id("quote:calculate")).click();
            String personal = browser.waitForText("[id$='personal']", "38.00");
            assertTrue(personal.contains("元"), personal);
            assertEquals("342.00", browser.find("[id$='subsidy']").getText());
            assertTrue(browser.find("[id$='subsidy-code']").getText().contains("101"));
            String onRecord = browser.find("#quote\\:on-record").getText();
            assertTrue(onRecord.contains("试算测试") && onRecord.contains(birth.toString()), onRecord);
            browser.screenshot("1-by-id-number");

            // the same form without the ID number: no identity, the full 380.00
            browser.find("#quote\\:id-number").clear();
            browser.driver.findElement(By.id("quote:calculate")).click();
            browser.waitForText("[id$='personal']", "380.00");
            assertTrue(browser.driver.findElements(By.cssSelector("#quote\\:on-record")).isEmpty());

            // a wrong check character, then a valid number nobody is registered under
            browser.find("#quote\\:id-number").sendKeys(id.substring(0, 17) + (id.charAt(17) == '1' ? "2" : "1"));
            browser.driver.findElement(By.id("quote:calculate")).click();
            String invalid = browser.waitForText("#refusal-text", "INVALID_ID_NUMBER");
            assertTrue(browser.driver.findElements(By.cssSelector("[id$='personal']")).isEmpty(), "no figures: " + invalid);
            browser.screenshot("2-invalid-id-number");
            browser.find("#quote\\:id-number").clear();
            browser.driver.findElement(By.id("quote:id-number")).sendKeys(unknown);
            browser.driver.findElement(By.id("quote:calculate")).click();
            String refusal = browser.waitForText("#refusal-text", "PERSON_UNKNOWN");
            assertTrue(refusal.contains("没有登记该身份证号码"), refusal);
            browser.screenshot("3-unknown-id-number");
        }
    }

    /**
     * "A new year in minutes" on the screens (issue 14 item 5): the view page lists the lint's warnings and the saved
     * versions with who saved them (a person's name, not a user name), compares two versions, drafts next year into the
     * editor, which saves it and names its version, and compares it with the year before, aligned. Policies 511903-2042
     * and 511903-2043 are this test's alone.
     */
    @Test
    void anAdministratorCopiesAPolicyToNextYearAndComparesVersionsAndYears() {
        String admin = "ey_admin";
        Http.Reply drafted = Http.as(admin).get("/api/v1/policies/511903-2024/next-year-draft?year=2042");
        assertEquals(200, drafted.status(), drafted.body());
        assertTrue(Http.as(admin).put("/api/v1/policies/511903-2042", drafted.body()).status() < 300);
        String withFiscal = Json.createObjectBuilder(parse(drafted.body())).add("fiscalSubsidy", 700).build().toString();
        assertEquals(200, Http.as(admin).put("/api/v1/policies/511903-2042?note=IT", withFiscal).status());

        try (Browser browser = Browser.open("07-admin-new-year")) {
            browser.signIn(admin);
            browser.go("/policy/view.xhtml?id=511903-2042");
            browser.waitForText("#lint-none", "未发现");
            String versions = browser.find("[id$='versions:table']").getText();
            assertFalse(versions.contains(admin), "a person's name, not the user name: " + versions);
            browser.screenshot("1-versions");
            browser.driver.findElement(By.id("versions:compare")).click();
            String changes = browser.waitForText("[id$='changes']", "700.00");
            assertTrue(changes.contains("人均财政补助") && changes.contains("基本信息"), changes);
            assertEquals(List.of(), ScreenWalkIT.findings("/policy/view.xhtml", browser.pageText()));
            browser.screenshot("2-versions-compared");

            browser.driver.findElement(By.id("next-year")).click();
            String document = browser.waitForText("body", "511903-2043");
            jsonTab(browser);
            assertTrue(browser.find("#editor\\:tabs\\:document").getAttribute("value").contains("\"511903-2043\""), document);
            browser.screenshot("3-drafted");
            browser.driver.findElement(By.id("editor:tabs:save")).click();
            String saved = browser.waitForText("#editor\\:page-messages", "第");
            assertTrue(saved.contains("511903-2043"), saved);
            browser.screenshot("4-saved");

            browser.go("/policy/view.xhtml?id=511903-2043");
            browser.find("#other\\:compare-other");
            browser.driver.findElement(By.id("other:compare-other")).click();
            String aligned = browser.waitForText("#comparison-title", "511903-2042");
            assertTrue(aligned.contains("对齐"), aligned);
            String rows = browser.find("[id$='changes']").getText();
            assertTrue(rows.contains("说明与报送") && rows.contains("新增"), "aligned, only the draft's note: " + rows);
            assertFalse(rows.contains("缴费期"), rows);
            assertEquals(List.of(), ScreenWalkIT.findings("/policy/view.xhtml", browser.pageText()));
            browser.screenshot("5-years-compared");
        }
    }

    /** The editor opens on its form (decision 51): the JSON text is the second tab. */
    static void jsonTab(Browser browser) {
        browser.find("#editor\\:tabs");
        browser.driver.findElement(By.xpath("//*[@id='editor:tabs']//li[contains(., 'JSON')]")).click();
        browser.find("#editor\\:tabs\\:document");
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            JsonStructure read = reader.read();
            return (JsonObject) read;
        }
    }
}
