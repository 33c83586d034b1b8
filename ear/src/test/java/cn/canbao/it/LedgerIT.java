package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The subsidy ledger (资助参保台账, API.md "Ledgers") of a village made for the test: identities of two categories,
 * payments and a reversal → holders, paid, not enrolled and the frozen subsidy and personal amounts to the fen; the
 * not-enrolled list masked and narrowed by category; roles and areas kept.
 */
@ExtendWith(ArquillianExtension.class)
class LedgerIT {

    private static final String POLICY = "500101-2024";
    private static final String VALIDITY = "\"validFrom\":\"2023-09-01\",\"validTo\":\"2024-12-31\"";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void theLedgerCountsHoldersPaymentsAndReversalsToTheFen() {
        Http admin = Http.as("district_admin");
        String town = RegionIT.freeTown();
        String village = town + "001";
        assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"台账镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
        assertEquals(201, admin.put("/api/v1/regions/" + village, "{\"name\":\"台账村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());

        String a = resident(admin, village, "台账甲");
        String b = resident(admin, village, "台账乙");
        String c = resident(admin, village, "台账丙");
        String d = resident(admin, village, "台账丁");
        String e = resident(admin, village, "台账戊");
        for (String holder : new String[] {a, b, c}) {
            identity(holder, "101");
        }
        identity(d, "113");     // 特困: fully subsidised, and 丁 has not come

        JsonObject paidA = pay(a, "A");
        JsonObject paidB = pay(b, "B");
        JsonObject paidC = pay(c, "C");
        pay(e, "E");
        Http.Reply reversed = admin.post("/api/v1/payments/" + paidB.getString("transactionId") + "/reversals", "{\"reason\":\"录错人\"}");
        assertTrue(reversed.status() == 200 || reversed.status() == 201, reversed.body());

        assertEquals("101", paidA.getString("subsidyCode"), paidA.toString());
        assertEquals("101", paidC.getString("subsidyCode"), paidC.toString());
        BigDecimal subsidy101 = amount(paidA, "subsidyAmount").add(amount(paidC, "subsidyAmount"));
        BigDecimal personal101 = amount(paidA, "personalAmount").add(amount(paidC, "personalAmount"));
        assertEquals(new BigDecimal("684.00"), subsidy101, "342.00 each (notice: 低保 tier 1)");
        assertEquals(new BigDecimal("76.00"), personal101, "38.00 each");

        for (String region : new String[] {village, town}) {
            JsonArray ledger = admin.get("/api/v1/subsidy-ledger?policyId=" + POLICY + "&regionCode=" + region + "&size=500").array();
            JsonObject low = line(ledger, "101");
            assertEquals(3, low.getInt("holders"), low.toString());
            assertEquals(2, low.getInt("paid"), "甲 and 丙 paid; 乙's payment was reversed: " + low);
            assertEquals(1, low.getInt("notEnrolled"), low.toString());
            assertTrue(low.getInt("enrolled") >= 2 && low.getInt("enrolled") <= 3, low.toString());
            assertEquals(subsidy101, low.getJsonNumber("subsidyAmount").bigDecimalValue().setScale(2), "net of the reversal: " + low);
            assertEquals(personal101, low.getJsonNumber("personalAmount").bigDecimalValue().setScale(2), low.toString());
            assertEquals("民政城乡低保对象", low.getString("name"));
            JsonObject other = line(ledger, "113");
            assertEquals(1, other.getInt("holders"), other.toString());
            assertEquals(0, other.getInt("paid"), other.toString());
            assertEquals(1, other.getInt("notEnrolled"), other.toString());
            assertEquals(0, other.getJsonNumber("subsidyAmount").bigDecimalValue().signum(), other.toString());
            JsonObject none = line(ledger, "104");
            assertEquals(0, none.getInt("holders"), none.toString());
        }

        // the not-enrolled: 乙 (101, reversed) and 丁 (113), never 戊 (no identity) nor the paid; masked; by category
        Http.Reply all = admin.get("/api/v1/subsidy-ledger/not-enrolled?policyId=" + POLICY + "&regionCode=" + village);
        assertEquals(200, all.status(), all.body());
        assertEquals("2", all.header("X-Total-Count"), all.body());
        assertTrue(all.body().contains("台账乙") && all.body().contains("台账丁"), all.body());
        assertFalse(all.body().contains(b) || all.body().contains(d), "ID numbers masked: " + all.body());
        assertTrue(all.body().contains(IdNumber.of(b).masked()), all.body());
        Http.Reply narrowed = admin.get("/api/v1/subsidy-ledger/not-enrolled?policyId=" + POLICY + "&regionCode=" + village + "&subsidyCode=113");
        assertEquals("1", narrowed.header("X-Total-Count"), narrowed.body());
        assertTrue(narrowed.body().contains("台账丁") && !narrowed.body().contains("台账乙"), narrowed.body());

        // the civil affairs bureau's settlement for the autumn: three payments of 101, one reversed — to the fen, and
        // the same net as the ledger's
        String period = "&from=2023-09-01&to=2023-12-31&regionCode=" + village;
        Http.Reply settled = Http.as("department").get("/api/v1/subsidy-ledger/settlement?policyId=" + POLICY
                + "&department=" + java.net.URLEncoder.encode("区民政局", java.nio.charset.StandardCharsets.UTF_8) + period);
        assertEquals(200, settled.status(), settled.body());
        JsonObject statement = settled.json();
        JsonObject line101 = statement.getJsonArray("lines").stream().map(v -> (JsonObject) v)
                .filter(o -> "101".equals(o.getString("subsidyCode"))).findFirst().orElseThrow();
        assertEquals(3, line101.getInt("payments"), line101.toString());
        assertEquals(new BigDecimal("1026.00"), line101.getJsonNumber("subsidyPaid").bigDecimalValue().setScale(2));
        assertEquals(1, line101.getInt("reversals"), line101.toString());
        assertEquals(new BigDecimal("342.00"), line101.getJsonNumber("subsidyReversed").bigDecimalValue().setScale(2));
        assertEquals(subsidy101, line101.getJsonNumber("subsidyNet").bigDecimalValue().setScale(2), "the ledger's net");
        assertEquals(subsidy101, statement.getJsonNumber("subsidyNet").bigDecimalValue().setScale(2), "nothing else in the village");
        assertTrue(Http.as("department").get("/api/v1/subsidy-ledger/departments?policyId=" + POLICY).body().contains("区民政局"));
        Http.Reply noPeriod = Http.as("department").get("/api/v1/subsidy-ledger/settlement?policyId=" + POLICY + "&department=x");
        assertEquals(400, noPeriod.status(), noPeriod.body());
        assertTrue(noPeriod.body().contains("\"from\"") && noPeriod.body().contains("\"to\""), noPeriod.body());
        Http.Reply backwards = Http.as("department").get("/api/v1/subsidy-ledger/settlement?policyId=" + POLICY
                + "&department=x&from=2023-12-31&to=2023-09-01");
        assertEquals(400, backwards.status(), backwards.body());
        Http.Reply nobody = Http.as("department").get("/api/v1/subsidy-ledger/settlement?policyId=" + POLICY + "&department=nobody" + period);
        assertEquals(400, nobody.status(), nobody.body());
        assertTrue(nobody.body().contains("DEPARTMENT_UNKNOWN"), nobody.body());
        Http.Reply badDate = Http.as("department").get("/api/v1/subsidy-ledger/settlement?policyId=" + POLICY + "&department=x&from=2023-13-01&to=2023-12-31");
        assertEquals(400, badDate.status(), badDate.body());
        assertEquals(403, Http.as("clerk").get("/api/v1/subsidy-ledger/settlement?policyId=" + POLICY + "&department=x" + period).status());

        // the settlement screen computes the same and hands over the statement
        try (Browser browser = Browser.open("46-settlement")) {
            browser.signIn("department");
            browser.go("/roster/settlement.xhtml");
            browser.find("#settlement\\:compute");
            // the policy chosen, not the first offered (other tests add policies of the district to the shared database)
            browser.script("PF('widget_settlement_policy').selectValue('" + POLICY + "');"
                    + "$(PrimeFaces.escapeClientId('settlement:policy_input')).trigger('change');");
            browser.waitForText("#settlement\\:policy_label", POLICY);
            browser.wait(page -> {
                try {
                    return page.findElement(org.openqa.selenium.By.id("settlement:department_input")).getAttribute("value") != null;
                } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                    return false;
                }
            });
            ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
                    "PF('widget_settlement_department').selectValue('区民政局');");
            // the period set in the inputs directly (keystrokes into a date picker raced with its popup under load)
            browser.script("document.getElementById('settlement:from_input').value = '2023-09-01';"
                    + "document.getElementById('settlement:to_input').value = '2023-12-31';");
            browser.driver.findElement(org.openqa.selenium.By.id("settlement:compute")).click();
            String table = browser.waitForText("#settlement\\:table", "民政城乡低保对象");
            assertTrue(table.contains("应结算"), table);
            browser.screenshot("1-settlement");
            SupervisionScreensIT.Download xlsx = SupervisionScreensIT.download(browser, "settlement:xlsx");
            try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.bytes()))) {
                assertTrue(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue().contains("资助资金结算 · 区民政局"));
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            SupervisionScreensIT.Download toSign = SupervisionScreensIT.download(browser, "settlement:pdf");
            assertEquals("application/pdf", toSign.contentType());
            assertFalse(PdfText.embeddedFonts(toSign.bytes()).isEmpty(), "the statement carries its font");
            String signed = PdfText.of(toSign.bytes());
            assertTrue(signed.contains("区民政局") && signed.contains("民政城乡低保对象") && signed.contains("盖章"), signed);
        }

        // the screen: the same figures, the persons not yet paid, the workbook
        try (Browser browser = Browser.open("45-ledger")) {
            browser.signIn("district_admin");
            browser.driver.findElement(org.openqa.selenium.By.id("nav-ledger")).click();
            browser.waitForText("#ledger\\:table", "民政城乡低保对象");
            browser.go("/supervision/ledger.xhtml?policy=" + POLICY + "&region=" + village);
            String table = browser.waitForText("#ledger\\:table", "民政城乡低保对象");
            assertTrue(table.contains("684.00") && table.contains("76.00") && table.contains("66.6%"), table);
            String missing = browser.waitForText("#ledger\\:missing", "台账丁");
            assertTrue(missing.contains("台账乙") && !missing.contains("台账甲") && !missing.contains(b), missing);
            browser.screenshot("1-village");
            SupervisionScreensIT.Download xlsx = SupervisionScreensIT.download(browser, "ledger:xlsx");
            try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.bytes()))) {
                var sheet = workbook.getSheetAt(0);
                assertTrue(sheet.getRow(0).getCell(0).getStringCellValue().contains("资助参保台账 · 台账村"));
                boolean found = false;
                for (var row : sheet) {
                    if (row.getCell(0) != null && "101".equals(row.getCell(0).toString())) {
                        assertEquals(3.0, row.getCell(3).getNumericCellValue());
                        assertEquals(2.0, row.getCell(5).getNumericCellValue());
                        assertEquals(684.0, row.getCell(7).getNumericCellValue());
                        found = true;
                    }
                }
                assertTrue(found, "the 101 line in the workbook");
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            SupervisionScreensIT.Download pdf = SupervisionScreensIT.download(browser, "ledger:pdf");
            assertEquals("application/pdf", pdf.contentType());
            assertFalse(PdfText.embeddedFonts(pdf.bytes()).isEmpty(), "the ledger carries its font");
            String paper = PdfText.of(pdf.bytes());
            assertTrue(paper.contains("资助参保台账 · 台账村") && paper.contains("民政城乡低保对象") && paper.contains("684.00")
                    && paper.contains("66.6%"), paper);
        }
        try (Browser browser = Browser.open("45-ledger-supervisor")) {
            browser.signIn("supervisor");
            browser.go("/supervision/ledger.xhtml?policy=" + POLICY + "&region=" + village);
            browser.waitForText("#ledger\\:table", "民政城乡低保对象");
            assertTrue(browser.driver.findElements(org.openqa.selenium.By.id("ledger:missing")).isEmpty(), "figures only for supervisors");
        }

        // refusals: an unknown category, no policy, another district, roles without the right
        Http.Reply unknown = admin.get("/api/v1/subsidy-ledger/not-enrolled?policyId=" + POLICY + "&regionCode=" + village + "&subsidyCode=999");
        assertEquals(400, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("SUBSIDY_CODE_UNKNOWN"), unknown.body());
        assertEquals(400, admin.get("/api/v1/subsidy-ledger?regionCode=" + village).status());
        assertEquals(403, Http.as("town_officer").get("/api/v1/subsidy-ledger?policyId=" + POLICY + "&regionCode=" + village).status(),
                "another town's ledger");
        assertEquals(200, Http.as("supervisor").get("/api/v1/subsidy-ledger?policyId=" + POLICY + "&regionCode=" + village).status());
        assertEquals(403, Http.as("supervisor").get("/api/v1/subsidy-ledger/not-enrolled?policyId=" + POLICY + "&regionCode=" + village).status(),
                "supervisors see figures, not persons");
        assertEquals(403, Http.as("clerk").get("/api/v1/subsidy-ledger?policyId=" + POLICY + "&regionCode=500101101001").status());
    }

    /**
     * A department sees its own categories (API.md "Ledgers"): the demo civil-affairs account (its display name names
     * 万州区民政局) gets 民政's lines and none of the veterans' bureau's, and is refused that bureau's settlement; an
     * account made with department 区残联 sees exactly the categories 区残联 certifies.
     */
    @Test
    void aDepartmentSeesItsOwnCategoriesOnly() {
        Http.Reply own = Http.as("department").get("/api/v1/subsidy-ledger?policyId=" + POLICY + "&regionCode=500101&size=500");
        assertEquals(200, own.status(), own.body());
        JsonArray lines = own.array();
        assertTrue(lines.stream().anyMatch(v -> "101".equals(((JsonObject) v).getString("subsidyCode"))), own.body());
        assertTrue(lines.stream().noneMatch(v -> "105".equals(((JsonObject) v).getString("subsidyCode"))), "105 is the veterans' bureau's: " + own.body());
        assertTrue(lines.stream().allMatch(v -> ((JsonObject) v).getString("certifyingDepartment").contains("民政")), own.body());
        int all = Http.as("district_admin").get("/api/v1/subsidy-ledger?policyId=" + POLICY + "&regionCode=500101&size=500").array().size();
        assertTrue(lines.size() < all, lines.size() + " of " + all);
        Http.Reply other = Http.as("department").get("/api/v1/subsidy-ledger/settlement?policyId=" + POLICY + "&department="
                + java.net.URLEncoder.encode("区退役军人事务局", java.nio.charset.StandardCharsets.UTF_8) + "&from=2023-09-01&to=2023-12-31");
        assertEquals(403, other.status(), other.body());
        assertTrue(other.body().contains("DEPARTMENT_NOT_YOURS"), other.body());
        assertFalse(Http.as("department").get("/api/v1/subsidy-ledger/departments?policyId=" + POLICY).body().contains("退役军人"));

        String name = "cl" + (System.nanoTime() % 1_000_000);
        Http admin = Http.as("district_admin");
        Http.Reply created = admin.post("/api/v1/accounts", "{\"username\":\"" + name + "\",\"displayName\":\"残联 王五\","
                + "\"role\":\"department\",\"regionCode\":\"500101\",\"password\":\"Canlian2026x\",\"department\":\"区残联\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals("区残联", created.json().getString("department"));
        assertEquals(400, admin.post("/api/v1/accounts", "{\"username\":\"" + name + "x\",\"displayName\":\"经办\","
                + "\"role\":\"clerk\",\"regionCode\":\"500101101001\",\"password\":\"Canlian2026x\",\"department\":\"区残联\"}").status(),
                "only department accounts name a department");
        Http first = Http.as(name, "Canlian2026x");
        assertEquals(204, first.put("/api/v1/accounts/" + name + "/password",
                "{\"currentPassword\":\"Canlian2026x\",\"password\":\"Canlian2026yy\"}").status());
        JsonArray disabled = Http.as(name, "Canlian2026yy").get("/api/v1/subsidy-ledger?policyId=" + POLICY + "&regionCode=500101&size=500").array();
        java.util.Set<String> codes = new java.util.TreeSet<>(disabled.stream().map(v -> ((JsonObject) v).getString("subsidyCode")).toList());
        assertEquals(java.util.Set.of("106", "603", "604"), codes, "the categories 区残联 certifies in the notice: " + disabled);
    }

    private static JsonObject line(JsonArray ledger, String code) {
        return ledger.stream().map(v -> (JsonObject) v).filter(o -> code.equals(o.getString("subsidyCode"))).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + code + " in " + ledger));
    }

    private static BigDecimal amount(JsonObject o, String name) {
        return o.getJsonNumber(name).bigDecimalValue().setScale(2);
    }

    private static String resident(Http admin, String village, String name) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = IdNumber.withCheckCharacter("500101" + LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20000))
                .format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000))).value();
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, created.status(), created.body());
        return id;
    }

    private static void identity(String id, String code) {
        Http.Reply held = Http.as("department").post("/api/v1/persons/" + id + "/identities",
                "{\"code\":\"" + code + "\",\"certifyingDepartment\":\"万州区民政局\"," + VALIDITY + ",\"evidence\":\"台账测试\"}");
        assertEquals(201, held.status(), held.body());
    }

    /** The person pays what the quote says they owe today (tier 1). */
    private static JsonObject pay(String id, String tag) {
        Http.Reply quote = Http.as("district_admin").post("/api/v1/policies/" + POLICY + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"2023-11-01\",\"idNumber\":\"" + id + "\"}");
        assertEquals(200, quote.status(), quote.body());
        String amount = quote.json().getJsonNumber("personalAmount").bigDecimalValue().toPlainString();
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-LEDGER-" + tag + "-" + id
                + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":" + amount
                + ",\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-01T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        return paid.json();
    }
}
