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
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Roster snapshots (名册比对, DOMAIN.md §9) through {@code /rosters/snapshots}: a department's first full roster, then
 * a second → the exact new / changed / unchanged / cancelled / rejected counts before anything is applied; applying
 * writes and ends identities exactly; stale, repeated and refused decisions change nothing; identities corrected and
 * revoked by hand (漏统/错统) with reason and audit, a frozen payment untouched.
 */
@ExtendWith(ArquillianExtension.class)
class RosterSnapshotIT {

    private static final String POLICY = "500101-2024";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.canbao();
    }

    @Test
    void aSecondRosterIsComparedThenAppliedExactly() {
        Http admin = Http.as("district_admin");
        Http department = Http.as("department");
        String town = RegionIT.freeTown();
        String village = town + "001";
        assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"比对镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
        assertEquals(201, admin.put("/api/v1/regions/" + village, "{\"name\":\"比对村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
        String a = resident(admin, village, "比对甲");
        String b = resident(admin, village, "比对乙");
        String c = resident(admin, village, "比对丙");
        String d = resident(admin, village, "比对丁");
        String e = resident(admin, village, "比对戊");
        String f = resident(admin, village, "比对己");
        String g = resident(admin, village, "比对庚");
        String stranger = IdNumber.withCheckCharacter("50010119700101" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000))).value();
        // one department per run: the previous roster is the department's own
        String dept = "万州区民政局（比对" + System.nanoTime() % 100000 + "）";

        // a department that does not certify the code, and a validity outside the catalogue: refused, nothing kept
        Http.Reply notTheirs = department.post("/api/v1/rosters/snapshots", body(dept, "105", "2023-09-01", "2024-06-30", "[]"));
        assertEquals(422, notTheirs.status(), notTheirs.body());
        assertTrue(notTheirs.body().contains("DEPARTMENT_NOT_CERTIFYING"), notTheirs.body());
        Http.Reply malformed = department.post("/api/v1/rosters/snapshots", body(dept, "101", "2024-13-01", "2024-06-30", "[]"));
        assertEquals(400, malformed.status(), malformed.body());

        // the first roster: four good rows, six with a problem
        String first = "[" + row(a, "比对甲", village, null) + "," + row(b, "比对乙", village, null) + ","
                + row(c, "比对丙", village, null) + "," + row(d, "比对丁", village, null) + ","
                + row("500101197001011234", "坏号", village, null) + ","          // check character wrong
                + row(e, "错名字", village, null) + ","                            // name mismatch
                + row(stranger, "陌生人", village, null) + ","                      // nobody on record
                + row(a, "比对甲", village, null) + ","                            // repeated
                + row(f, "比对己", village, "105") + ","                           // 105 is the veterans' bureau's
                + row(g, "比对庚", village, "ZZZ9") + "]";                         // no such code
        JsonObject one = compared(department.post("/api/v1/rosters/snapshots?wait=60", body(dept, "101", "2023-09-01", "2024-12-31", first)));
        assertEquals("COMPARED", one.getString("state"), one.toString());
        assertTrue(one.isNull("previousId") || !one.containsKey("previousId"), one.toString());
        assertEquals(10, one.getInt("rowsRead"));
        assertEquals(4, one.getInt("newRows"));
        assertEquals(0, one.getInt("changedRows"));
        assertEquals(0, one.getInt("cancelledRows"));
        assertEquals(6, one.getInt("rejectedRows"));
        long firstId = one.getJsonNumber("snapshotId").longValue();
        Http.Reply rejected = department.get("/api/v1/rosters/snapshots/" + firstId + "/lines?change=REJECTED");
        assertEquals("6", rejected.header("X-Total-Count"), rejected.body());
        List<String> problems = rejected.array().stream().map(v -> ((JsonObject) v).getString("problem")).toList();
        assertEquals(List.of("BAD_ID_NUMBER", "NAME_MISMATCH", "PERSON_UNKNOWN", "DUPLICATE_IN_FILE", "DEPARTMENT_NOT_CERTIFYING",
                "SUBSIDY_CODE_UNKNOWN"), problems, rejected.body());
        assertFalse(rejected.body().contains(e), "ID numbers masked: " + rejected.body());
        assertEquals(0, identities(admin, a).size(), "nothing applied before the department decides");

        JsonObject applied = department.post("/api/v1/rosters/snapshots/" + firstId + "/apply", "").json();
        assertEquals("APPLIED", applied.getString("state"), applied.toString());
        assertEquals(4, applied.getInt("identitiesAdded"));
        assertEquals(0, applied.getInt("identitiesEnded"));
        assertEquals(409, department.post("/api/v1/rosters/snapshots/" + firstId + "/apply", "").status(), "applied once only");
        assertEquals(409, department.post("/api/v1/rosters/snapshots/" + firstId + "/discard", "").status());
        JsonObject heldByD = identities(admin, d).get(0);
        assertEquals("101", heldByD.getString("code"));
        assertEquals("2024-12-31", heldByD.getString("validTo"));

        // 甲 pays in the autumn with the subsidy of 101: frozen
        JsonObject paid = pay(a);
        assertEquals(new BigDecimal("342.00"), paid.getJsonNumber("subsidyAmount").bigDecimalValue().setScale(2), paid.toString());

        // the second roster from July: 甲 unchanged, 乙's region changed, 丙 now 113, 戊 and 己 new, 丁 gone
        String second = "[" + row(a, "比对甲", village, null) + "," + row(b, "比对乙", town + "002", null) + ","
                + row(c, "比对丙", village, "113") + "," + row(e, "比对戊", village, null) + "," + row(f, "比对己", village, null) + "]";
        JsonObject two = compared(department.post("/api/v1/rosters/snapshots?wait=60", body(dept, "101", "2024-07-01", "2024-12-31", second)));
        long secondId = two.getJsonNumber("snapshotId").longValue();
        assertEquals(firstId, two.getJsonNumber("previousId").longValue());
        assertEquals(5, two.getInt("rowsRead"));
        assertEquals(2, two.getInt("newRows"), two.toString());
        assertEquals(2, two.getInt("changedRows"), two.toString());
        assertEquals(1, two.getInt("unchangedRows"), two.toString());
        assertEquals(1, two.getInt("cancelledRows"), two.toString());
        assertEquals(0, two.getInt("rejectedRows"), two.toString());
        JsonArray changed = department.get("/api/v1/rosters/snapshots/" + secondId + "/lines?change=CHANGED").array();
        JsonObject changedC = changed.stream().map(v -> (JsonObject) v).filter(o -> "113".equals(o.getString("subsidyCode"))).findFirst().orElseThrow();
        assertEquals("101", changedC.getString("previousCode"), changed.toString());
        JsonArray cancelled = department.get("/api/v1/rosters/snapshots/" + secondId + "/lines?change=CANCELLED").array();
        assertEquals(1, cancelled.size());
        assertEquals(IdNumber.of(d).masked(), cancelled.getJsonObject(0).getString("idNumber"));
        assertEquals(400, department.get("/api/v1/rosters/snapshots/" + secondId + "/lines?change=BOGUS").status());

        // a third comparison against the same previous roster, made stale by applying the second
        JsonObject three = compared(department.post("/api/v1/rosters/snapshots?wait=60", body(dept, "101", "2024-08-01", "2024-12-31", second)));
        JsonObject appliedTwo = department.post("/api/v1/rosters/snapshots/" + secondId + "/apply", "").json();
        assertEquals(3, appliedTwo.getInt("identitiesAdded"), "丙 113, 戊 and 己 101: " + appliedTwo);
        assertEquals(2, appliedTwo.getInt("identitiesEnded"), "丁's and 丙's 101: " + appliedTwo);
        Http.Reply stale = department.post("/api/v1/rosters/snapshots/" + three.getJsonNumber("snapshotId") + "/apply", "");
        assertEquals(409, stale.status(), stale.body());
        assertTrue(stale.body().contains("COMPARISON_STALE"), stale.body());
        assertEquals("DISCARDED", department.post("/api/v1/rosters/snapshots/" + three.getJsonNumber("snapshotId") + "/discard", "")
                .json().getString("state"));
        Http.Reply backwards = department.post("/api/v1/rosters/snapshots", body(dept, "101", "2024-01-01", "2024-12-31", second));
        assertEquals(422, backwards.status(), "a roster never starts before the applied one: " + backwards.body());

        assertEquals("2024-06-30", identities(admin, d).get(0).getString("validTo"), "丁's identity ends the day before July");
        List<JsonObject> ofC = identities(admin, c);
        assertEquals(2, ofC.size(), ofC.toString());
        assertTrue(ofC.stream().anyMatch(i -> "101".equals(i.getString("code")) && "2024-06-30".equals(i.getString("validTo"))), ofC.toString());
        assertTrue(ofC.stream().anyMatch(i -> "113".equals(i.getString("code")) && "2024-07-01".equals(i.getString("validFrom"))), ofC.toString());
        assertEquals(1, identities(admin, a).size(), "甲 already held 101 over July–December");
        assertEquals(1, identities(admin, f).size());

        // 错统: 甲 never qualified — revoked with the reason; the payment frozen with 101 stays as it was
        long identityOfA = identities(admin, a).get(0).getJsonNumber("id").longValue();
        Http.Reply noReason = department.post("/api/v1/subsidy-identities/" + identityOfA + "/revocation", "{\"reason\":\" \"}");
        assertEquals(400, noReason.status(), noReason.body());
        assertEquals(1, identities(admin, a).size(), "a refused revocation changes nothing");
        Http.Reply revoked = department.post("/api/v1/subsidy-identities/" + identityOfA + "/revocation", "{\"reason\":\"错统：家庭收入超标\"}");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("错统：家庭收入超标", revoked.json().getString("reason"));
        assertEquals(0, identities(admin, a).size());
        assertEquals(404, department.post("/api/v1/subsidy-identities/" + identityOfA + "/revocation", "{\"reason\":\"again\"}").status());
        JsonObject replay = pay(a);
        assertEquals(paid.getString("receiptNumber"), replay.getString("receiptNumber"), "the same payment");
        assertEquals(new BigDecimal("342.00"), replay.getJsonNumber("subsidyAmount").bigDecimalValue().setScale(2), "never re-priced");
        Http.Reply audit = admin.get("/api/v1/audit?entity=person&size=500");
        assertEquals(200, audit.status(), audit.body());
        assertTrue(audit.body().contains("SUBSIDY_IDENTITY_REVOKED") && audit.body().contains("家庭收入超标"), audit.body());
        assertTrue(audit.body().contains("SUBSIDY_IDENTITY_ENDED"), audit.body());

        // a validity corrected: reason required, never ending before it starts
        long identityOfB = identities(admin, b).get(0).getJsonNumber("id").longValue();
        assertEquals(400, department.post("/api/v1/subsidy-identities/" + identityOfB + "/correction",
                "{\"validTo\":\"2024-09-30\"}").status());
        assertEquals(400, department.post("/api/v1/subsidy-identities/" + identityOfB + "/correction",
                "{\"validTo\":\"2022-01-01\",\"reason\":\"x\"}").status());
        Http.Reply corrected = department.post("/api/v1/subsidy-identities/" + identityOfB + "/correction",
                "{\"validTo\":\"2024-09-30\",\"reason\":\"9月起脱离低保\"}");
        assertEquals(200, corrected.status(), corrected.body());
        assertEquals("2024-09-30", identities(admin, b).get(0).getString("validTo"));

        // roles: a clerk neither compares nor corrects
        assertEquals(403, Http.as("clerk").post("/api/v1/rosters/snapshots", body(dept, "101", "2024-09-01", "2024-12-31", "[]")).status());
        assertEquals(403, Http.as("clerk").post("/api/v1/subsidy-identities/" + identityOfB + "/revocation", "{\"reason\":\"x\"}").status());
    }

    private static JsonObject compared(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        JsonObject c = reply.json();
        assertEquals("COMPLETED", c.getString("batchStatus"), c.toString());
        return c;
    }

    private static String body(String department, String code, String from, String to, String rows) {
        return "{\"department\":\"" + department + "\",\"subsidyCode\":\"" + code + "\",\"validFrom\":\"" + from
                + "\",\"validTo\":\"" + to + "\",\"rows\":" + rows + "}";
    }

    private static String row(String id, String name, String region, String code) {
        return "{\"idNumber\":\"" + id + "\",\"name\":\"" + name + "\",\"region\":\"" + region + "\""
                + (code == null ? "" : ",\"subsidyCode\":\"" + code + "\"") + "}";
    }

    private static List<JsonObject> identities(Http admin, String id) {
        Http.Reply person = admin.get("/api/v1/persons/" + id);
        assertEquals(200, person.status(), person.body());
        return person.json().getJsonArray("identities").stream().map(v -> (JsonObject) v).toList();
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

    /** 甲 pays tier 1 on 2023-11-01 what the quote says, the same transaction id every time. */
    private static JsonObject pay(String id) {
        Http.Reply quote = Http.as("district_admin").post("/api/v1/policies/" + POLICY + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"2023-11-01\",\"idNumber\":\"" + id + "\"}");
        String amount = "38.00";
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-SNAPSHOT-" + id
                + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":" + amount
                + ",\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-01T10:00:00+08:00\"}");
        assertTrue(paid.status() == 201 || paid.status() == 200, quote.body() + " / " + paid.body());
        return paid.json();
    }
}
