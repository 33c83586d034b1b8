package cn.canbao.it;

import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The newborn's cover through its insured guardian applied without anyone asking (decision 49 as amended): at the
 * newborn's registration when the guardian has paid, at the guardian's payment (single and bulk) when the newborn is
 * on record, never under a policy without {@code newborn.guardianCoverAutomatic}; the operator's action afterwards
 * answers the cover already applied. Seed 002 moved back to 2021 and seed 003 to 2022 in district 500101, as
 * PersonGroupsIT does (the IT server's business date is 2023-11-20); every person here is new, in a new town.
 */
@ExtendWith(ArquillianExtension.class)
class NewbornAutoCoverIT {

    /** Seed 002: newborn.guardianCoverAutomatic true. */
    private static final String RULE_POLICY = "500101-2021";
    /** Seed 003: guardianCoverAutomatic false. */
    private static final String PLAIN_POLICY = "500101-2022";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(NewbornAutoCoverIT.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Test
    void aNewbornRegisteredAfterItsGuardianPaidIsCoveredAtRegistration() throws Exception {
        Http admin = Http.as("district_admin");
        putPolicies(admin);
        String village = village(admin);
        String guardian = resident(admin, village, "监护人子");
        pay("IT-NBA-G-" + guardian, guardian, RULE_POLICY, "2021-03-10");
        LocalDate birth = LocalDate.of(2021, 6, 1).plusDays(ThreadLocalRandom.current().nextInt(60));

        Http.Reply registered = register(admin, village, "新生儿子", birth, guardian);
        assertEquals(JsonValue.ValueType.OBJECT, registered.json().get("newbornCover").getValueType(),
                "the answer says the cover was applied: " + registered.body());
        JsonObject cover = registered.json().getJsonObject("newbornCover");
        assertEquals(RULE_POLICY, cover.getString("policyId"), registered.body());
        assertEquals(birth.toString(), cover.getString("benefitStart"), registered.body());
        assertEquals("2021-12-31", cover.getString("benefitEnd"), registered.body());
        String newborn = registered.json().getString("idNumber");
        assertCovered(newborn, birth);
        assertEquals(actor("PERSON_REGISTERED", "person", personId(newborn)), coverActor(newborn), "audited as the registering caller");
        // the record shows it too, and the operator's action answers it already applied
        assertEquals(RULE_POLICY, admin.get("/api/v1/persons/" + newborn).json().getJsonObject("newbornCover").getString("policyId"));
        Http.Reply action = admin.post(cover(newborn), "{\"policyId\":\"" + RULE_POLICY + "\"}");
        assertEquals(200, action.status(), "already applied: " + action.body());
        assertEquals(1L, coverCount(newborn));

        // a household registered with a newborn member of the insured guardian: covered, named in the answer
        LocalDate twinBirth = birth.plusDays(1);
        String twin = idNumber(admin, twinBirth);
        Http.Reply household = admin.post("/api/v1/households", "{\"householdNumber\":\"NBA" + twin.substring(10) + "\",\"regionCode\":\""
                + village + "\",\"members\":[{\"idNumber\":\"" + twin + "\",\"name\":\"新生儿丑\",\"residentType\":\"NEWBORN\","
                + "\"guardianIdNumber\":\"" + guardian + "\"}]}");
        assertEquals(201, household.status(), household.body());
        assertEquals(1, household.json().getJsonArray("newbornCovers").size(), household.body());
        assertEquals(twinBirth.toString(), household.json().getJsonArray("newbornCovers").getJsonObject(0).getString("benefitStart"));
        assertCovered(twin, twinBirth);
    }

    @Test
    void theGuardiansPaymentCoversTheWardsOnRecordOnceOnly() throws Exception {
        Http admin = Http.as("district_admin");
        putPolicies(admin);
        String village = village(admin);
        LocalDate birth = LocalDate.of(2021, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(60));

        // single payment: the newborn first, unpaid, then the guardian pays
        String guardian = resident(admin, village, "监护人寅");
        Http.Reply registered = register(admin, village, "新生儿寅", birth, guardian);
        assertEquals(JsonValue.NULL, registered.json().get("newbornCover"), "the guardian has not paid: " + registered.body());
        String newborn = registered.json().getString("idNumber");
        assertEquals(0L, enrollmentCount(newborn), "registered normally, nothing else");
        String tx = "IT-NBA-S-" + guardian;
        String body = pay(tx, guardian, RULE_POLICY, "2021-03-10");
        assertCovered(newborn, birth);
        assertEquals(actor("PAYMENT_RECEIVED", "payment", paymentId(tx)), coverActor(newborn), "audited as the paying caller");
        // the payment replayed: the first answer, nothing applied again
        Http.Reply replay = Http.as("tax").post("/api/v1/payments", body);
        assertEquals(200, replay.status(), replay.body());
        assertEquals(1L, coverCount(newborn));
        assertEquals(1L, coverAudits(newborn));
        assertEquals(200, admin.post(cover(newborn), "{\"policyId\":\"" + RULE_POLICY + "\"}").status(), "already applied");

        // bulk payment: two wards of one guardian, one born the year before (not this policy's newborn)
        String parent = resident(admin, village, "监护人卯");
        String ward = register(admin, village, "新生儿卯", birth, parent).json().getString("idNumber");
        String elder = register(admin, village, "幼儿卯", LocalDate.of(2020, 8, 8), parent).json().getString("idNumber");
        JsonObject quote = quote(admin, RULE_POLICY, parent, "2021-03-10");
        Http.Reply bulk = Http.as("tax").post("/api/v1/payments/batch", "{\"payments\":["
                + payment("IT-NBA-B-" + parent, parent, RULE_POLICY, quote, "2021-03-10") + "]}");
        assertEquals(200, bulk.status(), bulk.body());
        assertEquals(201, bulk.json().getJsonArray("results").getJsonObject(0).getInt("status"), bulk.body());
        assertCovered(ward, birth);
        assertEquals(0L, enrollmentCount(elder), "born before the policy's year: not carried");
    }

    @Test
    void underAPolicyWithoutTheRuleNothingIsCovered() throws Exception {
        Http admin = Http.as("district_admin");
        putPolicies(admin);
        String village = village(admin);
        LocalDate birth = LocalDate.of(2022, 3, 1).plusDays(ThreadLocalRandom.current().nextInt(60));

        // the guardian paid into the 2022 policy (no rule) before the newborn's registration
        String paidFirst = resident(admin, village, "监护人辰");
        pay("IT-NBA-P-" + paidFirst, paidFirst, PLAIN_POLICY, "2021-12-10");
        Http.Reply registered = register(admin, village, "新生儿辰", birth, paidFirst);
        assertEquals(JsonValue.NULL, registered.json().get("newbornCover"), registered.body());
        assertEquals(0L, enrollmentCount(registered.json().getString("idNumber")));

        // the newborn on record before the guardian pays into it
        String paysLater = resident(admin, village, "监护人巳");
        String newborn = register(admin, village, "新生儿巳", birth, paysLater).json().getString("idNumber");
        pay("IT-NBA-Q-" + paysLater, paysLater, PLAIN_POLICY, "2021-12-10");
        assertEquals(0L, enrollmentCount(newborn), "no rule, no cover");
        assertEquals(0L, coverCount(newborn));
        Http.Reply action = admin.post(cover(newborn), "{\"policyId\":\"" + PLAIN_POLICY + "\"}");
        assertEquals(422, action.status(), action.body());
        assertTrue(action.body().contains("NO_GUARDIAN_COVER"), action.body());
    }

    private void assertCovered(String idNumber, LocalDate birth) {
        em.clear();
        Enrollment e = em.createQuery("select e from Enrollment e where e.personId = :p", Enrollment.class)
                .setParameter("p", personId(idNumber)).getSingleResult();
        assertEquals(RULE_POLICY, e.getPolicyId());
        assertEquals(EnrollmentStatus.PAID, e.getStatus());
        assertEquals(0, BigDecimal.ZERO.compareTo(e.getAmountDue()), "nothing paid");
        assertEquals(birth, e.getBenefitStart());
        assertEquals(LocalDate.of(2021, 12, 31), e.getBenefitEnd());
        assertEquals(1L, coverCount(idNumber));
        assertEquals(1L, coverAudits(idNumber));
    }

    private long personId(String idNumber) {
        return em.createQuery("select p.id from Person p where p.idNumber = :n", Long.class).setParameter("n", idNumber).getSingleResult();
    }

    private long paymentId(String tx) {
        return em.createQuery("select p.id from Payment p where p.transactionId = :t", Long.class).setParameter("t", tx).getSingleResult();
    }

    private long enrollmentCount(String idNumber) {
        return em.createQuery("select count(e) from Enrollment e where e.personId = :p", Long.class)
                .setParameter("p", personId(idNumber)).getSingleResult();
    }

    private long coverCount(String idNumber) {
        return em.createQuery("select count(c) from NewbornCover c where c.personId = :p", Long.class)
                .setParameter("p", personId(idNumber)).getSingleResult();
    }

    private long coverAudits(String idNumber) {
        return coverActors(idNumber).size();
    }

    private String coverActor(String idNumber) {
        List<String> actors = coverActors(idNumber);
        assertEquals(1, actors.size(), "one audit line: " + actors);
        return actors.get(0);
    }

    private List<String> coverActors(String idNumber) {
        List<String> enrollments = em.createQuery("select e.id from Enrollment e where e.personId = :p", Long.class)
                .setParameter("p", personId(idNumber)).getResultList().stream().map(String::valueOf).toList();
        return enrollments.isEmpty() ? List.of() : em.createQuery("select a.actor from AuditEntry a"
                        + " where a.action = 'ENROLLMENT_COVERED_BY_GUARDIAN' and a.entityType = 'enrollment' and a.entityId in :ids",
                String.class).setParameter("ids", enrollments).getResultList();
    }

    private String actor(String action, String entityType, long entityId) {
        return em.createQuery("select a.actor from AuditEntry a where a.action = :a and a.entityType = :t and a.entityId = :id", String.class)
                .setParameter("a", action).setParameter("t", entityType).setParameter("id", String.valueOf(entityId)).getSingleResult();
    }

    /** Pays the quote of {@code date} as the tax bureau; the request body, for a replay. */
    private static String pay(String tx, String idNumber, String policyId, String date) {
        String body = payment(tx, idNumber, policyId, quote(Http.as("district_admin"), policyId, idNumber, date), date);
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", body);
        assertEquals(201, paid.status(), paid.body());
        return body;
    }

    private static JsonObject quote(Http admin, String policyId, String id, String date) {
        Http.Reply quote = admin.post("/api/v1/policies/" + policyId + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"" + date + "\",\"idNumber\":\"" + id + "\"}");
        assertEquals(200, quote.status(), quote.body());
        return quote.json();
    }

    private static String payment(String tx, String id, String policyId, JsonObject quote, String date) {
        return "{\"transactionId\":\"" + tx + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + policyId + "\",\"tier\":1,\"amount\":"
                + quote.getJsonNumber("personalAmount").bigDecimalValue().toPlainString() + ",\"channel\":\"WECHAT\",\"paidAt\":\""
                + date + "T10:00:00+08:00\"}";
    }

    private static String cover(String id) {
        return "/api/v1/persons/" + id + "/newborn-cover";
    }

    /** The two seed copies PersonGroupsIT uses, put the same way (idempotent: either IT may run first). */
    private static void putPolicies(Http admin) throws Exception {
        putPolicy(admin, "500230-2024", RULE_POLICY, "2023", "2020", "2024", "2021");
        putPolicy(admin, "511903-2024", PLAIN_POLICY, "2023", "2021", "2024", "2022");
    }

    private static void putPolicy(Http admin, String seed, String id, String... years) throws Exception {
        Path policies = Path.of(System.getProperty("jboss.home.dir"), "..", "..", "..", "config", "policies");
        String document = Files.readString(policies.resolve(seed + ".json"));
        for (int i = 0; i < years.length; i += 2) {
            document = document.replace(years[i], years[i + 1]);
        }
        document = document.replaceAll("(\\d{4})-02-29", "$1-02-28").replace(seed.substring(0, 6), "500101")
                .replace("\"fiscalSubsidy\": null", "\"fiscalSubsidy\": 640.00");
        int year = Integer.parseInt(id.substring(7));
        java.util.regex.Matcher from = java.util.regex.Pattern.compile("\"from\": *\"(\\d{4}-\\d{2}-\\d{2})\"").matcher(document);
        String opens = null;
        while (from.find()) {
            opens = opens == null || from.group(1).compareTo(opens) < 0 ? from.group(1) : opens;
        }
        document = document.replaceAll("\"validFrom\": *null", "\"validFrom\": \"" + opens + "\"")
                .replaceAll("\"validTo\": *null", "\"validTo\": \"" + year + "-12-31\"");
        Http.Reply put = admin.put("/api/v1/policies/" + id, document);
        assertTrue(put.status() == 200 || put.status() == 201, put.body());
    }

    /** A village of a free town of 500101 (ITs share one database). */
    private static String village(Http admin) {
        for (int i = 0; i < 100; i++) {
            String town = "500101" + (200 + ThreadLocalRandom.current().nextInt(800));
            if (admin.get("/api/v1/regions/" + town).status() == 404) {
                assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"新生儿镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
                assertEquals(201, admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"新生儿村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
                return town + "001";
            }
        }
        throw new IllegalStateException("no free town code");
    }

    /** An adult with a new random ID number. */
    private static String resident(Http admin, String village, String name) {
        String id = idNumber(admin, LocalDate.of(1988, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(2000)));
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, created.status(), created.body());
        return id;
    }

    private static Http.Reply register(Http admin, String village, String name, LocalDate birth, String guardian) {
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + idNumber(admin, birth) + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"NEWBORN\",\"guardianIdNumber\":\"" + guardian + "\"}");
        assertEquals(201, created.status(), created.body());
        return created;
    }

    /** A valid 18-digit number of district 500101 born that day (check character computed), on record nowhere yet. */
    private static String idNumber(Http admin, LocalDate birth) {
        for (int i = 0; i < 50; i++) {
            String id = IdNumber.withCheckCharacter("500101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", ThreadLocalRandom.current().nextInt(1000))).value();
            if (admin.get("/api/v1/persons/" + id).status() == 404) {
                return id;
            }
        }
        throw new IllegalStateException("no unused ID number born " + birth);
    }
}
