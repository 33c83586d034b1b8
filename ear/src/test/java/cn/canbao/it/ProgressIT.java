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
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Progress against the village targets (../shared/spec/API.md, GET /progress), as town officers and supervisors read it. */
@ExtendWith(ArquillianExtension.class)
class ProgressIT {

    private static final String POLICY = "500101-2024";
    private static final String TOWN = "500101101";
    private static final String VILLAGE = "500101101001";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aTownOfficerSeesEveryVillageAgainstItsTarget() {
        JsonArray rows = progress("town_officer", POLICY, TOWN);
        assertEquals(17, rows.size());
        long targets = rows.stream().mapToLong(r -> r.asJsonObject().getJsonNumber("target").longValue()).sum();
        assertEquals(40_480, targets);
        JsonObject first = rows.getJsonObject(0);
        assertEquals(1, first.getInt("rank"));
        for (var value : rows) {
            JsonObject row = value.asJsonObject();
            BigDecimal expected = BigDecimal.valueOf(row.getJsonNumber("enrolled").longValue() * 100)
                    .divide(BigDecimal.valueOf(row.getJsonNumber("target").longValue()), 2, RoundingMode.HALF_UP);
            assertEquals(0, expected.compareTo(row.getJsonNumber("rate").bigDecimalValue()), row.toString());
            assertEquals("VILLAGE", row.getString("level"));
        }
    }

