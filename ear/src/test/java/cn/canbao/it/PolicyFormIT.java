package cn.canbao.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 item 6: the district administrator edits a policy as a form (tab 表单 of policy/edit.xhtml, decision 51).
 * A save goes through Policies.put like the JSON; a refused one shows its problem on the row and saves nothing.
 * Policy 511903-2044 is this test's alone: each test first puts it back to next year's draft of 511903-2024 moved to 2044.
 */
@ExtendWith(ArquillianExtension.class)
class PolicyFormIT {

    private static final String ADMIN = "ey_admin";
    private static final String POLICY = "511903-2044";
    private static final BigDecimal STANDARD = new BigDecimal("400.00");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void theFormSavesAStandardItsCatalogueAmountsAndANewWindow() {
        JsonObject fresh = freshPolicy();
        JsonArray catalogue = fresh.getJsonArray("catalogue");
        try (Browser browser = Browser.open("policy-form-01-save")) {
            browser.signIn(ADMIN);
            browser.go("/policy/edit.xhtml?id=" + POLICY);
            browser.find("#editor\\:tabs\\:tiers");
            browser.screenshot("1-form");

            type(browser, "editor:tabs:tiers:0:resident", "400");
            for (int i = 0; i < catalogue.size(); i++) {
                BigDecimal subsidy = catalogue.getJsonObject(i).getJsonArray("amounts").getJsonObject(0).getJsonNumber("subsidy").bigDecimalValue();
                type(browser, "editor:tabs:catalogue:" + i + ":amounts:0:personal", STANDARD.subtract(subsidy).toPlainString());
            }
            browser.screenshot("2-typed");
            save(browser);
            browser.screenshot("3-saved");

            JsonObject saved = stored();
            assertEquals(0, STANDARD.compareTo(saved.getJsonArray("tiers").getJsonObject(0).getJsonNumber("residentStandard").bigDecimalValue()));
            for (int i = 0; i < catalogue.size(); i++) {
                JsonObject amount = saved.getJsonArray("catalogue").getJsonObject(i).getJsonArray("amounts").getJsonObject(0);
                assertEquals(0, STANDARD.compareTo(amount.getJsonNumber("subsidy").bigDecimalValue()
                        .add(amount.getJsonNumber("personal").bigDecimalValue())), amount.toString());
            }
            assertEquals(fresh.getJsonArray("exemptions"), saved.getJsonArray("exemptions"), "rules the form only carries");
            assertEquals(fresh.get("targetCounting"), saved.get("targetCounting"));

            // the full-cost window now ends on 30 Sep; a new window takes October to December
            int windows = fresh.getJsonArray("windows").size();
            type(browser, "editor:tabs:windows:" + (windows - 1) + ":to_input", "2044-09-30");
            browser.driver.findElement(By.id("editor:tabs:add-window")).click();
            browser.find("[id='editor:tabs:windows:" + windows + ":name']").sendKeys("LATE");
            type(browser, "editor:tabs:windows:" + windows + ":from_input", "2044-10-01");
            type(browser, "editor:tabs:windows:" + windows + ":to_input", "2044-12-31");
            browser.screenshot("4-window-added");
            save(browser);
            browser.screenshot("5-window-saved");

            JsonArray savedWindows = stored().getJsonArray("windows");
            assertEquals(windows + 1, savedWindows.size(), savedWindows.toString());
            JsonObject late = savedWindows.getJsonObject(windows);
            assertEquals("LATE", late.getString("name"));
            assertEquals("2044-10-01", late.getString("from"));
            assertEquals("2044-12-31", late.getString("coverEnd"));
            assertEquals("STANDARD", late.getString("priceMode"));
            assertEquals("2044-09-30", savedWindows.getJsonObject(windows - 1).getString("to"));
            // names, not codes: price modes and cover rules by label (the rules' JSON fragments are data, left out)
            String shown = (String) browser.script("const areas = [...document.querySelectorAll('textarea')];"
                    + "areas.forEach(a => a.style.display = 'none'); const text = document.body.innerText;"
                    + "areas.forEach(a => a.style.display = ''); return text;");
            assertTrue(shown.contains("个人缴费标准") && shown.contains("参保年度1月1日起"), shown);
            assertEquals(List.of(), ScreenWalkIT.findings("/policy/edit.xhtml", shown));
        }
    }

