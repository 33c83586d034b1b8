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
        assertEquals(422, control.status(), control.body());
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

    /** A town code of 万州 not yet in the tree (the tests may run again on the same database). */
    private static String freeTown() {
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
