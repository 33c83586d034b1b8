package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Continuous enrollment end to end (DOMAIN.md §8, issue 14): the illustrative continuity policy of
 * config/policies/500101-2026.json, moved three years back (500101-2023) so that its windows lie before the IT
 * server's business date (2023-11-20, config/cli/90-demo.cli), as CampaignIT moves a seed. A resident insured in 2021
 * who missed 2022 pays on 2023-03-10 and the payment freezes the quote's cover start with 3 + 1 months of waiting
 * (2023-07-10); a provincial file recording 2022 for another resident changes their next quote (continuous 2 years,
 * 3 + 0 → 2023-06-10) and their bulk payment freezes that. A recorded event waives the wait. Entry checks and roles.
 */
@ExtendWith(ArquillianExtension.class)
class ContinuityPaymentIT {

    private static final String POLICY = "500101-2023";
    private static final String PAID_AT = "2023-03-10T10:00:00+08:00";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aPaymentFreezesTheWaitingOfItsQuoteAndAnImportedYearShortensTheNext() throws IOException {
        Http admin = Http.as("district_admin");
        putPolicy(admin);
        String town = RegionIT.freeTown();
        String village = town + "001";
        assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"连续参保镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
        assertEquals(201, admin.put("/api/v1/regions/" + village, "{\"name\":\"连续参保村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
        String a = resident(admin, village, "连续甲");
        String b = resident(admin, village, "连续乙");
        String c = resident(admin, village, "连续丙");

        // at the counter: 2021 in employee insurance for 甲 and 乙, with the document seen
        for (String id : new String[] {a, b}) {
            Http.Reply year = admin.post(history(id), "{\"year\":2021,\"source\":\"COUNTER\",\"evidence\":\"职工医保缴费证明 2021\"}");
            assertEquals(201, year.status(), year.body());
            assertEquals("COUNTER", year.json().getString("source"));
        }

        // 甲: insured 2021, missed 2022 → fixed 3 + variable 1 from the payment date; the payment freezes exactly that
        JsonObject quoteA = quote(admin, a);
        assertEquals(0, quoteA.getInt("continuousYears"), quoteA.toString());
        assertEquals(3, quoteA.getJsonObject("waiting").getInt("fixedMonths"), quoteA.toString());
        assertEquals(1, quoteA.getJsonObject("waiting").getInt("variableMonths"), quoteA.toString());
        assertEquals("2023-07-10", quoteA.getString("benefitStart"), quoteA.toString());
        Http.Reply paidA = Http.as("tax").post("/api/v1/payments", payment("IT-CONT-A-" + a, a, quoteA));
        assertEquals(201, paidA.status(), paidA.body());
        assertEquals("2023-07-10", paidA.json().getString("benefitStart"), "the waiting frozen into the payment: " + paidA.body());
        assertEquals(quoteA.getJsonNumber("personalAmount").bigDecimalValue(),
                paidA.json().getJsonNumber("personalAmount").bigDecimalValue());

        // 乙 before the provincial file: as 甲
        JsonObject before = quote(admin, b);
        assertEquals(0, before.getInt("continuousYears"), before.toString());
        assertEquals(1, before.getJsonObject("waiting").getInt("variableMonths"), before.toString());
        assertEquals("2023-07-10", before.getString("benefitStart"));

        // a file with one wrong row is refused whole, the row named; nothing recorded
        String good = "idNumber,name,year,eventType,eventDate,evidence\n" + b + ",连续乙,2022,,,省平台 2022\n" + a + ",连续甲,2021,,,\n";
        Http.Reply refused = admin.upload("/api/v1/insurance-history/import", Map.of(), "province.csv", "text/csv",
                (good + c + ",别人,2022,,,\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("HISTORY_FILE_INVALID") && refused.body().contains("row 4.name"), refused.body());
        assertEquals(1, quote(admin, b).getJsonObject("waiting").getInt("variableMonths"), "nothing imported");
        assertEquals(403, Http.as("clerk").upload("/api/v1/insurance-history/import", Map.of(), "province.csv", "text/csv",
                good.getBytes(StandardCharsets.UTF_8)).status());

        Http.Reply imported = admin.upload("/api/v1/insurance-history/import", Map.of(), "province.csv", "text/csv",
                good.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(2, imported.json().getInt("read"), imported.body());
        assertEquals(1, imported.json().getInt("yearsAdded"), imported.body());
        assertEquals(1, imported.json().getInt("alreadyRecorded"), "甲's 2021 is on record: " + imported.body());

        // 乙 after: 2021 and 2022 → two continuous years, only the fixed wait (paid outside the concentrated period)
        JsonObject after = quote(admin, b);
        assertEquals(2, after.getInt("continuousYears"), after.toString());
        assertEquals(3, after.getJsonObject("waiting").getInt("fixedMonths"), after.toString());
        assertEquals(0, after.getJsonObject("waiting").getInt("variableMonths"), after.toString());
        assertEquals("2023-06-10", after.getString("benefitStart"), after.toString());
        Http.Reply bulk = Http.as("tax").post("/api/v1/payments/batch", "{\"payments\":[" + payment("IT-CONT-B-" + b, b, after) + "]}");
        assertEquals(200, bulk.status(), bulk.body());
        JsonObject result = bulk.json().getJsonArray("results").getJsonObject(0);
        assertEquals(201, result.getInt("status"), bulk.body());
        assertEquals("2023-06-10", result.getJsonObject("payment").getString("benefitStart"), bulk.body());

        // the history lists where each year comes from, Canbao's own payment among them
        Http.Reply listed = admin.get(history(b));
        assertEquals(200, listed.status(), listed.body());
        java.util.List<String> years = listed.json().getJsonArray("insuredYears").stream().map(v -> (JsonObject) v)
                .map(y -> y.getInt("year") + " " + y.getString("source")).toList();
        assertEquals(java.util.List.of("2021 COUNTER", "2022 PROVINCIAL_IMPORT", "2023 CANBAO_ENROLLMENT"), years, listed.body());

        // 丙 left employee insurance on 2023-01-31: paying within three months waives the whole wait
        Http.Reply event = admin.post(history(c), "{\"eventType\":\"EMPLOYEE_INSURANCE_ENDED\",\"eventDate\":\"2023-01-31\",\"evidence\":\"离职证明\"}");
        assertEquals(201, event.status(), event.body());
        JsonObject quoteC = quote(admin, c);
        assertEquals(0, quoteC.getJsonObject("waiting").getInt("fixedMonths") + quoteC.getJsonObject("waiting").getInt("variableMonths"),
                quoteC.toString());
        assertEquals("2023-03-10", quoteC.getString("benefitStart"), quoteC.toString());

        // entry checks: bilingual, by field; a known year or event again is a conflict
        Http.Reply future = admin.post(history(c), "{\"year\":2024,\"evidence\":\"x\"}");
        assertEquals(400, future.status(), future.body());
        assertTrue(future.body().contains("\"field\":\"year\"") && future.body().contains("lies in the future"), future.body());
        Http.Reply noEvidence = admin.post(history(c), "{\"year\":2020}");
        assertEquals(400, noEvidence.status(), noEvidence.body());
        assertTrue(noEvidence.body().contains("\"field\":\"evidence\""), noEvidence.body());
        Http.Reply badType = admin.post(history(c), "{\"eventType\":\"MOVED\",\"eventDate\":\"2023-01-31\",\"evidence\":\"x\"}");
        assertEquals(400, badType.status(), badType.body());
        assertTrue(badType.body().contains("\"field\":\"eventType\""), badType.body());
        assertEquals(409, admin.post(history(a), "{\"year\":2021,\"evidence\":\"again\"}").status());
        assertEquals(409, admin.post(history(a), "{\"year\":2023,\"evidence\":\"paid in Canbao\"}").status());
        assertEquals(409, admin.post(history(c), "{\"eventType\":\"EMPLOYEE_INSURANCE_ENDED\",\"eventDate\":\"2023-01-31\",\"evidence\":\"x\"}").status());
        assertEquals(403, Http.as("supervisor").get(history(a)).status(), "supervisors do not look persons up");
    }

    /** The 2026 example moved to 2023 (its notes and descriptions keep their words). */
    private static void putPolicy(Http admin) throws IOException {
        Path dir = Path.of(System.getProperty("canbao.policies.dir", "../config/policies"));
        String document = Files.readString(dir.resolve("500101-2026.json")).replace("2025", "2022").replace("2026", "2023");
        Http.Reply put = admin.put("/api/v1/policies/" + POLICY, document);
        assertTrue(put.status() == 200 || put.status() == 201, put.body());
    }

    private static String history(String id) {
        return "/api/v1/persons/" + id + "/insurance-history";
    }

    private static JsonObject quote(Http admin, String id) {
        Http.Reply quote = admin.post("/api/v1/policies/" + POLICY + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"2023-03-10\",\"idNumber\":\"" + id + "\"}");
        assertEquals(200, quote.status(), quote.body());
        return quote.json();
    }

    private static String payment(String tx, String id, JsonObject quote) {
        return "{\"transactionId\":\"" + tx + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":"
                + quote.getJsonNumber("personalAmount").bigDecimalValue().toPlainString() + ",\"channel\":\"WECHAT\",\"paidAt\":\"" + PAID_AT + "\"}";
    }

    /** A resident born 1960–1990 (insured years from 2021 lie after the birth year). */
    private static String resident(Http admin, String village, String name) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = IdNumber.withCheckCharacter("500101" + LocalDate.of(1960, 1, 1).plusDays(random.nextInt(10900))
                .format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000))).value();
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, created.status(), created.body());
        return id;
    }
}