    @Test
    void aCatalogueRowThatDoesNotAddUpIsRefusedOnThatRow() {
        freshPolicy();
        String before = Http.as(ADMIN).get("/api/v1/policies/" + POLICY).body();
        try (Browser browser = Browser.open("policy-form-02-refused")) {
            browser.signIn(ADMIN);
            browser.go("/policy/edit.xhtml?id=" + POLICY);
            // catalogue[1] is 101 低保对象: 285 + 90 is not tier 1's 380
            type(browser, "editor:tabs:catalogue:1:amounts:0:personal", "90");
            browser.driver.findElement(By.id("editor:tabs:save-form")).click();
            String row = browser.waitForText("[id='editor:tabs:catalogue:1:problem']", "不等于");
            assertTrue(row.contains("380"), row);
            WebElement tr = browser.find("[id='editor:tabs:catalogue_data'] tr[data-ri='1']");
            assertTrue(tr.getAttribute("class").contains("cb-row-refused"), tr.getAttribute("class"));
            assertEquals("", browser.driver.findElement(By.id("editor:tabs:catalogue:0:problem")).getText(), "only the row at fault");
            assertTrue(browser.find("#editor\\:problems").getText().contains("catalogue[1] code 101 tier 1"));
            assertTrue(browser.pageText().contains("未保存"), "says nothing was saved");
            assertEquals("90", browser.find("[id='editor:tabs:catalogue:1:amounts:0:personal']").getAttribute("value"),
                    "the form keeps what was typed");
            browser.screenshot("1-row-refused");

            browser.driver.findElement(By.id("header:lang-en")).click();
            browser.waitForText("body", "Save the form");
            browser.screenshot("2-english");
        }
        assertEquals(before, Http.as(ADMIN).get("/api/v1/policies/" + POLICY).body(), "nothing saved");
    }

    @Test
    void aBadDateInACellIsShownOnThatCellAndNothingIsSaved() {
        freshPolicy();
        String before = Http.as(ADMIN).get("/api/v1/policies/" + POLICY).body();
        try (Browser browser = Browser.open("policy-form-03-bad-date")) {
            browser.signIn(ADMIN);
            browser.go("/policy/edit.xhtml?id=" + POLICY);
            type(browser, "editor:tabs:tiers:0:resident", "999");
            type(browser, "editor:tabs:windows:0:from_input", "2043-13-45");
            browser.driver.findElement(By.id("editor:tabs:save-form")).click();
            String cell = browser.waitForText("[id='editor:tabs:windows_data'] tr[data-ri='0'] td:nth-child(2)", "不是有效日期");
            assertFalse(cell.contains("Exception"), cell);
            assertEquals("2043-13-45", browser.find("[id='editor:tabs:windows:0:from_input']").getAttribute("value"),
                    "the refused date stays in its cell, to be corrected");
            assertEquals("999", browser.find("[id='editor:tabs:tiers:0:resident']").getAttribute("value"));
            browser.screenshot("1-bad-date");
        }
        assertEquals(before, Http.as(ADMIN).get("/api/v1/policies/" + POLICY).body(), "nothing saved");
    }

    @Test
    void aClerkGetsNoForm() {
        assertEquals(403, Http.as("clerk").get("/policy/edit.xhtml?id=" + POLICY).status());
    }

    /** The value of an input as if typed (date pickers included: their text field is {@code <id>_input}). */
    private static void type(Browser browser, String id, String value) {
        browser.wait(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        browser.script("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    /** Saves the form and waits for the page the save answered with (the version it made). */
    private static void save(Browser browser) {
        WebElement form = browser.driver.findElement(By.id("editor:tabs:form-panel"));
        browser.driver.findElement(By.id("editor:tabs:save-form")).click();
        browser.wait(ExpectedConditions.stalenessOf(form));
        String saved = browser.waitForText("#editor\\:page-messages", "第");
        assertTrue(saved.contains(POLICY), saved);
        assertTrue(browser.driver.findElements(By.cssSelector("#editor\\:problems")).isEmpty(), "no problems");
    }

    private static JsonObject freshPolicy() {
        Http.Reply drafted = Http.as(ADMIN).get("/api/v1/policies/511903-2024/next-year-draft?year=2044");
        assertEquals(200, drafted.status(), drafted.body());
        Http.Reply put = Http.as(ADMIN).put("/api/v1/policies/" + POLICY + "?note=PolicyFormIT", drafted.body());
        assertTrue(put.status() < 300, put.body());
        return stored();
    }

    private static JsonObject stored() {
        Http.Reply reply = Http.as(ADMIN).get("/api/v1/policies/" + POLICY);
        assertEquals(200, reply.status(), reply.body());
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject();
        }
    }
}
