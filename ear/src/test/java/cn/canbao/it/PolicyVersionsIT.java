package cn.canbao.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "A new year in minutes" over HTTP (issue 14 item 5): a policy drafted for a later year from 恩阳's 2024 notice, saved
 * twice (two versions with who and when), the versions compared, next year drafted from it and saved, compared aligned and
 * literally, the lint's headers, and the refusals. Policies 511903-2040 and 511903-2041 belong to this test alone (the ITs
 * share one database, and a rerun finds them: every count is taken relative to what was there).
 */
@ExtendWith(ArquillianExtension.class)
class PolicyVersionsIT {

    private static final String SOURCE = "511903-2024";
    private static final String Y2040 = "511903-2040";
    private static final String Y2041 = "511903-2041";
    private static final String ADMIN = "ey_admin";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void twoSavesAreTwoVersionsWithWhoAndWhenAndCompareField() {
        String draft = draft(SOURCE, 2040);
        long before = versionCount(Y2040);

        Http.Reply first = Http.as(ADMIN).put("/api/v1/policies/" + Y2040 + "?note=IT%20%E9%A6%96%E6%AC%A1", draft);
        assertTrue(first.status() == 201 || first.status() == 200, first.status() + " " + first.body());
        assertEquals(String.valueOf(before + 1), first.header("Policy-Version"));
        // 恩阳 enters no fiscal subsidy ("按上级规定") but has a full-cost window: one warning, listed at the lint
        assertEquals("1", first.header("Policy-Warnings"));
        assertTrue(first.header("Link").contains("/api/v1/policies/" + Y2040 + "/lint"), first.header("Link"));
        assertTrue(first.header("Link").contains("rel=\"lint\""), first.header("Link"));
        assertEquals(Y2040, first.json().getString("policyId"), "the body is the stored document, as before");

        String withFiscal = Json.createObjectBuilder(read(draft)).add("fiscalSubsidy", 700).build().toString();
        Http.Reply second = Http.as(ADMIN).put("/api/v1/policies/" + Y2040, withFiscal);
        assertEquals(200, second.status(), second.body());
        assertEquals(String.valueOf(before + 2), second.header("Policy-Version"));
        assertEquals("0", second.header("Policy-Warnings"));

        Http.Reply list = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/versions?size=2");
        assertEquals(200, list.status(), list.body());
        assertEquals(String.valueOf(before + 2), list.header("X-Total-Count"));
        JsonArray versions = list.array();
        assertEquals(2, versions.size());
        JsonObject newest = versions.getJsonObject(0);
        assertEquals(before + 2, newest.getInt("version"));
        assertEquals(ADMIN, newest.getString("savedBy"));
        assertNotNull(newest.getString("savedAt"));
        JsonObject older = versions.getJsonObject(1);
        assertEquals(before + 1, older.getInt("version"));
        assertEquals("IT 首次", older.getString("note"));

        JsonObject v1 = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/versions/" + (before + 1)).json();
        assertEquals(JsonValue.ValueType.NULL, v1.get("fiscalSubsidy").getValueType());
        JsonObject v2 = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/versions/" + (before + 2)).json();
        assertEquals(700, v2.getJsonNumber("fiscalSubsidy").intValue());

        // by default: the newest against the one before it
        JsonObject diff = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/diff").json();
        assertEquals(before + 2, diff.getInt("version"));
        assertEquals(before + 1, diff.getInt("againstVersion"));
        JsonArray changes = diff.getJsonArray("changes");
        assertEquals(1, changes.size(), changes.toString());
        JsonObject change = changes.getJsonObject(0);
        assertEquals("GENERAL", change.getString("section"));
        assertEquals("fiscalSubsidy", change.getString("field"));
        assertEquals("CHANGED", change.getString("kind"));
        assertEquals("700.00", change.getString("after"));
        assertFalse(change.containsKey("before") && change.get("before").getValueType() == JsonValue.ValueType.STRING, change.toString());
        // any two versions, either way round
        JsonObject back = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/diff?version=" + (before + 1)
                + "&againstVersion=" + (before + 2)).json();
        assertEquals("700.00", back.getJsonArray("changes").getJsonObject(0).getString("before"));

