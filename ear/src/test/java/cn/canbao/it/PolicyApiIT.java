package cn.canbao.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The five seed notices loaded through the API as a district admin would, then quoted over HTTP. */
@ExtendWith(ArquillianExtension.class)
class PolicyApiIT {

    private static final List<String> SEEDS = List.of("500101-2024", "500118-2023", "500230-2024", "511903-2024", "500102-2023");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    /** Each district's administrator (demo accounts): a district loads and replaces its own policies only. */
    private static final java.util.Map<String, String> ADMINS = java.util.Map.of("500101", "district_admin", "500118", "yc_admin",
            "500230", "fd_admin", "511903", "ey_admin", "500102", "fl_admin");

    @Test
    void anotherDistrictsPolicyIsReadOnly() throws IOException {
        String before = Http.as("yc_admin").get("/api/v1/policies/500118-2023").body();
        Http.Reply put = Http.as("district_admin").put("/api/v1/policies/500118-2023", seed("500118-2023"));
        assertEquals(403, put.status(), put.body());
        assertEquals("POLICY_OUTSIDE_AREA", put.json().getString("code"));
        assertEquals(before, Http.as("yc_admin").get("/api/v1/policies/500118-2023").body(), "nothing changed");
        // a new year for 永川 (2025: no 29 February in the document) is 永川's to create, not 万州's
        String next = seed("500118-2023").replace("2023", "2025").replace("2022", "2024");
        Http.Reply create = Http.as("district_admin").put("/api/v1/policies/500118-2025", next);
        assertEquals(403, create.status(), create.body());
        assertEquals(404, Http.as("yc_admin").get("/api/v1/policies/500118-2025").status(), "nothing created");
    }

    private static String seed(String policyId) throws IOException {
        Path dir = Path.of(System.getProperty("canbao.policies.dir", "../config/policies"));
        return Files.readString(dir.resolve(policyId + ".json"), StandardCharsets.UTF_8);
    }

    @Test
    void theFiveSeedPoliciesLoadThroughTheApi() throws IOException {
        for (String policyId : SEEDS) {
            Http.Reply put = Http.as(ADMINS.get(policyId.substring(0, 6))).put("/api/v1/policies/" + policyId, seed(policyId));
            assertTrue(put.status() == 200 || put.status() == 201, policyId + " → " + put.status() + " " + put.body());
            Http.Reply get = Http.as("clerk").get("/api/v1/policies/" + policyId);
            assertEquals(200, get.status());
            assertEquals(policyId, get.json().getString("policyId"));
        }
        Http.Reply list = Http.as("clerk").get("/api/v1/policies");
        List<String> ids = list.array().stream().map(v -> v.asJsonObject().getString("policyId")).toList();
        assertTrue(ids.containsAll(SEEDS), "listed: " + ids);
    }

    @Test
    void quotesOverHttpComputeTheNotices() {
        // 万州 2024, 低保 (101) tier 1 in March: 380 − 342 = 38, 90-day wait
        JsonObject lowIncome = quote("500101-2024", "{\"tier\":1,\"paymentDate\":\"2024-03-15\",\"identities\":[\"101\"]}");
        assertMoney("380.00", lowIncome, "standardAmount");
        assertEquals("101", lowIncome.getString("subsidyCode"));
        assertMoney("342.00", lowIncome, "subsidyAmount");
        assertMoney("38.00", lowIncome, "personalAmount");
        assertEquals("2024-06-13", lowIncome.getString("benefitStart"));
        assertEquals("2024-12-31", lowIncome.getString("benefitEnd"));
        assertTrue(lowIncome.getJsonArray("explanation").size() > 0);

        // 万州 2024, tier 2 in the concentrated window, no identity: whole 2024 at 755, subsidyCode null
        JsonObject plain = quote("500101-2024", "{\"tier\":2,\"paymentDate\":\"2023-11-20\"}");
        assertMoney("755.00", plain, "personalAmount");
        assertTrue(plain.isNull("subsidyCode"), "subsidyCode present and null");
        assertEquals("2024-01-01", plain.getString("benefitStart"));

        // 万州 2024 from 1 July: full cost = 380 + 640
        JsonObject late = quote("500101-2024", "{\"tier\":1,\"paymentDate\":\"2024-07-01\"}");
        assertMoney("640.00", late, "fiscalShareAmount");
        assertMoney("1020.00", late, "personalAmount");

        // 松溉 2023, tier 1 low-income (101): 315 subsidy, 35 personal
        JsonObject songgai = quote("500118-2023", "{\"tier\":1,\"paymentDate\":\"2022-11-20\",\"identities\":[\"101\"]}");
        assertMoney("35.00", songgai, "personalAmount");
    }

    @Test
    void refusalsAre422ProblemJson() {
        Http.Reply afterCutoff = Http.as("clerk").post("/api/v1/policies/500101-2024/quotes",
                "{\"tier\":1,\"paymentDate\":\"2024-10-08\"}");
        assertEquals(422, afterCutoff.status());
        assertEquals("application/problem+json", afterCutoff.contentType());

        Http.Reply noSuchTier = Http.as("clerk").post("/api/v1/policies/511903-2024/quotes",
                "{\"tier\":2,\"paymentDate\":\"2023-11-20\"}");
        assertEquals(422, noSuchTier.status());

        Http.Reply fiscalNotSet = Http.as("clerk").post("/api/v1/policies/500230-2024/quotes",
                "{\"tier\":1,\"paymentDate\":\"2024-08-01\"}");
        assertEquals(422, fiscalNotSet.status());
        assertEquals("FISCAL_SUBSIDY_NOT_SET", fiscalNotSet.json().getString("code"));

        Http.Reply unknown = Http.as("clerk").post("/api/v1/policies/999999-2024/quotes", "{\"tier\":1}");
        assertEquals(404, unknown.status());
    }

    @Test
    void aPolicyWithABrokenRowIsRefusedWithTheRowNamedAndChangesNothing() throws IOException {
        String before = Http.as("clerk").get("/api/v1/policies/500101-2024").body();
        // 101 tier 1: subsidy 342 + personal 38 = 380; make the personal part 39
        String broken = seed("500101-2024").replaceFirst("\"personal\"\\s*:\\s*38(\\.00)?", "\"personal\": 39.00");
        assertTrue(!broken.equals(seed("500101-2024")), "the test must break the file");
        Http.Reply reply = Http.as("district_admin").put("/api/v1/policies/500101-2024", broken);
        assertEquals(422, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.contentType());
        String errors = reply.json().getJsonArray("errors").toString();
        assertTrue(errors.contains("101"), "the offending row is named: " + errors);
        assertEquals(before, Http.as("clerk").get("/api/v1/policies/500101-2024").body(), "nothing changed");
    }

    private static JsonObject quote(String policyId, String body) {
        Http.Reply reply = Http.as("clerk").post("/api/v1/policies/" + policyId + "/quotes", body);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    private static void assertMoney(String expected, JsonObject quote, String field) {
        assertEquals(0, new BigDecimal(expected).compareTo(quote.getJsonNumber(field).bigDecimalValue()),
                field + " = " + quote.get(field));
    }
}
