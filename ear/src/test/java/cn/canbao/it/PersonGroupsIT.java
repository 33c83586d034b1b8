package cn.canbao.it;

import cn.canbao.enrollment.boundary.EnrollmentRows;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.platform.entity.IdNumber;
import jakarta.annotation.Resource;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Groups on persons (issue 14 item 4) and the newborn's automatic cover (seed 002, decision 49) end to end. The seeds
 * are moved back before the IT server's business date (2023-11-20) into district 500101, as ContinuityPaymentIT moves
 * its example: seed 003 as 500101-2022 (veterans and the other named groups pay the standard and are covered from
 * payment after the concentrated period; fiscal subsidy 640 entered as an operator would) and seed 002 as 500101-2021
 * (newborns covered through their insured guardian). A veteran recorded over REST pays the standard with cover from
 * the payment date, single and in bulk; one whose group has ended waits 3 months; the full-cost switchover keeps the
 * standard for a veteran of that day. In the container, to register unpaid enrollments of a past campaign directly.
 */
@ExtendWith(ArquillianExtension.class)
class PersonGroupsIT {

    private static final String GROUPS_POLICY = "500101-2022";
    private static final String NEWBORN_POLICY = "500101-2021";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(PersonGroupsIT.class, BatchRuns.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void groupsRecordedOverRestPriceRealPaymentsAndTheRepricing() throws Exception {
        Http admin = Http.as("district_admin");
        putPolicy(admin, "511903-2024", GROUPS_POLICY, "2023", "2021", "2024", "2022");
        String village = village(admin);
        String veteran = resident(admin, village, "类别甲", LocalDate.of(1970, 1, 1));
        String ended = resident(admin, village, "类别乙", LocalDate.of(1970, 1, 1));
        String nobody = resident(admin, village, "类别丙", LocalDate.of(1970, 1, 1));

        Http.Reply recorded = admin.post(groups(veteran), "{\"group\":\"VETERAN\",\"eventDate\":\"2022-03-15\",\"evidence\":\"退役证 2022\"}");
        assertEquals(201, recorded.status(), recorded.body());
        assertEquals("2022-03-15", recorded.json().getString("validFrom"), recorded.body());
        assertEquals("COUNTER", recorded.json().getString("source"), recorded.body());
        Http.Reply endedGroup = admin.post(groups(ended), "{\"group\":\"VETERAN\",\"validFrom\":\"2021-01-01\",\"validTo\":\"2022-03-31\",\"evidence\":\"退役证\"}");
        assertEquals(201, endedGroup.status(), endedGroup.body());
        Http.Reply listed = admin.get(groups(veteran));
        assertEquals(200, listed.status(), listed.body());
        assertEquals(1, listed.json().getJsonArray("groups").size(), listed.body());
        assertEquals("VETERAN", listed.json().getJsonArray("groups").getJsonObject(0).getString("group"));

        // the quote of a person on record adds the groups valid on the payment date; the payment freezes that quote
        JsonObject quoted = quote(admin, veteran, "2022-04-10");
        assertEquals(0, new BigDecimal("380.00").compareTo(quoted.getJsonNumber("personalAmount").bigDecimalValue()), quoted.toString());
        assertEquals("2022-04-10", quoted.getString("benefitStart"), quoted.toString());
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", payment("IT-GRP-V-" + veteran, veteran, quoted, "2022-04-10"));
        assertEquals(201, paid.status(), paid.body());
        assertEquals("2022-04-10", paid.json().getString("benefitStart"), "covered from payment: " + paid.body());
        assertEquals(0, new BigDecimal("380.00").compareTo(paid.json().getJsonNumber("personalAmount").bigDecimalValue()));

        // the group ended before the payment date: the window's 3-month wait, in the bulk path too
        JsonObject waiting = quote(admin, ended, "2022-04-10");
        assertEquals("2022-07-10", waiting.getString("benefitStart"), waiting.toString());
        Http.Reply bulk = Http.as("tax").post("/api/v1/payments/batch", "{\"payments\":["
                + payment("IT-GRP-E-" + ended, ended, waiting, "2022-04-10") + "]}");
        assertEquals(200, bulk.status(), bulk.body());
        JsonObject result = bulk.json().getJsonArray("results").getJsonObject(0);
        assertEquals(201, result.getInt("status"), bulk.body());
        assertEquals("2022-07-10", result.getJsonObject("payment").getString("benefitStart"), bulk.body());

        // the full-cost switchover on 2022-07-01: a veteran of that day keeps the standard, the others owe the full cost
        String lateVeteran = resident(admin, village, "类别丁", LocalDate.of(1975, 6, 1));
        assertEquals(201, admin.post(groups(lateVeteran), "{\"group\":\"VETERAN\",\"validFrom\":\"2022-06-01\",\"evidence\":\"退役证\"}").status());
        BigDecimal standard = new BigDecimal("380.00");
        tx.begin();
        EnrollmentRows.register(em, List.of(registration(lateVeteran, village, standard), registration(nobody, village, standard)));
        tx.commit();
        BatchRuns.run("full-cost-switchover", "{\"policyId\":\"" + GROUPS_POLICY + "\",\"asOf\":\"2022-07-01\"}", Duration.ofMinutes(5));
        em.clear();
        assertEquals(0, standard.compareTo(amountDue(lateVeteran, GROUPS_POLICY)), "a veteran that day keeps the standard");
        assertEquals(0, new BigDecimal("1020.00").compareTo(amountDue(nobody, GROUPS_POLICY)), "standard + fiscal share 640");

        // bad input, conflicts and roles
        Http.Reply overlapping = admin.post(groups(veteran), "{\"group\":\"VETERAN\",\"validFrom\":\"2022-05-01\",\"evidence\":\"again\"}");
        assertEquals(409, overlapping.status(), overlapping.body());
        assertTrue(overlapping.body().contains("ALREADY_RECORDED"), overlapping.body());
        Http.Reply unknownGroup = admin.post(groups(veteran), "{\"group\":\"PENSIONER\",\"validFrom\":\"2022-05-01\",\"evidence\":\"x\"}");
        assertEquals(400, unknownGroup.status(), unknownGroup.body());
        assertTrue(unknownGroup.body().contains("\"field\":\"group\""), unknownGroup.body());
        Http.Reply noEvidence = admin.post(groups(nobody), "{\"group\":\"GRADUATE\",\"validFrom\":\"2022-05-01\"}");
        assertEquals(400, noEvidence.status(), noEvidence.body());
        assertTrue(noEvidence.body().contains("\"field\":\"evidence\""), noEvidence.body());
        Http.Reply backwards = admin.post(groups(nobody), "{\"group\":\"GRADUATE\",\"validFrom\":\"2022-05-01\",\"validTo\":\"2022-04-01\",\"evidence\":\"x\"}");
        assertEquals(400, backwards.status(), backwards.body());
        assertTrue(backwards.body().contains("\"field\":\"validTo\""), backwards.body());
        assertEquals(400, admin.post(groups(nobody), "{\"group\":\"GRADUATE\",\"validFrom\":\"yesterday\",\"evidence\":\"x\"}").status());
        assertEquals(400, admin.post(groups(nobody), "[1,2]").status());
        String stranger = IdNumber.withCheckCharacter("50010119710203" + "777").value();
        assertEquals(404, admin.get(groups(stranger)).status());
        assertEquals(404, admin.post(groups(stranger), "{\"group\":\"VETERAN\",\"validFrom\":\"2022-05-01\",\"evidence\":\"x\"}").status());
        assertEquals(403, Http.as("supervisor").get(groups(veteran)).status(), "supervisors do not look persons up");
        assertEquals(403, Http.as("town_officer").post(groups(veteran), "{\"group\":\"GRADUATE\",\"validFrom\":\"2022-05-01\",\"evidence\":\"x\"}").status());
        assertEquals(403, Http.as("tax").post(groups(veteran), "{\"group\":\"GRADUATE\",\"validFrom\":\"2022-05-01\",\"evidence\":\"x\"}").status());
        // a clerk sees only the clerk's own village: another village's person is unknown to them
        assertEquals(404, Http.as("clerk").get(groups(veteran)).status());
    }

    @Test
    void aNewbornOfAnInsuredGuardianIsCoveredFromBirth() throws Exception {
        Http admin = Http.as("district_admin");
        putPolicy(admin, "500230-2024", NEWBORN_POLICY, "2023", "2020", "2024", "2021");
        putPolicy(admin, "511903-2024", GROUPS_POLICY, "2023", "2021", "2024", "2022");
        String village = village(admin);
        String guardian = resident(admin, village, "监护人甲", LocalDate.of(1990, 3, 3));
        LocalDate birth = LocalDate.of(2021, 5, 1).plusDays(ThreadLocalRandom.current().nextInt(30));
        String newborn = newborn(admin, village, "新生儿甲", birth, guardian);
        String orphan = newborn(admin, village, "新生儿乙", birth, null);

        // before the guardian has paid: refused, nothing applied
        Http.Reply early = admin.post(cover(newborn), "{\"policyId\":\"" + NEWBORN_POLICY + "\"}");
        assertEquals(422, early.status(), early.body());
        assertTrue(early.body().contains("GUARDIAN_NOT_INSURED"), early.body());

        JsonObject guardianQuote = quote(admin, NEWBORN_POLICY, guardian, "2021-03-10");
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", payment("IT-GRP-G-" + guardian, guardian, NEWBORN_POLICY,
                guardianQuote, "2021-03-10"));
        assertEquals(201, paid.status(), paid.body());

