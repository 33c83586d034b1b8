package cn.canbao.it;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accounts in the database (../shared/spec/API.md, "Going live"): created by an administrator inside their area, signed
 * in at once, a new password forced, changes audited, passwords only as bcrypt hashes; bad input changes nothing; and
 * sign-in throttling by source and user name (429 with Retry-After, the real user in again after the window, an
 * administrator's unlock). The test server refuses for 2–4 s (arquillian.xml) instead of 30–300 s.
 */
@ExtendWith(ArquillianExtension.class)
class AccountIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String VILLAGE = "500101101003";
    private static final String TOWN = "500101101";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(AccountIT.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Inject
    jakarta.transaction.UserTransaction tx;

    @Test
    void anAdministratorCreatesAClerkWhoSignsInAtOnceAndMustChooseAPassword() {
        String name = unique("clerk");
        Http admin = Http.as("district_admin");
        Http.Reply created = admin.post("/api/v1/accounts", account(name, "clerk", VILLAGE, "Baiyang2026x"));
        assertEquals(201, created.status(), created.body());
        assertEquals(name, created.json().getString("username"));
        assertTrue(created.json().getBoolean("mustChangePassword"));
        assertTrue(created.raw().headers().firstValue("Location").orElse("").endsWith("/accounts/" + name));

        Http clerk = Http.as(name, "Baiyang2026x");
        Http.Reply me = clerk.get("/api/v1/accounts/me");
        assertEquals(200, me.status(), me.body());
        assertEquals("clerk", me.json().getString("role"));
        assertEquals(VILLAGE, me.json().getString("regionCode"));
        Http.Reply blocked = clerk.get("/api/v1/regions");
        assertEquals(403, blocked.status(), blocked.body());
        assertEquals("PASSWORD_CHANGE_REQUIRED", blocked.json().getString("code"));

        Http.Reply wrongCurrent = clerk.put("/api/v1/accounts/" + name + "/password",
                "{\"currentPassword\":\"nope\",\"password\":\"Yuquan2026yy\"}");
        assertEquals(400, wrongCurrent.status(), wrongCurrent.body());
        Http.Reply weak = clerk.put("/api/v1/accounts/" + name + "/password",
                "{\"currentPassword\":\"Baiyang2026x\",\"password\":\"short\"}");
        assertEquals(400, weak.status(), weak.body());
        assertEquals("password", weak.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        Http.Reply changed = clerk.put("/api/v1/accounts/" + name + "/password",
                "{\"currentPassword\":\"Baiyang2026x\",\"password\":\"Yuquan2026yy\"}");
        assertEquals(204, changed.status(), changed.body());
        assertEquals(401, Http.as(name, "Baiyang2026x").get("/api/v1/regions").status(), "the old password no longer works");
        Http renewed = Http.as(name, "Yuquan2026yy");
        assertEquals(200, renewed.get("/api/v1/regions").status());
        assertFalse(renewed.get("/api/v1/accounts/me").json().getBoolean("mustChangePassword"));

        Http.Reply reset = admin.put("/api/v1/accounts/" + name + "/password", "{\"password\":\"Reset2026zz\"}");
        assertEquals(204, reset.status(), reset.body());
        assertEquals(403, Http.as(name, "Reset2026zz").get("/api/v1/regions").status(), "a reset forces a new password again");

        Http.Reply disabled = admin.patch("/api/v1/accounts/" + name, "{\"enabled\":false}");
        assertEquals(200, disabled.status(), disabled.body());
        assertFalse(disabled.json().getBoolean("enabled"));
        assertEquals(401, Http.as(name, "Reset2026zz").get("/api/v1/accounts/me").status(), "a disabled account cannot sign in");

        List<?> actions = em.createQuery("select a.action from AuditEntry a where a.entityType = 'account' and a.entityId = :u"
                + " order by a.id").setParameter("u", name).getResultList();
        assertEquals(List.of("ACCOUNT_CREATED", "ACCOUNT_PASSWORD_CHANGED", "ACCOUNT_PASSWORD_RESET", "ACCOUNT_DISABLED"), actions);
        Object[] stored = (Object[]) em.createNativeQuery("select password_hash, password_salt, password_cost from canbao.app_user"
                + " where username = ?1").setParameter(1, name).getSingleResult();
        assertEquals(32, ((String) stored[0]).length(), "23 bytes of bcrypt hash in Base64");
        assertFalse(((String) stored[0]).contains("Reset2026zz"));
        long plain = ((Number) em.createNativeQuery("select count(*) from canbao.audit_log where after_state like '%Baiyang2026x%'"
                + " or after_state like '%Reset2026zz%' or detail like '%Reset2026zz%' or detail like '%Baiyang2026x%'")
                .getSingleResult()).longValue();
        assertEquals(0, plain, "no password in the audit");
    }

    @Test
    void badInputOrAnotherAreaChangesNothing() {
        Http admin = Http.as("district_admin");
        String name = unique("bad");
        Http.Reply weak = admin.post("/api/v1/accounts", account(name, "clerk", VILLAGE, "demo123"));
        assertEquals(400, weak.status(), weak.body());
        assertEquals(PROBLEM, weak.contentType());
        assertTrue(weak.body().contains("\"password\""), weak.body());
        Http.Reply malformed = admin.post("/api/v1/accounts", account("Bad Name!", "clerk", VILLAGE, "Baiyang2026x"));
        assertEquals(400, malformed.status(), malformed.body());
        Http.Reply outside = admin.post("/api/v1/accounts", account(name, "clerk", "500118001001", "Baiyang2026x"));
        assertTrue(outside.status() == 403 || outside.status() == 422, outside.body());
        Http.Reply level = admin.post("/api/v1/accounts", account(name, "clerk", TOWN, "Baiyang2026x"));
        assertEquals(422, level.status(), level.body());
        assertEquals("REGION_LEVEL_FOR_ROLE", level.json().getString("code"));
        Http.Reply above = Http.as("town_officer").post("/api/v1/accounts", account(name, "district_admin", "500101", "Baiyang2026x"));
        assertEquals(403, above.status(), above.body());
        Http.Reply clerkTries = Http.as("clerk").post("/api/v1/accounts", account(name, "clerk", VILLAGE, "Baiyang2026x"));
        assertEquals(403, clerkTries.status(), clerkTries.body());
        assertEquals(404, admin.get("/api/v1/accounts/" + name).status(), "nothing was created");

        Http.Reply taken = admin.post("/api/v1/accounts", account("clerk", "clerk", VILLAGE, "Baiyang2026x"));
        assertEquals(409, taken.status(), taken.body());
        assertEquals("USERNAME_TAKEN", taken.json().getString("code"));
        assertEquals(200, Http.as("clerk").get("/api/v1/regions").status(), "the existing clerk is untouched");

        Http.Reply foreign = Http.as("town_officer").get("/api/v1/accounts/integration");
        assertEquals(404, foreign.status(), "an account outside the area answers as an unknown one");
        Http.Reply list = admin.get("/api/v1/accounts?size=500");
        assertEquals(200, list.status());
        assertTrue(Integer.parseInt(list.raw().headers().firstValue("X-Total-Count").orElse("0")) >= 8);
        assertTrue(list.array().stream().map(v -> ((JsonObject) v).getString("regionCode")).allMatch(c -> c.startsWith("500101")));
    }

    @Test
    void failedSignInsRefuseThatSourceForThatNameOnlyAndOnlyForAWhile() throws Exception {
        String name = unique("thr");
        String other = unique("thr");
        Http admin = Http.as("district_admin");
        for (String u : List.of(name, other)) {
            assertEquals(201, admin.post("/api/v1/accounts", account(u, "supervisor", "500101", "Supervise2026")).status());
            assertEquals(204, Http.as(u, "Supervise2026").put("/api/v1/accounts/" + u + "/password",
                    "{\"currentPassword\":\"Supervise2026\",\"password\":\"Watching2026\"}").status());
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(401, Http.as(name, "wrong-" + i).get("/api/v1/regions").status());
        }
        Http.Reply fifth = Http.as(name, "wrong-5").get("/api/v1/regions");
        assertEquals(429, fifth.status(), fifth.body());
        assertEquals(PROBLEM, fifth.contentType());
        long retry = Long.parseLong(fifth.raw().headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= 4, "Retry-After " + retry);
        Http.Reply rightButRefused = Http.as(name, "Watching2026").get("/api/v1/regions");
        assertEquals(429, rightButRefused.status(), "refused even with the right password while the source waits");
        assertTrue(rightButRefused.raw().headers().firstValue("Retry-After").isPresent());
        assertEquals(200, Http.as(other, "Watching2026").get("/api/v1/regions").status(), "another name from the same source is not refused");
        assertTrue(admin.get("/api/v1/accounts/" + name).json().getBoolean("locked"));

        Thread.sleep((retry + 1) * 1000);
        assertEquals(200, Http.as(name, "Watching2026").get("/api/v1/regions").status(), "the real user is back after the window");

        for (int i = 0; i < 6; i++) {
            Http.as(other, "wrong-" + i).get("/api/v1/regions");
        }
        assertEquals(429, Http.as(other, "Watching2026").get("/api/v1/regions").status());
        assertEquals(204, admin.post("/api/v1/accounts/" + other + "/unlock", "{}").status());
        assertEquals(200, Http.as(other, "Watching2026").get("/api/v1/regions").status(), "an administrator's unlock lets the user in at once");
    }

    @Test
    void theLoginFormIsThrottledAndTellsTheUserHowLongToWait() throws Exception {
        String name = unique("form");
        assertEquals(201, Http.as("district_admin").post("/api/v1/accounts", account(name, "supervisor", "500101", "Supervise2026")).status());
        Http.Reply wrong = Http.anonymous().postForm("/signin", Map.of("j_username", name, "j_password", "nope", "next", "/"));
        assertEquals(302, wrong.status());
        assertTrue(wrong.raw().headers().firstValue("Location").orElse("").contains("login.xhtml?error=true"));
        Http.Reply last = null;
        for (int i = 0; i < 5; i++) {
            last = Http.anonymous().postForm("/signin", Map.of("j_username", name, "j_password", "nope" + i, "next", "/"));
        }
        String location = last.raw().headers().firstValue("Location").orElse("");
        assertTrue(location.contains("error=locked") && location.contains("retry="), location);
        assertTrue(last.raw().headers().firstValue("Retry-After").isPresent());
        Http.Reply page = Http.anonymous().get(location.substring(location.indexOf("/login.xhtml")));
        assertTrue(page.body().contains("秒后再试"), "the page says how long to wait");

        Thread.sleep(5000);
        Http.Reply right = Http.anonymous().postForm("/signin", Map.of("j_username", name, "j_password", "Supervise2026",
                "next", "/supervision/progress.xhtml"));
        assertEquals(302, right.status());
        assertTrue(right.raw().headers().firstValue("Location").orElse("").endsWith("/account/password.xhtml"),
                "a new account goes to the password page first");
        Http.Reply offsite = Http.anonymous().postForm("/signin", Map.of("j_username", "clerk", "j_password", "demo123",
                "next", "https://example.org/"));
        String target = offsite.raw().headers().firstValue("Location").orElse("");
        assertFalse(target.contains("example.org"), "never redirected off the application: " + target);
    }

    @Test
    void theServerConfigurationHoldsNoPlainTextPassword() throws Exception {
        Path config = Path.of(System.getProperty("jboss.server.config.dir"));
        String standalone = Files.readString(config.resolve("standalone.xml"));
        assertTrue(standalone.contains("jdbc-realm name=\"CanbaoRealm\""), "accounts come from the database");
        assertTrue(standalone.contains("bcrypt-mapper"), "bcrypt hashes");
        assertFalse(standalone.contains("demo123"));
        assertFalse(standalone.contains("canbao-users.properties"));
        assertFalse(Files.exists(config.resolve("canbao-users.properties")));
        tx.begin();
        try {
            long unhashed = ((Number) em.createNativeQuery("select count(*) from canbao.app_user where password_hash = 'demo123'"
                    + " or (password_hash is not null and password_salt is null)"
                    + " or (api_key_hash is not null and (api_key_salt is null or length(api_key_hash) <> 44))").getSingleResult()).longValue();
            assertEquals(0, unhashed);
        } finally {
            tx.rollback();
        }
    }

    @Test
    void aProgramSignsInWithAKeyShownOnceAndWithdrawnAtOnce() {
        Http admin = Http.as("district_admin");
        String name = unique("prog");
        assertEquals(201, admin.post("/api/v1/accounts", account(name, "integration", "500101", "Program2026ab")).status());
        Http.Reply issued = admin.post("/api/v1/accounts/" + name + "/api-key", "");
        assertEquals(201, issued.status(), issued.body());
        String key = issued.json().getString("apiKey");
        assertEquals(40, key.length());
        assertEquals("no-store", issued.header("Cache-Control"));

        Http program = Http.as(name, key);
        assertEquals(200, program.get("/api/v1/regions/500101").status(), "a key needs no password change first");
        assertEquals(401, Http.as(name, "Program2026ab").get("/api/v1/regions/500101").status(), "a program signs in with its key only");
        assertEquals(401, Http.as(name, key.substring(0, 39) + (key.endsWith("a") ? "b" : "a")).get("/api/v1/regions/500101").status());
        assertFalse(admin.get("/api/v1/accounts/" + name).body().contains(key), "the key is shown once only");
        assertNotNull(admin.get("/api/v1/accounts/" + name).json().getString("apiKeyCreatedAt"));

        Http.Reply again = admin.post("/api/v1/accounts/" + name + "/api-key", "");
        assertEquals(201, again.status());
        assertEquals(401, program.get("/api/v1/regions/500101").status(), "a replaced key stops working at once");
        Http replaced = Http.as(name, again.json().getString("apiKey"));
        assertEquals(200, replaced.get("/api/v1/regions/500101").status());
        assertEquals(204, admin.delete("/api/v1/accounts/" + name + "/api-key").status());
        assertEquals(401, replaced.get("/api/v1/regions/500101").status(), "a withdrawn key stops working at once");
        assertEquals(404, admin.delete("/api/v1/accounts/" + name + "/api-key").status());

        Http.Reply person = admin.post("/api/v1/accounts/clerk/api-key", "");
        assertEquals(422, person.status(), person.body());
        assertEquals("KEY_NOT_FOR_PERSONS", person.json().getString("code"));
        assertEquals(404, Http.as("yc_admin").post("/api/v1/accounts/" + name + "/api-key", "").status(), "not another district's");
    }

    @Test
    void theAuditTrailShowsTheAreasChangesOnlyAPageAtATime() {
        Http admin = Http.as("district_admin");
        String name = unique("aud");
        assertEquals(201, admin.post("/api/v1/accounts", account(name, "clerk", VILLAGE, "Audited2026x")).status());
        assertEquals(200, admin.patch("/api/v1/accounts/" + name, "{\"enabled\":false}").status());

        Http.Reply lines = admin.get("/api/v1/audit?entity=account&entityId=" + name);
        assertEquals(200, lines.status(), lines.body());
        assertEquals("2", lines.header("X-Total-Count"));
        jakarta.json.JsonArray array = jakarta.json.Json.createReader(new java.io.StringReader(lines.body())).readArray();
        JsonObject newest = array.getJsonObject(0);
        assertEquals("ACCOUNT_DISABLED", newest.getString("action"));
        assertEquals("district_admin", newest.getString("actor"));
        assertTrue(newest.getString("after").contains("\"enabled\":false"), newest.toString());
        assertEquals("ACCOUNT_CREATED", array.getJsonObject(1).getString("action"));
        Http.Reply onePage = admin.get("/api/v1/audit?entity=account&entityId=" + name + "&size=1&page=1");
        assertEquals("2", onePage.header("X-Total-Count"));
        assertEquals("ACCOUNT_CREATED", jakarta.json.Json.createReader(new java.io.StringReader(onePage.body())).readArray()
                .getJsonObject(0).getString("action"), "the second page holds the older line");

        assertEquals("0", Http.as("yc_admin").get("/api/v1/audit?entity=account&entityId=" + name).header("X-Total-Count"),
                "another district's administrator does not read this district's lines");
        assertEquals(403, Http.as("clerk").get("/api/v1/audit").status());
        assertEquals(400, admin.get("/api/v1/audit?from=-999999999-01-01").status());
        assertEquals(400, admin.get("/api/v1/audit?size=501").status());
        assertEquals(400, admin.get("/api/v1/audit?from=2024-02-01&to=2024-01-01").status());
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static String account(String username, String role, String region, String password) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"测试 " + username + "\",\"role\":\"" + role
                + "\",\"regionCode\":\"" + region + "\",\"password\":\"" + password + "\"}";
    }
}
