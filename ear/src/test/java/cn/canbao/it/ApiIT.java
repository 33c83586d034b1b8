package cn.canbao.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST base seen from outside: health, problem+json for every error, authentication, region visibility. */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

    private static final String PROBLEM = "application/problem+json";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void healthIsPublicAndSaysTheDatabaseAnswers() {
        Http.Reply reply = Http.anonymous().get("/api/v1/health");
        assertEquals(200, reply.status());
        JsonObject body = reply.json();
        assertEquals("UP", body.getString("status"));
        assertFalse(body.getJsonArray("checks").getJsonObject(0).containsKey("database"), "a stranger learns no versions");
        String database = Http.as("operator").get("/api/v1/health").json().getJsonArray("checks").getJsonObject(0)
                .getString("database");
        System.out.println("ApiIT: the application database is " + database);
        assertTrue(database.startsWith(System.getenv("CANBAO_DB_URL") != null ? "PostgreSQL" : "H2"), database);
    }

    @Test
    void theLoginPageIsServedAtTheRoot() {
        Http.Reply reply = Http.anonymous().get("/");
        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("j_username") && reply.body().contains("/signin"), "login form expected");
        assertTrue(reply.body().contains("登录"), "Chinese by default");
    }

    @Test
    void anythingButHealthNeedsAuthentication() {
        for (String path : List.of("/api/v1/regions", "/api/v1/policies", "/api/v1/no-such-thing")) {
            Http.Reply reply = Http.anonymous().get(path);
            assertEquals(401, reply.status(), path);
            assertEquals(PROBLEM, reply.contentType(), path);
            assertEquals(401, reply.json().getInt("status"));
            assertTrue(reply.raw().headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        }
    }

    @Test
    void wrongCredentialsGiveProblemJsonNotALoginPage() {
        Http.Reply reply = Http.as("clerk", "not-the-password").get("/api/v1/regions");
        assertEquals(401, reply.status());
        assertEquals(PROBLEM, reply.contentType());
        assertEquals("BAD_CREDENTIALS", reply.json().getString("code"));
    }

    @Test
    void unknownPathIsAProblemJson404() {
        Http.Reply reply = Http.as("clerk").get("/api/v1/no-such-thing");
        assertEquals(404, reply.status());
        assertEquals(PROBLEM, reply.contentType());
        JsonObject problem = reply.json();
        assertEquals(404, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertFalse(reply.body().contains("Exception"), "no stack trace: " + reply.body());
    }

    @Test
    void onlyCanbaoResourcesArePublished() {
        // EclipseLink's all-in-one jar would add JPA-RS (every entity over REST) under /api/v1/{version}/{context}
        Http.Reply jpaRs = Http.as("district_admin").get("/api/v1/v2.0/canbao/metadata");
        assertEquals(404, jpaRs.status(), jpaRs.body());
        String openApi = Http.anonymous().getAbsolute(Http.BASE.replaceFirst("/canbao$", "") + "/openapi").body();
        assertTrue(openApi.contains("/canbao/api/v1/payments"), "the API is documented");
        assertFalse(openApi.contains("{context}"), "no JPA-RS resources in the API");
    }

    @Test
    void malformedJsonIsAProblemJson400() {
        Http.Reply reply = Http.as("clerk").post("/api/v1/policies/500101-2024/quotes", "{\"tier\": 1, \"paymentDate\": ");
        assertEquals(400, reply.status());
        assertEquals(PROBLEM, reply.contentType());
        assertEquals("MALFORMED_JSON", reply.json().getString("code"));
        assertFalse(reply.body().contains("\tat "), "no stack trace");
    }

    @Test
    void aRoleThatMayNotActGets403() {
        Http.Reply reply = Http.as("clerk").put("/api/v1/policies/500101-2024", "{}");
        assertEquals(403, reply.status());
        assertEquals(PROBLEM, reply.contentType());
    }

    @Test
    void aClerkSeesOnlyTheirVillage() {
        Http.Reply roots = Http.as("clerk").get("/api/v1/regions");
        assertEquals(200, roots.status());
        assertEquals(1, roots.array().size());
        assertEquals("500101101001", roots.array().getJsonObject(0).getString("code"));
        assertEquals("VILLAGE", roots.array().getJsonObject(0).getString("level"));

        Http.Reply town = Http.as("clerk").get("/api/v1/regions?parentCode=500101101");
        assertEquals(1, town.array().size(), "only the clerk's own village of the town");

        Http.Reply elsewhere = Http.as("clerk").get("/api/v1/regions?parentCode=500118101");
        assertEquals(403, elsewhere.status());
        assertEquals(PROBLEM, elsewhere.contentType());
    }

    @Test
    void aTownOfficerSeesEveryVillageOfTheTown() {
        Http.Reply town = Http.as("town_officer").get("/api/v1/regions?parentCode=500101101");
        assertEquals(200, town.status());
        assertEquals(17, town.array().size());
        assertEquals("白羊社区", town.array().getJsonObject(0).getString("name"));
        assertEquals("500101101", town.array().getJsonObject(0).getString("parentCode"));
    }

    @Test
    void unknownRegionIsA404() {
        Http.Reply reply = Http.as("district_admin").get("/api/v1/regions?parentCode=999999");
        assertEquals(404, reply.status());
        assertEquals(PROBLEM, reply.contentType());
    }
    /**
     * Values longer than their columns once answered 500 (the bad-input corpus of the hardening issue): whatever slips
     * past a boundary's own checks, the database's refusal reaches the caller as a 400 problem in plain words.
     */
    @Test
    void valuesLongerThanTheirColumnsAreRefusedAsTheCallersProblem() {
        String id = cn.canbao.platform.entity.IdNumber.withCheckCharacter("5001011991" + String.format("%02d%02d%03d",
                1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(12), 1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(28),
                java.util.concurrent.ThreadLocalRandom.current().nextInt(1000))).value();
        String member = "{\"idNumber\":\"" + id + "\",\"name\":\"长字段\",\"residentType\":\"RESIDENT\"}";
        for (String body : List.of(
                "{\"householdNumber\":\"" + "1".repeat(41) + "\",\"regionCode\":\"500101101001\",\"members\":[" + member + "]}",
                "{\"householdNumber\":\"H1\",\"regionCode\":\"500101101001\",\"address\":\"" + "路".repeat(201) + "\",\"members\":[" + member + "]}")) {
            Http.Reply reply = Http.as("clerk").post("/api/v1/households", body);
            assertTrue(reply.status() == 400 || reply.status() == 422, reply.status() + " " + reply.body());
            assertEquals("application/problem+json", reply.contentType());
            assertFalse(reply.body().matches("(?s).*(\\b[a-z]+\\.[a-z]+\\.[A-Z]\\w+|SQL|varying|canbao\\.).*"), reply.body());
        }
        assertEquals(404, Http.as("clerk").get("/api/v1/persons/" + id).status(), "nothing of a refused household is kept");
    }
    /**
     * A body is one JSON value, not too deep, whole numbers where whole numbers are meant: a tier of 1.9 or 4294967298
     * was once recorded as tier 1 or 2, trailing garbage accepted, a 3,000-deep body answered 500. Now each is a 400
     * problem before anything is written.
     */
    @Test
    void bodiesAreReadStrictly() {
        String tx = "IT-STRICT-" + System.nanoTime();
        String valid = "{\"transactionId\":\"" + tx + "\",\"idNumber\":\"500101199001011237\",\"policyId\":\"500101-2024\","
                + "\"tier\":1,\"amount\":380,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-20T09:30:00+08:00\"}";
        for (String body : List.of(valid.replace("\"tier\":1", "\"tier\":1.9"), valid.replace("\"tier\":1", "\"tier\":4294967298"),
                valid.replace("\"tier\":1", "\"tier\":\"1\""), valid + " trailing", valid + valid,
                "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}")) {
            Http.Reply refused = Http.as("tax").post("/api/v1/payments", body);
            assertEquals(400, refused.status(), refused.body());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals("MALFORMED_JSON", refused.json().getString("code"));
            assertFalse(refused.body().contains("java.") || refused.body().contains("yasson") || refused.body().contains("Exception"), refused.body());
        }
        assertEquals(404, Http.as("tax").get("/api/v1/payments/" + tx + "/receipt.pdf").status(), "no payment was recorded");
    }
}
