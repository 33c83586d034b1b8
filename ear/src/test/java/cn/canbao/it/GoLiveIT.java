package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A district goes live on a server in production mode (docs/operations.md, "A new district goes live"): an empty
 * database, no demo data and no demo account, the first administrator from the environment (ear/pom.xml, execution
 * go-live: {@code cq_admin} of 重庆市 500000). That administrator changes the first password, adds two districts and
 * their administrators; 黔江区's administrator imports 2 towns and 5 villages from a CSV, loads a policy, sets the
 * targets, creates a clerk; the clerk changes the first password, registers and pays a resident; progress shows the
 * rate. 长寿区's users meet 403 at 黔江区's policy, jobs and lists, and the other way round.
 * <p>
 * Runs alone in its own failsafe execution (a server of its own, on H2 in a fresh data directory or on the empty
 * PostgreSQL database CI creates), so it may assume the database holds nothing but what it writes.
 */
@ExtendWith(ArquillianExtension.class)
class GoLiveIT {

    static final String QIANJIANG = "500114";
    static final String POLICY = "500114-2024";
    static final String OTHER_POLICY = "500115-2024";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aNewDistrictGoesLiveFromAnEmptyDatabase() throws IOException {
        // only on the go-live execution's server (a -Dit.test naming it also reaches the demo server's execution)
        Assumptions.assumeTrue(Boolean.getBoolean("canbao.go-live"), "runs on the production-mode server of execution go-live");
        // production mode: nothing of the demo, only the administrator the environment names
        assertEquals(401, Http.as("clerk").get("/api/v1/accounts/me").status(), "no demo account on a production server");
        assertEquals(401, Http.as("district_admin").get("/api/v1/accounts/me").status());
        assertEquals(401, Http.as("cq_admin", "wrong-password1").get("/api/v1/accounts/me").status());

        Http first = Http.as("cq_admin", "Chongqing2026");
        Http.Reply mustChange = first.get("/api/v1/regions");
        assertEquals(403, mustChange.status(), mustChange.body());
        assertEquals("PASSWORD_CHANGE_REQUIRED", mustChange.json().getString("code"));
        assertEquals(204, first.put("/api/v1/accounts/cq_admin/password",
                "{\"currentPassword\":\"Chongqing2026\",\"password\":\"Yuzhong2027city\"}").status());
        Http city = Http.as("cq_admin", "Yuzhong2027city");
        JsonArray roots = city.get("/api/v1/regions").array();
        assertEquals(1, roots.size(), roots.toString());
        assertEquals("500000", roots.getJsonObject(0).getString("code"));
        assertEquals("重庆市", roots.getJsonObject(0).getString("name"));
        Http.Reply policies = city.get("/api/v1/policies");
        assertEquals(200, policies.status(), policies.body());
        assertEquals(0, policies.array().size(), "no seed policy on a production server");

        // two districts and their administrators
        assertEquals(201, city.put("/api/v1/regions/" + QIANJIANG, "{\"name\":\"黔江区\",\"level\":\"DISTRICT\",\"parentCode\":\"500000\"}").status());
        assertEquals(201, city.put("/api/v1/regions/500115", "{\"name\":\"长寿区\",\"level\":\"DISTRICT\",\"parentCode\":\"500000\"}").status());
        assertEquals(201, city.post("/api/v1/accounts", account("qj_admin", "黔江区医保局", "district_admin", QIANJIANG, "Qianjiang2026a")).status());
        assertEquals(201, city.post("/api/v1/accounts", account("cs_admin", "长寿区医保局", "district_admin", "500115", "Changshou2026a")).status());
        Http qianjiang = signInFirstTime("qj_admin", "Qianjiang2026a", "Qianjiang2027b");
        Http changshou = signInFirstTime("cs_admin", "Changshou2026a", "Changshou2027b");

        // the district's towns and villages from a file: a malformed one changes nothing, the right one is taken whole
        String regions = "code,name,level,parentCode\n"
                + "500114001,城东街道,TOWN,500114\n"
                + "500114101,正阳镇,TOWN,500114\n"
                + "500114001001,三台社区,VILLAGE,500114001\n"
                + "500114001002,城南社区,VILLAGE,500114001\n"
                + "500114101001,正阳村,VILLAGE,500114101\n"
                + "500114101002,桥梁村,VILLAGE,500114101\n"
                + "500114101003,群力村,VILLAGE,500114101\n";
        Http.Reply malformed = qianjiang.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv",
                bytes(regions.replace("500114101003,群力村", "500115101003,群力村")));
        assertEquals(422, malformed.status(), malformed.body());
        assertEquals(0, qianjiang.get("/api/v1/regions?parentCode=" + QIANJIANG).array().size(), "nothing of a refused file is kept");
        Http.Reply imported = qianjiang.upload("/api/v1/regions/import", Map.of(), "regions.csv", "text/csv", bytes(regions));
        assertEquals(200, imported.status(), imported.body());
        assertEquals(7, imported.json().getInt("created"));
        assertEquals(2, qianjiang.get("/api/v1/regions?parentCode=" + QIANJIANG).array().size());
        assertEquals(3, qianjiang.get("/api/v1/regions?parentCode=500114101").array().size());
        assertEquals(403, changshou.put("/api/v1/regions/500114101004", "{\"name\":\"外区村\",\"level\":\"VILLAGE\",\"parentCode\":\"500114101\"}").status());