        JsonObject lint = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/lint").json();
        assertEquals(before + 2, lint.getInt("version"));
        assertEquals(0, lint.getJsonArray("warnings").size(), lint.toString());
    }

    @Test
    void nextYearIsDraftedValidatedSavedAndComparedWithTheYearBefore() {
        Http.Reply put2040 = Http.as(ADMIN).put("/api/v1/policies/" + Y2040, draft(SOURCE, 2040));
        assertTrue(put2040.status() == 201 || put2040.status() == 200, put2040.body());

        Http.Reply drafted = Http.as(ADMIN).get("/api/v1/policies/" + Y2040 + "/next-year-draft");
        assertEquals(200, drafted.status(), drafted.body());
        JsonObject next = drafted.json();
        assertEquals(Y2041, next.getString("policyId"));
        assertEquals(2041, next.getInt("insuranceYear"));
        JsonObject grace = next.getJsonArray("windows").getJsonObject(1);
        assertEquals("2041-01-01", grace.getString("from"));
        assertEquals("2041-02-28", grace.getString("to"), "29 Feb 2040 ends February: 28 Feb 2041");
        assertEquals("2041-12-31", next.getString("finalCutoff"));
        assertEquals(380, next.getJsonArray("tiers").getJsonObject(0).getJsonNumber("residentStandard").intValue());
        assertEquals("1", drafted.header("Policy-Warnings"));

        long before = versionCount(Y2041);
        Http.Reply saved = Http.as(ADMIN).put("/api/v1/policies/" + Y2041, drafted.body());
        assertTrue(saved.status() == 201 || saved.status() == 200, saved.body());
        assertEquals(String.valueOf(before + 1), saved.header("Policy-Version"));

        JsonObject aligned = Http.as("supervisor").get("/api/v1/policies/" + Y2041 + "/diff?against=" + Y2040 + "&aligned=true").json();
        assertTrue(aligned.getBoolean("aligned"));
        assertEquals(Y2040, aligned.getString("againstId"));
        JsonArray only = aligned.getJsonArray("changes");
        assertEquals(1, only.size(), "aligned, only the draft's note differs: " + only);
        assertEquals("NOTES", only.getJsonObject(0).getString("section"));
        assertEquals("ADDED", only.getJsonObject(0).getString("kind"));

        JsonObject literal = Http.as("supervisor").get("/api/v1/policies/" + Y2041 + "/diff?against=" + Y2040 + "&aligned=false").json();
        List<String> fields = literal.getJsonArray("changes").stream().map(JsonValue::asJsonObject)
                .map(c -> c.getString("section") + " " + (c.isNull("field") ? "" : c.getString("field"))).toList();
        assertTrue(fields.contains("GENERAL insuranceYear"), fields.toString());
        assertTrue(fields.contains("WINDOWS from"), fields.toString());
        assertFalse(fields.stream().anyMatch(f -> f.startsWith("TIERS") || f.startsWith("CATALOGUE")), "amounts kept: " + fields);
    }

    @Test
    void unknownPoliciesAndVersionsAre404AndBadParameters400NeverA500() {
        Http.Reply put = Http.as(ADMIN).put("/api/v1/policies/" + Y2040, draft(SOURCE, 2040));
        assertTrue(put.status() == 201 || put.status() == 200, put.body());
        for (String path : List.of("/api/v1/policies/999999-2040/versions", "/api/v1/policies/999999-2040/versions/1",
                "/api/v1/policies/999999-2040/lint", "/api/v1/policies/999999-2040/diff",
                "/api/v1/policies/" + Y2040 + "/diff?against=999999-2040",
                "/api/v1/policies/" + Y2040 + "/diff?against=" + "9".repeat(300))) {
            assertProblem(Http.as("clerk").get(path), 404, path);
        }
        assertProblem(Http.as(ADMIN).get("/api/v1/policies/999999-2040/next-year-draft"), 404, "draft of nothing");
        for (String version : List.of("0", "-1", "abc", "99999999", "1.5", "999999999999")) {
            Http.Reply reply = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/versions/" + version);
            assertProblem(reply, 404, version);
            assertEquals("POLICY_VERSION_UNKNOWN", reply.json().getString("code"), version);
        }
        for (String query : List.of("version=abc", "againstVersion=0", "aligned=maybe", "version=99999999")) {
            Http.Reply reply = Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/diff?" + query);
            assertTrue(reply.status() == 400 || reply.status() == 404, query + " → " + reply.status() + " " + reply.body());
            assertEquals("application/problem+json", reply.contentType(), query);
        }
        for (String year : List.of("2040", "2039", "2061", "abc", "-5")) {
            assertProblem(Http.as(ADMIN).get("/api/v1/policies/" + Y2040 + "/next-year-draft?year=" + year), 400, year);
        }
        assertProblem(Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/versions?size=501"), 400, "size");
    }

    @Test
    void onlyTheDistrictsAdministratorSavesAndDraftsWhileReadersRead() {
        String draft = draft(SOURCE, 2040);
        assertTrue(Http.as(ADMIN).put("/api/v1/policies/" + Y2040, draft).status() < 300);
        long before = versionCount(Y2040);
        assertEquals(403, Http.as("clerk").put("/api/v1/policies/" + Y2040, draft).status());
        Http.Reply other = Http.as("district_admin").put("/api/v1/policies/" + Y2040, draft);
        assertEquals(403, other.status(), other.body());
        assertEquals("POLICY_OUTSIDE_AREA", other.json().getString("code"));
        assertEquals(before, versionCount(Y2040), "a refused save keeps no version");
        assertEquals(403, Http.as("clerk").get("/api/v1/policies/" + Y2040 + "/next-year-draft").status());
        assertEquals(401, Http.anonymous().get("/api/v1/policies/" + Y2040 + "/versions").status());
        for (String reader : List.of("clerk", "town_officer", "supervisor", "tax")) {
            assertEquals(200, Http.as(reader).get("/api/v1/policies/" + Y2040 + "/versions").status(), reader);
            assertEquals(200, Http.as(reader).get("/api/v1/policies/" + Y2040 + "/lint").status(), reader);
        }
        // a seed policy has its versions too: version 1 from the start (or from the migration)
        Http.Reply seed = Http.as("clerk").get("/api/v1/policies/" + SOURCE + "/versions");
        assertEquals(200, seed.status());
        assertTrue(Long.parseLong(seed.header("X-Total-Count")) >= 1, seed.body());
        // a refused document (broken row) appends no version either
        String broken = draft.replaceFirst("\"residentStandard\"\\s*:\\s*380(\\.00)?", "\"residentStandard\": 381.00");
        assertEquals(422, Http.as(ADMIN).put("/api/v1/policies/" + Y2040, broken).status());
        assertEquals(before, versionCount(Y2040));
    }

    private static String draft(String from, int year) {
        Http.Reply reply = Http.as(ADMIN).get("/api/v1/policies/" + from + "/next-year-draft?year=" + year);
        assertEquals(200, reply.status(), reply.body());
        return reply.body();
    }

    private static long versionCount(String policyId) {
        Http.Reply reply = Http.as("clerk").get("/api/v1/policies/" + policyId + "/versions?size=1");
        if (reply.status() == 404) {
            return 0;
        }
        assertEquals(200, reply.status(), reply.body());
        return Long.parseLong(reply.header("X-Total-Count"));
    }

    private static JsonObject read(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static void assertProblem(Http.Reply reply, int status, String what) {
        assertEquals(status, reply.status(), what + " → " + reply.body());
        assertEquals("application/problem+json", reply.contentType(), what);
    }
}
