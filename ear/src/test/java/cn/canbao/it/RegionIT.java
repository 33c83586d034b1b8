package cn.canbao.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A district's own region tree and targets as managed data (../shared/spec/API.md, "Going live"): a file of towns and
 * villages imported all or nothing, one region added or renamed, codes and levels checked against the parent, only
 * inside the caller's area; a village's target set with its rule and shown on progress.
 */
@ExtendWith(ArquillianExtension.class)
class RegionIT {

    private static final String POLICY = "500101-2024";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aFileOfTownsAndVillagesIsImportedWholeOrNotAtAll() {
        Http admin = Http.as("district_admin");
        String town = freeTown();
        String bad = "code,name,level,parentCode\n" + town + ",测试镇,TOWN,500101\n" + town + "001,一村,VILLAGE," + town + "\n"
                + "500101777002,错村,VILLAGE," + town + "\n" + town + "003,,VILLAGE," + town + "\n";
        Http.Reply refused = admin.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv", bytes(bad));
        assertEquals(422, refused.status(), refused.body());
        JsonArray errors = refused.json().getJsonArray("errors");
        assertTrue(errors.stream().anyMatch(e -> "row 4".equals(e.asJsonObject().getString("field"))), refused.body());
        assertTrue(errors.stream().anyMatch(e -> "row 5".equals(e.asJsonObject().getString("field"))), refused.body());
        assertEquals(404, admin.get("/api/v1/regions/" + town).status(), "nothing of a refused file is kept");

        String good = "code,name,level,parentCode\n" + town + ",测试镇,TOWN,500101\n" + town + "001,一村,VILLAGE," + town + "\n"
                + town + "002,二村,VILLAGE," + town + "\n";
        Http.Reply imported = admin.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv", bytes(good));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(3, imported.json().getInt("read"));
        assertEquals(3, imported.json().getInt("created"));
        assertEquals(2, admin.get("/api/v1/regions?parentCode=" + town).array().size());
        JsonObject village = admin.get("/api/v1/regions/" + town + "001").json();
        assertEquals("VILLAGE", village.getString("level"));
        assertEquals(town, village.getString("parentCode"));

        Http.Reply again = admin.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv",
                bytes(good.replace("二村", "二村社区")));
        assertEquals(200, again.status(), again.body());
        assertEquals(0, again.json().getInt("created"));
        assertEquals(1, again.json().getInt("updated"));
        assertEquals("二村社区", admin.get("/api/v1/regions/" + town + "002").json().getString("name"));