        // a policy of each district (the 2024 notice's rules, as a district would enter its own)
        assertEquals(201, qianjiang.put("/api/v1/policies/" + POLICY, policy(QIANJIANG, "黔江区")).status());
        assertEquals(201, changshou.put("/api/v1/policies/" + OTHER_POLICY, policy("500115", "长寿区")).status());
        Http.Reply foreignPolicy = qianjiang.put("/api/v1/policies/" + OTHER_POLICY, policy("500115", "长寿区"));
        assertEquals(403, foreignPolicy.status(), foreignPolicy.body());
        assertEquals("POLICY_OUTSIDE_AREA", foreignPolicy.json().getString("code"));

        // targets
        Map<String, Integer> targets = Map.of("500114001001", 4, "500114001002", 3, "500114101001", 2, "500114101002", 2, "500114101003", 1);
        targets.forEach((village, target) -> assertEquals(200, qianjiang.put("/api/v1/policies/" + POLICY + "/targets/" + village,
                "{\"target\":" + target + ",\"rule\":\"2023年实际参保人数\"}").status()));
        JsonArray set = qianjiang.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + QIANJIANG).array();
        assertEquals(5, set.size());
        assertEquals(12, set.stream().mapToInt(t -> t.asJsonObject().getInt("target")).sum());
        assertEquals(403, changshou.get("/api/v1/policies/" + POLICY + "/targets?regionCode=" + QIANJIANG).status());

        // a clerk of 三台社区 signs in, changes the first password, registers and pays a resident
        Http.Reply weak = qianjiang.post("/api/v1/accounts", account("qj_clerk", "三台社区经办员", "clerk", "500114001001", "12345678"));
        assertEquals(400, weak.status(), weak.body());
        assertEquals(201, qianjiang.post("/api/v1/accounts", account("qj_clerk", "三台社区经办员", "clerk", "500114001001", "Santai2026a")).status());
        assertEquals(409, qianjiang.post("/api/v1/accounts", account("qj_clerk", "重名", "clerk", "500114001002", "Santai2026b")).status());
        Http clerk = signInFirstTime("qj_clerk", "Santai2026a", "Santai2027c");
        String id = IdNumber.withCheckCharacter("50011419800312123").value();
        Http.Reply person = clerk.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"黔江居民\","
                + "\"householdRegionCode\":\"500114001001\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, person.status(), person.body());
        Http.Reply enrolled = clerk.post("/api/v1/enrollments", "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1}");
        assertEquals(201, enrolled.status(), enrolled.body());
        BigDecimal due = enrolled.json().getJsonNumber("amountDue").bigDecimalValue();
        Http.Reply paid = clerk.post("/api/v1/payments", "{\"transactionId\":\"GOLIVE-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":" + due.toPlainString()
                + ",\"channel\":\"CASH\",\"paidAt\":\"2023-11-20T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());

        // progress shows the rate: 1 of 4 in 三台社区, 1 of 7 in 城东街道
        JsonObject town = row(qianjiang.get("/api/v1/progress?policyId=" + POLICY + "&regionCode=" + QIANJIANG).array(), "500114001");
        assertEquals(7, town.getInt("target"));
        assertEquals(1, town.getInt("enrolled"));
        assertEquals(new BigDecimal("14.29"), town.getJsonNumber("rate").bigDecimalValue());
        JsonObject village = row(qianjiang.get("/api/v1/progress?policyId=" + POLICY + "&regionCode=500114001").array(), "500114001001");
        assertEquals(new BigDecimal("25.00"), village.getJsonNumber("rate").bigDecimalValue());

        // the other district's users stay out: policy, jobs, lists, persons, accounts
        for (Http.Reply refused : List.of(
                changshou.get("/api/v1/progress?policyId=" + POLICY + "&regionCode=" + QIANJIANG),
                changshou.get("/api/v1/policies/" + POLICY + "/unpaid-list?regionCode=" + QIANJIANG),
                changshou.post("/api/v1/batch/jobs/full-cost-switchover/executions",
                        "{\"parameters\":{\"policyId\":\"" + POLICY + "\",\"asOf\":\"2024-07-01\"}}"),
                qianjiang.post("/api/v1/batch/jobs/campaign-deadline-rollover/executions",
                        "{\"parameters\":{\"policyId\":\"" + OTHER_POLICY + "\",\"asOf\":\"2024-01-01\"}}"),
                clerk.get("/api/v1/policies/" + OTHER_POLICY + "/unpaid-list?regionCode=500115"),
                changshou.get("/api/v1/accounts?regionCode=" + QIANJIANG))) {
            assertEquals(403, refused.status(), refused.body());
        }
        Http.Reply foreignPerson = changshou.get("/api/v1/persons/" + id);
        assertEquals(404, foreignPerson.status(), "answered as not registered: " + foreignPerson.body());
        assertFalse(foreignPerson.body().contains("黔江居民"), foreignPerson.body());
        assertEquals(404, changshou.get("/api/v1/accounts/qj_clerk").status());
    }

    // --- helpers

    /** Signs in with the first password (refused until it is changed), changes it, and signs in with the new one. */
    private static Http signInFirstTime(String user, String first, String next) {
        Http http = Http.as(user, first);
        assertEquals("PASSWORD_CHANGE_REQUIRED", http.get("/api/v1/regions").json().getString("code"));
        Http.Reply changed = http.put("/api/v1/accounts/" + user + "/password",
                "{\"currentPassword\":\"" + first + "\",\"password\":\"" + next + "\"}");
        assertEquals(204, changed.status(), changed.body());
        Http after = Http.as(user, next);
        assertEquals(200, after.get("/api/v1/accounts/me").status());
        assertEquals(401, Http.as(user, first).get("/api/v1/accounts/me").status(), "the first password stops working at once");
        return after;
    }

    private static String account(String username, String displayName, String role, String region, String password) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"" + displayName + "\",\"role\":\"" + role
                + "\",\"regionCode\":\"" + region + "\",\"password\":\"" + password + "\"}";
    }

    /** Seed 500101-2024's rules as another district's policy: its codes and name replaced. */
    private static String policy(String district, String name) throws IOException {
        String seed = Files.readString(Path.of(System.getProperty("canbao.policies.dir"), "500101-2024.json"), StandardCharsets.UTF_8);
        return seed.replace("500101", district).replace("万州区", name);
    }

    private static JsonObject row(JsonArray rows, String code) {
        return rows.stream().map(JsonObject.class::cast).filter(r -> code.equals(r.getString("regionCode"))).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + rows));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