        // the guardian's payment covered the newborn on record already (decision 49, automatic): the action shows it
        Http.Reply covered = admin.post(cover(newborn), "{\"policyId\":\"" + NEWBORN_POLICY + "\"}");
        assertEquals(200, covered.status(), "applied by the guardian's payment: " + covered.body());
        assertEquals("PAID", covered.json().getString("status"), covered.body());
        assertEquals(0, BigDecimal.ZERO.compareTo(covered.json().getJsonNumber("amountDue").bigDecimalValue()), covered.body());
        assertEquals(birth.toString(), covered.json().getString("benefitStart"), covered.body());
        assertEquals("2021-12-31", covered.json().getString("benefitEnd"), covered.body());
        assertEquals(200, admin.post(cover(newborn), "{\"policyId\":\"" + NEWBORN_POLICY + "\"}").status(), "applied once");
        em.clear();
        Enrollment enrollment = em.createQuery("select e from Enrollment e where e.personId = :p and e.insuranceYear = 2021",
                Enrollment.class).setParameter("p", personId(newborn)).getSingleResult();
        assertEquals(birth, enrollment.getBenefitStart());

        // the newborn's own payment now meets a paid year
        Http.Reply second = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-GRP-N-" + newborn + "\",\"idNumber\":\""
                + newborn + "\",\"policyId\":\"" + NEWBORN_POLICY + "\",\"tier\":1,\"amount\":380.00,\"channel\":\"WECHAT\",\"paidAt\":\"2021-07-15T10:00:00+08:00\"}");
        assertEquals(409, second.status(), second.body());

        Http.Reply noGuardian = admin.post(cover(orphan), "{\"policyId\":\"" + NEWBORN_POLICY + "\"}");
        assertEquals(422, noGuardian.status(), noGuardian.body());
        assertTrue(noGuardian.body().contains("NO_GUARDIAN"), noGuardian.body());
        Http.Reply notThisPolicy = admin.post(cover(orphan), "{\"policyId\":\"" + GROUPS_POLICY + "\"}");
        assertEquals(422, notThisPolicy.status(), notThisPolicy.body());
        assertTrue(notThisPolicy.body().contains("NO_GUARDIAN_COVER"), notThisPolicy.body());
        Http.Reply noPolicy = admin.post(cover(orphan), "{}");
        assertEquals(400, noPolicy.status(), noPolicy.body());
        assertEquals(404, admin.post(cover(orphan), "{\"policyId\":\"500101-1999\"}").status());
        assertEquals(403, Http.as("tax").post(cover(orphan), "{\"policyId\":\"" + NEWBORN_POLICY + "\"}").status());
        assertEquals(403, Http.as("supervisor").post(cover(orphan), "{\"policyId\":\"" + NEWBORN_POLICY + "\"}").status());
    }

    /** A seed moved back in time into district 500101 (the fiscal subsidy entered where the notice gives none). */
    private static void putPolicy(Http admin, String seed, String id, String... years) throws Exception {
        Path policies = Path.of(System.getProperty("jboss.home.dir"), "..", "..", "..", "config", "policies");
        String document = Files.readString(policies.resolve(seed + ".json"));
        for (int i = 0; i < years.length; i += 2) {
            document = document.replace(years[i], years[i + 1]);
        }
        document = document.replaceAll("(\\d{4})-02-29", "$1-02-28").replace(seed.substring(0, 6), "500101")
                .replace("\"fiscalSubsidy\": null", "\"fiscalSubsidy\": 640.00");
        // catalogue rows bounded to the copy's campaign (the seeds leave them open): the ITs share one database, and an
        // open row of district 500101 would cover any roster validity (RosterIT's VALIDITY_OUTSIDE_CATALOGUE row)
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

    private EnrollmentRows.Registration registration(String idNumber, String village, BigDecimal amount) {
        return new EnrollmentRows.Registration(personId(idNumber), GROUPS_POLICY, 2022, 1, village, amount, OffsetDateTime.now(), "it");
    }

    private long personId(String idNumber) {
        return em.createQuery("select p.id from Person p where p.idNumber = :n", Long.class).setParameter("n", idNumber).getSingleResult();
    }

    private BigDecimal amountDue(String idNumber, String policyId) {
        return em.createQuery("select e from Enrollment e where e.personId = :p and e.policyId = :policy", Enrollment.class)
                .setParameter("p", personId(idNumber)).setParameter("policy", policyId).getSingleResult().getAmountDue();
    }

    private static String groups(String id) {
        return "/api/v1/persons/" + id + "/groups";
    }

    private static String cover(String id) {
        return "/api/v1/persons/" + id + "/newborn-cover";
    }

    private static JsonObject quote(Http admin, String id, String date) {
        return quote(admin, GROUPS_POLICY, id, date);
    }

    private static JsonObject quote(Http admin, String policyId, String id, String date) {
        Http.Reply quote = admin.post("/api/v1/policies/" + policyId + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"" + date + "\",\"idNumber\":\"" + id + "\"}");
        assertEquals(200, quote.status(), quote.body());
        return quote.json();
    }

    private static String payment(String tx, String id, JsonObject quote, String date) {
        return payment(tx, id, GROUPS_POLICY, quote, date);
    }

    private static String payment(String tx, String id, String policyId, JsonObject quote, String date) {
        return "{\"transactionId\":\"" + tx + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + policyId + "\",\"tier\":1,\"amount\":"
                + quote.getJsonNumber("personalAmount").bigDecimalValue().toPlainString() + ",\"channel\":\"WECHAT\",\"paidAt\":\""
                + date + "T10:00:00+08:00\"}";
    }

    /** A village of a free town of 500101 (ITs share one database). */
    private static String village(Http admin) {
        for (int i = 0; i < 100; i++) {
            String town = "500101" + (200 + ThreadLocalRandom.current().nextInt(800));
            if (admin.get("/api/v1/regions/" + town).status() == 404) {
                assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"类别镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
                assertEquals(201, admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"类别村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
                return town + "001";
            }
        }
        throw new IllegalStateException("no free town code");
    }

    /** A resident born within two years of {@code around}, with a random ID number. */
    private static String resident(Http admin, String village, String name, LocalDate around) {
        String id = idNumber(around.plusDays(ThreadLocalRandom.current().nextInt(730)));
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, created.status(), created.body());
        return id;
    }

    private static String newborn(Http admin, String village, String name, LocalDate birth, String guardian) {
        String id = idNumber(birth);
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"NEWBORN\""
                + (guardian == null ? "" : ",\"guardianIdNumber\":\"" + guardian + "\"") + "}");
        assertEquals(201, created.status(), created.body());
        return id;
    }

    private static String idNumber(LocalDate birth) {
        return IdNumber.withCheckCharacter("500101" + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000))).value();
    }
}