    @Test
    void aPaymentAtTheCounterCountsForTheVillage() {
        long before = enrolledIn(VILLAGE);
        String id = IdNumber.withCheckCharacter("500101198" + ThreadLocalRandom.current().nextInt(10) + "0615"
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply person = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"进度测试\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            aPaymentAtTheCounterCountsForTheVillage();
            return;
        }
        assertEquals(201, person.status(), person.body());
        Http.Reply paid = Http.as("clerk").post("/api/v1/payments", "{\"transactionId\":\"IT-PROGRESS-" + id
                + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,"
                + "\"channel\":\"POS\",\"paidAt\":\"2023-11-20T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        assertEquals(before + 1, enrolledIn(VILLAGE));
    }

    @Test
    void theWeeklySeriesClimbsByThePaymentsOfEachWeek() {
        JsonArray before = Http.as("town_officer").get("/api/v1/progress/weekly?policyId=" + POLICY + "&regionCode=" + VILLAGE).array();
        // 万州 2024 opens on 2023-09-01 (the policy's first window); the demo's business date is 2023-11-20
        assertEquals("2023-09-07", before.getJsonObject(0).getString("weekEnding"));
        assertEquals("2023-11-20", before.getJsonObject(before.size() - 1).getString("weekEnding"), "the last week ends today");
        long previous = 0;
        for (var week : before) {
            long enrolled = week.asJsonObject().getJsonNumber("enrolled").longValue();
            assertTrue(enrolled >= previous, before.toString());
            previous = enrolled;
            assertEquals(before.getJsonObject(0).getJsonNumber("target").longValue(), week.asJsonObject().getJsonNumber("target").longValue());
        }
        assertTrue(previous <= enrolledIn(VILLAGE), "paid by today cannot exceed the paid enrollments");

        aPaymentAtTheCounterCountsForTheVillage();  // a payment dated today
        JsonArray after = Http.as("town_officer").get("/api/v1/progress/weekly?policyId=" + POLICY + "&regionCode=" + VILLAGE).array();
        assertEquals(before.size(), after.size());
        assertEquals(previous + 1, after.getJsonObject(after.size() - 1).getJsonNumber("enrolled").longValue(), "counted in the current week");
        assertEquals(before.getJsonObject(before.size() - 2).getJsonNumber("enrolled").longValue(),
                after.getJsonObject(after.size() - 2).getJsonNumber("enrolled").longValue(), "earlier weeks unchanged");

        assertEquals(403, Http.as("clerk2").get("/api/v1/progress/weekly?policyId=" + POLICY + "&regionCode=" + VILLAGE).status());
        assertEquals(400, Http.as("town_officer").get("/api/v1/progress/weekly?regionCode=" + VILLAGE).status());
    }

    @Test
    void villagesCarryThePolicyScoring() {
        // 松溉 2023: nobody has paid in the demo, so every village is below 80% → no funding, −0.5
        JsonArray rows = progress("integration", "500118-2023", "500118101");
        assertEquals(7, rows.size());
        assertEquals(19_253, rows.stream().mapToLong(r -> r.asJsonObject().getJsonNumber("target").longValue()).sum());
        JsonObject anyVillage = rows.getJsonObject(0);
        JsonObject score = anyVillage.getJsonArray("scoring").getJsonObject(0);
        assertEquals("INCENTIVE", score.getString("rule"));
        assertEquals(0, new BigDecimal("-0.5").compareTo(score.getJsonNumber("scoreChange").bigDecimalValue()));
    }

    @Test
    void aClerkCannotReadAnotherVillagesProgress() {
        Http.Reply other = Http.as("clerk2").get("/api/v1/progress?policyId=" + POLICY + "&regionCode=" + VILLAGE);
        assertEquals(403, other.status());
        assertEquals("application/problem+json", other.contentType());
        Http.Reply own = Http.as("clerk").get("/api/v1/progress?policyId=" + POLICY + "&regionCode=" + VILLAGE);
        assertEquals(200, own.status());
        assertEquals(1, own.array().size());
    }

    @Test
    void missingOrUnknownParametersAreProblems() {
        assertEquals(400, Http.as("town_officer").get("/api/v1/progress?regionCode=" + TOWN).status());
        assertEquals(404, Http.as("town_officer").get("/api/v1/progress?policyId=999999-2024&regionCode=" + TOWN).status());
        assertEquals(404, Http.as("integration").get("/api/v1/progress?policyId=" + POLICY + "&regionCode=999999").status());
    }

    private static long enrolledIn(String village) {
        for (var value : progress("town_officer", POLICY, TOWN)) {
            JsonObject row = value.asJsonObject();
            if (row.getString("regionCode").equals(village)) {
                return row.getJsonNumber("enrolled").longValue();
            }
        }
        throw new AssertionError("village " + village + " missing");
    }

    /**
     * Seed 001 counts residents insured as employees or elsewhere toward the target (targetCounting.alsoCounts): a
     * signed non-enrollment with that reason raises "enrolled" but not "paid"; another reason (refused) counts nothing.
     * The goal (95 %) is shown with each row.
     */
    @Test
    void theTargetCountsWhatThePolicySaysAndShowsItsGoal() {
        String policy = "500118-2023";
        String village = "500118101002";
        // the seed as config/policies has it now (a database kept from an earlier version may hold an older copy)
        Http.Reply put = Http.as("yc_admin").put("/api/v1/policies/" + policy, seed(policy));
        assertTrue(put.status() == 200 || put.status() == 201, put.body());
        JsonObject before = row(progress("yc_town_officer", policy, "500118101"), village);
        String employee = newResident("yc_admin", village, "5001181978");
        String refuser = newResident("yc_admin", village, "5001181979");
        assertEquals(201, Http.as("yc_admin").post("/api/v1/persons/" + employee + "/non-enrollments",
                "{\"policyId\":\"" + policy + "\",\"reason\":\"EMPLOYEE_INSURANCE\",\"signed\":true}").status());
        assertEquals(201, Http.as("yc_admin").post("/api/v1/persons/" + refuser + "/non-enrollments",
                "{\"policyId\":\"" + policy + "\",\"reason\":\"REFUSED\",\"note\":\"不愿参保\",\"signed\":true}").status());
        JsonObject after = row(progress("yc_town_officer", policy, "500118101"), village);
        assertEquals(before.getInt("enrolled") + 1, after.getInt("enrolled"), after.toString());
        assertEquals(before.getInt("paid"), after.getInt("paid"));
        assertEquals(before.getInt("insuredOtherwise") + 1, after.getInt("insuredOtherwise"));
        assertEquals(0, new BigDecimal("95").compareTo(after.getJsonNumber("goalPercent").bigDecimalValue()));

        // 万州's policy counts only the paid: the same kind of record there changes nothing
        JsonObject wanzhou = row(progress("town_officer", "500101-2024", "500101101"), "500101101003");
        String elsewhere = newResident("district_admin", "500101101003", "5001011976");
        assertEquals(201, Http.as("district_admin").post("/api/v1/persons/" + elsewhere + "/non-enrollments",
                "{\"policyId\":\"500101-2024\",\"reason\":\"INSURED_ELSEWHERE\",\"signed\":true}").status());
        JsonObject unchanged = row(progress("town_officer", "500101-2024", "500101101"), "500101101003");
        assertEquals(wanzhou.getInt("enrolled"), unchanged.getInt("enrolled"));
        assertEquals(0, unchanged.getInt("insuredOtherwise"));
    }

    /**
     * A policy that takes signed reasons out of the target (targetCounting.excludes): a resident who signed DECEASED
     * leaves the village's denominator, one who did not sign stays in it; a reason that may not leave a target is
     * refused when the policy is saved. The seed is put back afterwards.
     */
    @Test
    void aSignedReasonLeavesTheTargetWhereThePolicySaysSo() {
        String policy = "500118-2023";
        String village = "500118101003";
        Http admin = Http.as("yc_admin");
        String seed = seed(policy);
        String withExcludes = seed.replaceFirst("\"targetCounting\"\\s*:\\s*\\{", "\"targetCounting\": {\"excludes\": [\"DECEASED\", \"MILITARY_SERVICE\"], ");
        assertTrue(withExcludes.contains("\"excludes\""), "the seed has a targetCounting object");
        try {
            Http.Reply refused = admin.put("/api/v1/policies/" + policy, seed.replaceFirst("\"targetCounting\"\\s*:\\s*\\{",
                    "\"targetCounting\": {\"excludes\": [\"REFUSED\"], "));
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.body().contains("EXCLUDABLE_REASON"), refused.body());
            Http.Reply put = admin.put("/api/v1/policies/" + policy, withExcludes);
            assertTrue(put.status() == 200 || put.status() == 201, put.body());
            JsonObject before = row(progress("yc_town_officer", policy, "500118101"), village);
            assertTrue(before.getInt("target") > 2, before.toString());
            String died = newResident("yc_admin", village, "5001181966");
            String soldier = newResident("yc_admin", village, "5001181967");
            assertEquals(201, admin.post("/api/v1/persons/" + died + "/non-enrollments",
                    "{\"policyId\":\"" + policy + "\",\"reason\":\"DECEASED\",\"signed\":true,\"signedBy\":\"PROXY\",\"signerName\":\"家属甲\"}").status());
            assertEquals(201, admin.post("/api/v1/persons/" + soldier + "/non-enrollments",
                    "{\"policyId\":\"" + policy + "\",\"reason\":\"MILITARY_SERVICE\",\"signed\":false}").status());
            JsonObject after = row(progress("yc_town_officer", policy, "500118101"), village);
            assertEquals(before.getInt("excluded") + 1, after.getInt("excluded"), "the signed one only: " + after);
            assertEquals(before.getInt("target"), after.getInt("target"), "the target as set");
            BigDecimal expected = BigDecimal.valueOf(after.getInt("enrolled")).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(after.getInt("target") - after.getInt("excluded")), 2, java.math.RoundingMode.HALF_UP);
            assertEquals(expected, after.getJsonNumber("rate").bigDecimalValue().setScale(2), after.toString());
        } finally {
            admin.put("/api/v1/policies/" + policy, seed);
        }
    }

    /** Supervision groups (督导组) as data: named with a leader and villages, shown with each village on progress. */
    @Test
    void supervisionGroupsAreDataAndShownOnProgress() {
        Http admin = Http.as("district_admin");
        String town = RegionIT.freeTown();
        admin.put("/api/v1/regions/" + town, "{\"name\":\"督导镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}");
        for (String v : new String[] {"001", "002", "003"}) {
            admin.put("/api/v1/regions/" + town + v, "{\"name\":\"督导" + v + "村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        }
        String name = "第" + town.substring(6) + "督导组";
        Http.Reply created = admin.post("/api/v1/supervision-groups", "{\"name\":\"" + name + "\",\"leader\":\"李组长\","
                + "\"phone\":\"023-58000000\",\"villages\":[\"" + town + "001\",\"" + town + "002\"]}");
        assertEquals(201, created.status(), created.body());
        long id = created.json().getJsonNumber("id").longValue();

        assertEquals(409, admin.post("/api/v1/supervision-groups", "{\"name\":\"另一组" + town + "\",\"leader\":\"王\","
                + "\"villages\":[\"" + town + "002\"]}").status(), "a village is watched by one group");
        assertEquals(400, admin.post("/api/v1/supervision-groups", "{\"name\":\"外区组" + town + "\",\"leader\":\"王\","
                + "\"villages\":[\"500118101001\"]}").status(), "only villages of the district");
        assertEquals(403, Http.as("town_officer").post("/api/v1/supervision-groups", "{\"name\":\"x\",\"leader\":\"y\",\"villages\":[]}").status());

        JsonArray rows = progress("district_admin", POLICY, town);
        assertEquals(name, row(rows, town + "001").getString("supervisionGroup"));
        assertTrue(row(rows, town + "003").isNull("supervisionGroup"));
        assertEquals(name, row(progress("district_admin", POLICY, "500101"), town).getString("supervisionGroup"));

        Http.Reply moved = admin.put("/api/v1/supervision-groups/" + id, "{\"name\":\"" + name + "\",\"leader\":\"李组长\","
                + "\"villages\":[\"" + town + "003\"]}");
        assertEquals(200, moved.status(), moved.body());
        rows = progress("district_admin", POLICY, town);
        assertTrue(row(rows, town + "001").isNull("supervisionGroup"));
        assertEquals(name, row(rows, town + "003").getString("supervisionGroup"));
        assertTrue(Http.as("town_officer").get("/api/v1/supervision-groups").body().contains(name), "the town sees the district's groups");
        assertFalse(Http.as("yc_admin").get("/api/v1/supervision-groups").body().contains(name), "another district does not");
    }

    private static String seed(String policyId) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("canbao.policies.dir"), policyId + ".json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonObject row(JsonArray rows, String code) {
        return rows.stream().map(JsonObject.class::cast).filter(r -> code.equals(r.getString("regionCode"))).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + rows));
    }

    private static String newResident(String user, String village, String prefix) {
        String id = IdNumber.withCheckCharacter(prefix + String.format("%02d%02d%03d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply reply = Http.as(user).post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"口径居民\","
                + "\"householdRegionCode\":\"" + village + "\",\"residentType\":\"RESIDENT\"}");
        if (reply.status() == 409) {
            return newResident(user, village, prefix);
        }
        assertEquals(201, reply.status(), reply.body());
        return id;
    }

    private static JsonArray progress(String user, String policy, String region) {
        Http.Reply reply = Http.as(user).get("/api/v1/progress?policyId=" + policy + "&regionCode=" + region);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"));
        return reply.array();
    }
}