        Http.Reply columns = admin.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv", bytes("code,name\n1,2\n"));
        assertEquals(400, columns.status(), columns.body());
        Http.Reply foreign = Http.as("yc_admin").upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv",
                bytes("code,name,level,parentCode\n" + town + "009,外区村,VILLAGE," + town + "\n"));
        assertEquals(422, foreign.status(), foreign.body());
        assertEquals(404, admin.get("/api/v1/regions/" + town + "009").status());
        assertEquals(403, Http.as("town_officer").upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv", bytes(good)).status());
    }

    @Test
    void oneRegionIsAddedOrRenamedInsideTheAreaWithCodeAndLevelFittingItsParent() {
        Http admin = Http.as("district_admin");
        String town = freeTown();
        assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"新镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
        Http.Reply created = admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"新村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        assertEquals(201, created.status(), created.body());
        Http.Reply renamed = admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"新村社区\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("新村社区", renamed.json().getString("name"));
        Http.Reply notExtending = admin.put("/api/v1/regions/500101101777", "{\"name\":\"错\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        assertEquals(422, notExtending.status(), notExtending.body());
        Http.Reply wrongLevel = admin.put("/api/v1/regions/" + town + "002", "{\"name\":\"错\",\"level\":\"TOWN\",\"parentCode\":\"" + town + "\"}");
        assertEquals(422, wrongLevel.status(), wrongLevel.body());
        Http.Reply outside = admin.put("/api/v1/regions/500118101099", "{\"name\":\"外\",\"level\":\"VILLAGE\",\"parentCode\":\"500118101\"}");
        assertEquals(403, outside.status(), outside.body());
        assertEquals(404, Http.as("yc_admin").get("/api/v1/regions/500118101099").status());
        Http.Reply control = admin.put("/api/v1/regions/" + town + "003", "{\"name\":\"村\\u202e名\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        assertEquals(400, control.status(), control.body());
        assertEquals("name", control.json().getJsonArray("errors").getJsonObject(0).getString("field"), control.body());
        assertEquals(404, Http.as("clerk").get("/api/v1/regions/500118").status(), "another district is not shown to a clerk");
        assertEquals(200, Http.as("clerk").get("/api/v1/regions/500101").status(), "the way up to the clerk's village is");
    }

    @Test
    void aVillagesTargetIsSetWithItsRuleAndShownOnProgress() {
        Http admin = Http.as("district_admin");
        String town = freeTown();
        admin.put("/api/v1/regions/" + town, "{\"name\":\"目标镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}");
        admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"目标村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        JsonArray before = admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array();
        assertEquals(1, before.size());
        assertEquals(0, before.getJsonObject(0).getInt("target"));

        Http.Reply set = admin.put("/api/v1/policies/" + POLICY + "/targets/" + town + "001", "{\"target\":120,\"rule\":\"上年实缴人数×1.05\"}");
        assertEquals(200, set.status(), set.body());
        assertEquals("上年实缴人数×1.05", set.json().getString("rule"));
        JsonObject line = admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array().getJsonObject(0);
        assertEquals(120, line.getInt("target"));
        assertEquals("上年实缴人数×1.05", line.getString("rule"));
        JsonArray progress = admin.get("/api/v1/progress?policyId=" + POLICY + "&regionCode=" + town).array();
        assertEquals(120, progress.getJsonObject(0).getInt("target"), progress.toString());

        assertEquals(400, admin.put("/api/v1/policies/" + POLICY + "/targets/" + town + "001", "{\"target\":-1}").status());
        assertEquals(403, Http.as("yc_admin").put("/api/v1/policies/" + POLICY + "/targets/" + town + "001", "{\"target\":1}").status());
        assertEquals(403, admin.put("/api/v1/policies/500118-2023/targets/500118101001", "{\"target\":1}").status());
        assertEquals(403, Http.as("town_officer").put("/api/v1/policies/" + POLICY + "/targets/" + town + "001", "{\"target\":1}").status());
        assertEquals(120, admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array().getJsonObject(0).getInt("target"),
                "refusals changed nothing");
    }

    @Test
    void aVillageWithPersonsIsMergedNotRetiredAndEverythingMovesWithIt() {
        Http admin = Http.as("district_admin");
        String town = freeTown();
        admin.put("/api/v1/regions/" + town, "{\"name\":\"并村镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}");
        for (String v : new String[] {"001", "002", "003"}) {
            assertEquals(201, admin.put("/api/v1/regions/" + town + v, "{\"name\":\"并村" + v + "\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
        }
        admin.put("/api/v1/policies/" + POLICY + "/targets/" + town + "001", "{\"target\":30,\"rule\":\"上年实缴人数\"}");
        admin.put("/api/v1/policies/" + POLICY + "/targets/" + town + "002", "{\"target\":50}");
        String id = cn.canbao.platform.entity.IdNumber.withCheckCharacter("5001011966" + String.format("%02d%02d%03d",
                1 + ThreadLocalRandom.current().nextInt(12), 1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
        assertEquals(201, admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"并村居民\",\"householdRegionCode\":\""
                + town + "001\",\"residentType\":\"RESIDENT\"}").status());
        assertEquals(201, admin.post("/api/v1/enrollments", "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1}").status());

        Http.Reply notEmpty = admin.post("/api/v1/regions/" + town + "001/retire", "");
        assertEquals(409, notEmpty.status(), notEmpty.body());
        assertEquals("REGION_HAS_PERSONS", notEmpty.json().getString("code"));
        assertEquals(400, admin.post("/api/v1/regions/" + town + "001/merge", "{\"into\":\"" + town + "001\"}").status(), "not into itself");
        assertEquals(404, Http.as("yc_admin").post("/api/v1/regions/" + town + "001/merge", "{\"into\":\"" + town + "002\"}").status(),
                "another district's administrator does not see the village");
        assertEquals(403, Http.as("town_officer").post("/api/v1/regions/" + town + "001/merge", "{\"into\":\"" + town + "002\"}").status());

        Http.Reply merged = admin.post("/api/v1/regions/" + town + "001/merge", "{\"into\":\"" + town + "002\"}");
        assertEquals(200, merged.status(), merged.body());
        JsonObject moved = merged.json().getJsonObject("moved");
        assertEquals(1, moved.getInt("persons"));
        assertEquals(1, moved.getInt("enrollments"));
        assertEquals(1, moved.getInt("targets"));
        assertEquals(town + "002", merged.json().getJsonObject("from").getString("mergedInto"));
        assertEquals(town + "002", admin.get("/api/v1/persons/" + id).json().getString("householdRegionCode"));
        JsonArray targets = admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array();
        assertEquals(2, targets.size(), "the merged village is retired: " + targets);
        JsonObject into = targets.getJsonObject(0);
        assertEquals(town + "002", into.getString("regionCode"));
        assertEquals(80, into.getInt("target"));
        assertTrue(into.getString("rule").contains("合并"), into.toString());
        assertEquals(2, admin.get("/api/v1/regions?parentCode=" + town).array().size());
        JsonObject retired = admin.get("/api/v1/regions/" + town + "001").json();
        assertTrue(retired.containsKey("retiredOn") && !retired.isNull("retiredOn"), retired.toString());
        assertEquals(400, admin.post("/api/v1/regions/" + town + "001/merge", "{\"into\":\"" + town + "002\"}").status(), "merged once only");

        Http.Reply empty = admin.post("/api/v1/regions/" + town + "003/retire", "");
        assertEquals(200, empty.status(), empty.body());
        assertEquals(1, admin.get("/api/v1/regions?parentCode=" + town).array().size());
    }

    @Test
    void targetsAreDerivedByTheNoticesRuleWithTheRuleKeptBesideEachNumber() {
        Http admin = Http.as("district_admin");
        String town = freeTown();
        String file = "code,name,level,parentCode,householdPopulation\n" + town + ",推算镇,TOWN,500101,\n"
                + town + "001,推算一村,VILLAGE," + town + ",1001\n" + town + "002,推算二村,VILLAGE," + town + ",\n";
        assertEquals(422, admin.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv",
                bytes(file.replace(",1001", ",-5"))).status(), "a negative population is refused");
        assertEquals(200, admin.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv", bytes(file)).status());

        Http.Reply byPopulation = admin.post("/api/v1/policies/" + POLICY + "/targets/derive",
                "{\"rule\":\"HOUSEHOLD_POPULATION\",\"regionCode\":\"" + town + "\",\"ratePercent\":95}");
        assertEquals(200, byPopulation.status(), byPopulation.body());
        JsonObject first = byPopulation.json().getJsonArray("set").getJsonObject(0);
        assertEquals(951, first.getInt("target"), "1001 × 95% = 950.95 → 951");
        assertEquals("户籍人口 1001 × 95%", first.getString("rule"));
        assertEquals(town + "002", byPopulation.json().getJsonArray("skipped").getJsonObject(0).getString("regionCode"));

        // three residents of 推算一村 paid in 500101-2024: derived from that year × 1.5 → 4.5 → 5
        for (int i = 0; i < 3; i++) {
            String id = cn.canbao.platform.entity.IdNumber.withCheckCharacter("5001011955" + String.format("%02d%02d%03d",
                    1 + ThreadLocalRandom.current().nextInt(12), 1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
            Http.Reply person = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"推算居民\",\"householdRegionCode\":\""
                    + town + "001\",\"residentType\":\"RESIDENT\"}");
            if (person.status() == 409) {
                i--;
                continue;
            }
            Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"DERIVE-" + id + "\",\"idNumber\":\"" + id
                    + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-20T09:30:00+08:00\"}");
            assertEquals(201, paid.status(), paid.body());
        }
        Http.Reply byLastYear = admin.post("/api/v1/policies/" + POLICY + "/targets/derive",
                "{\"rule\":\"LAST_YEAR_PAID\",\"regionCode\":\"" + town + "\",\"fromPolicyId\":\"" + POLICY + "\",\"factor\":1.5}");
        assertEquals(200, byLastYear.status(), byLastYear.body());
        JsonArray lines = admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array();
        assertEquals(5, lines.getJsonObject(0).getInt("target"));
        assertEquals("上年实缴人数（" + POLICY + "）3 × 1.5", lines.getJsonObject(0).getString("rule"));
        assertEquals(0, lines.getJsonObject(1).getInt("target"));

        assertEquals(400, admin.post("/api/v1/policies/" + POLICY + "/targets/derive", "{\"rule\":\"GUESS\"}").status());
        assertEquals(400, admin.post("/api/v1/policies/" + POLICY + "/targets/derive",
                "{\"rule\":\"LAST_YEAR_PAID\",\"factor\":1.1}").status(), "the year to derive from is required");
        assertEquals(403, Http.as("yc_admin").post("/api/v1/policies/" + POLICY + "/targets/derive",
                "{\"rule\":\"HOUSEHOLD_POPULATION\",\"ratePercent\":95}").status());
        assertEquals(5, admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array().getJsonObject(0).getInt("target"),
                "refusals changed nothing");
    }

    @Test
    void aFileOfTargetsIsImportedWholeOrNotAtAll() {
        Http admin = Http.as("district_admin");
        String town = freeTown();
        admin.put("/api/v1/regions/" + town, "{\"name\":\"导入目标镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}");
        admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"导入一村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        admin.put("/api/v1/regions/" + town + "002", "{\"name\":\"导入二村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}");
        String good = "regionCode,target,rule\n" + town + "001,640,2023年实际参保人数\n" + town + "002,310,\n";
        String bad = good + town + "001,5,重复\n500118101001,9,外区\n" + town + "002,-1,\n";
        Http.Reply refused = admin.upload("/api/v1/policies/" + POLICY + "/targets/import", Map.of(), "targets.csv", "text/csv", bytes(bad));
        assertEquals(422, refused.status(), refused.body());
        assertEquals(3, refused.json().getJsonArray("errors").size(), refused.body());
        assertEquals(0, admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array().getJsonObject(0).getInt("target"),
                "nothing of a refused file is kept");

        Http.Reply imported = admin.upload("/api/v1/policies/" + POLICY + "/targets/import", Map.of(), "targets.csv", "text/csv", bytes(good));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(2, imported.json().getInt("set"));
        JsonArray lines = admin.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + town).array();
        assertEquals(640, lines.getJsonObject(0).getInt("target"));
        assertEquals("2023年实际参保人数", lines.getJsonObject(0).getString("rule"));
        assertEquals("IMPORTED", lines.getJsonObject(1).getString("rule"));
        assertEquals(403, Http.as("yc_admin").upload("/api/v1/policies/" + POLICY + "/targets/import", Map.of(), "targets.csv",
                "text/csv", bytes(good)).status());
    }

    /** A town code of 万州 not yet in the tree (the tests may run again on the same database). */
    static String freeTown() {
        for (int i = 0; i < 100; i++) {
            String code = "500101" + (200 + ThreadLocalRandom.current().nextInt(800));
            if (Http.as("district_admin").get("/api/v1/regions/" + code).status() == 404) {
                return code;
            }
        }
        throw new IllegalStateException("no free town code");
    }

    private static byte[] bytes(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }
}
