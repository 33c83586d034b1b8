package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counter flows over HTTP, run inside the server so that row counts can be read from the database: register,
 * enroll, pay (idempotent, one payment per person and year under concurrency), and refusals that write nothing.
 * Every test makes its own residents (random ID numbers), so the tests need no order and no clean database.
 */
@ExtendWith(ArquillianExtension.class)
class CounterIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101001";
    /** Inside 500101-2024's concentrated window, whatever the business date of the run (never after it). */
    private static final String PAID_AT = "2023-11-20T09:30:00+08:00";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(CounterIT.class, Http.class, Http.Reply.class, PdfText.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Test
    void registerEnrollAndPayAtTheCounterThenTheSameTransactionAgainReturnsTheFirstResult() {
        String id = newResident("RESIDENT");
        Http.Reply enrolled = Http.as("clerk").post("/api/v1/enrollments",
                "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1}");
        assertEquals(201, enrolled.status(), enrolled.body());
        assertEquals("REGISTERED", enrolled.json().getString("status"));
        assertEquals(409, Http.as("clerk").post("/api/v1/enrollments",
                "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"tier\":2}").status());

        String tx = "IT-POS-" + id;
        Http.Reply paid = pay("clerk", tx, id, "380", "POS");
        assertEquals(201, paid.status(), paid.body());
        JsonObject payment = paid.json();
        assertEquals(380.0, payment.getJsonNumber("personalAmount").doubleValue());
        assertTrue(payment.isNull("subsidyCode"));
        assertEquals(0.0, payment.getJsonNumber("subsidyAmount").doubleValue());
        assertEquals(0.0, payment.getJsonNumber("fiscalShareAmount").doubleValue());
        assertEquals("2024-01-01", payment.getString("benefitStart"));
        assertEquals("2024-12-31", payment.getString("benefitEnd"));
        assertTrue(payment.getString("receiptNumber").startsWith(VILLAGE + "-20231120-"), payment.getString("receiptNumber"));

        Http.Reply again = pay("clerk", tx, id, "380", "POS");
        assertEquals(200, again.status(), again.body());
        assertEquals(payment, again.json(), "the replay returns the first result");
        assertEquals(1L, payments(tx));

        Http.Reply person = Http.as("clerk").get("/api/v1/persons/" + id);
        assertEquals(200, person.status());
        assertEquals(id, person.json().getString("idNumber"), "full ID number on the person's own record");
        assertEquals("PAID", person.json().getJsonArray("enrollments").getJsonObject(0).getString("status"));
        assertTrue(Http.as("clerk").get("/api/v1/payments/" + tx + "/receipt").body().contains("缴费收据"));

        // the PDF receipt carries its CJK font (a subset, embedded), the amount in words, the issuing unit, the
        // channel and the collector by name — no code where a name belongs
        byte[] pdf = Http.as("clerk").getBytes("/api/v1/payments/" + tx + "/receipt.pdf");
        java.util.List<String> fonts = PdfText.embeddedFonts(pdf);
        assertTrue(!fonts.isEmpty() && fonts.stream().allMatch(f -> f.matches("/?[A-Z]{6}\\+.+")), "embedded subset fonts: " + fonts);
        String text = PdfText.of(pdf);
        assertTrue(text.contains("叁佰捌拾元整"), text);
        assertTrue(text.contains("万州区 白羊镇 白羊社区（代收）"), text);
        assertTrue(text.contains("POS刷卡") && !text.contains("Channel POS"), text);
        assertTrue(text.contains("白羊社区经办员 张敏"), text);
    }

    @Test
    void aSubsidyIdentityOnRecordLowersTheAmountDue() {
        String id = newResident("RESIDENT");
        Http.Reply identity = Http.as("department").post("/api/v1/persons/" + id + "/identities",
                "{\"code\":\"101\",\"certifyingDepartment\":\"万州区民政局\",\"validFrom\":\"2023-09-01\",\"validTo\":\"2024-12-31\",\"evidence\":\"低保证\"}");
        assertEquals(201, identity.status(), identity.body());
        assertEquals(422, pay("tax", "IT-SUB-WRONG-" + id, id, "380", "WECHAT").status());
        Http.Reply paid = pay("tax", "IT-SUB-" + id, id, "38.00", "WECHAT");
        assertEquals(201, paid.status(), paid.body());
        assertEquals("101", paid.json().getString("subsidyCode"));
        assertEquals(342.0, paid.json().getJsonNumber("subsidyAmount").doubleValue());
    }

    @Test
    void fiftyConcurrentSubmissionsOfOneTransactionIdMakeOnePayment() throws Exception {
        String id = newResident("RESIDENT");
        String tx = "IT-SAME-" + id;
        long before = count("Payment");
        Map<Integer, Integer> statuses = concurrently(50, n -> pay("tax", tx, id, "380", "WECHAT"));
        assertEquals(1, statuses.getOrDefault(201, 0), statuses.toString());
        assertEquals(49, statuses.getOrDefault(200, 0), statuses.toString());
        assertEquals(1L, payments(tx));
        assertEquals(before + 1, count("Payment"));
    }

    @Test
    void twentyConcurrentDifferentPaymentsForOnePersonAndYearLeaveOneStanding() throws Exception {
        String id = newResident("RESIDENT");
        long before = count("Payment");
        Map<Integer, Integer> statuses = concurrently(20, n -> pay("tax", "IT-DIFF-" + n + "-" + id, id, "380", "WECHAT"));
        assertEquals(1, statuses.getOrDefault(201, 0), statuses.toString());
        assertEquals(19, statuses.getOrDefault(409, 0), statuses.toString());
        assertEquals(before + 1, count("Payment"));
        assertEquals(1L, em.createQuery("select count(e) from Enrollment e, Person p where e.personId = p.id and p.idNumber = :id", Long.class)
                .setParameter("id", id).getSingleResult());
    }

    @Test
    void refusedPaymentsAreProblemsAndWriteNothing() {
        String id = newResident("RESIDENT");
        long payments = count("Payment");
        long enrollments = count("Enrollment");
        long audit = count("AuditEntry");

        String badId = id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
        assertProblem(422, "INVALID_ID_NUMBER", pay("tax", "IT-BAD-ID-" + id, badId, "380", "WECHAT"));
        assertProblem(422, "WRONG_AMOUNT", pay("tax", "IT-WRONG-" + id, id, "379.99", "WECHAT"));
        // 500102-2023's last window closed on 2023-09-30
        assertProblem(422, null, Http.as("tax").post("/api/v1/payments", body("IT-CLOSED-" + id, id, "500102-2023", "350", "WECHAT", PAID_AT)));
        // before 500101-2024 opens on 2023-09-01
        assertProblem(422, "NOT_YET_OPEN", Http.as("tax").post("/api/v1/payments", body("IT-EARLY-" + id, id, POLICY, "380", "WECHAT", "2023-08-31T23:59:00+08:00")));
        assertProblem(404, "POLICY_UNKNOWN", Http.as("tax").post("/api/v1/payments", body("IT-NOPOL-" + id, id, "999999-2024", "380", "WECHAT", PAID_AT)));
        assertProblem(400, "INVALID_INPUT", Http.as("tax").post("/api/v1/payments", body("IT-CHAN-" + id, id, POLICY, "380", "PIGEON", PAID_AT)));

        assertEquals(payments, count("Payment"), "no payment written");
        assertEquals(enrollments, count("Enrollment"), "no enrollment written");
        assertEquals(audit, count("AuditEntry"), "no audit line written");
    }

    @Test
    void paidAtIsJudgedOnItsDateInChinaTime() {
        String id = newResident("RESIDENT");
        // 2023-08-31T16:30Z is 2023-09-01 00:30 in China: the window is open
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", body("IT-TZ-" + id, id, POLICY, "380", "ALIPAY", "2023-08-31T16:30:00Z"));
        assertEquals(201, paid.status(), paid.body());
        assertEquals("2023-09-01", paid.json().getString("businessDate"));
    }

    @Test
    void personsAreRegisteredOnlyInTheClerksVillageAndOnlyOnce() {
        String id = IdNumber.withCheckCharacter("5001011988" + "0101" + threeDigits()).value();
        String json = "{\"idNumber\":\"" + id + "\",\"name\":\"测试居民\",\"householdRegionCode\":\"500101101002\",\"residentType\":\"RESIDENT\"}";
        assertProblem(403, "REGION_NOT_IN_AREA", Http.as("clerk").post("/api/v1/persons", json));
        assertEquals(201, Http.as("clerk2").post("/api/v1/persons", json).status());
        assertProblem(409, "PERSON_EXISTS", Http.as("clerk2").post("/api/v1/persons", json));
        assertProblem(404, "PERSON_UNKNOWN", Http.as("clerk").get("/api/v1/persons/" + id)); // not revealed outside the area
        assertProblem(422, "INVALID_ID_NUMBER", Http.as("clerk").post("/api/v1/persons",
                json.replace(id, id.substring(0, 10) + "1340" + id.substring(14))));
    }

    @Test
    void aHouseholdIsRegisteredAllOrNothing() {
        String parent = IdNumber.withCheckCharacter("5001011985" + "0505" + threeDigits()).value();
        String child = IdNumber.withCheckCharacter("5001012023" + "0915" + threeDigits()).value();
        long persons = count("Person");
        String broken = "{\"regionCode\":\"" + VILLAGE + "\",\"members\":[{\"idNumber\":\"" + parent + "\",\"name\":\"家长\",\"residentType\":\"RESIDENT\"},"
                + "{\"idNumber\":\"" + child.substring(0, 17) + "Y\",\"name\":\"孩子\",\"residentType\":\"NEWBORN\"}]}";
        Http.Reply refused = Http.as("clerk").post("/api/v1/households", broken);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("members[1].idNumber", refused.json().getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(persons, count("Person"), "nothing of the household written");

        Http.Reply household = Http.as("clerk").post("/api/v1/households", broken.replace(child.substring(0, 17) + "Y", child)
                .replace("\"NEWBORN\"}", "\"NEWBORN\",\"guardianIdNumber\":\"" + parent + "\"}"));
        assertEquals(201, household.status(), household.body());
        assertEquals(2, household.json().getJsonArray("members").size());
        assertFalse(household.body().contains(parent), "ID numbers are masked in lists");
        assertEquals(persons + 2, count("Person"));
    }

    // --- helpers

    private String newResident(String type) {
        String id = IdNumber.withCheckCharacter("5001011990" + String.format("%02d%02d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28)) + threeDigits()).value();
        Http.Reply reply = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"测试居民\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"" + type + "\"}");
        if (reply.status() == 409) {
            return newResident(type);
        }
        assertEquals(201, reply.status(), reply.body());
        return id;
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    private static String threeDigits() {
        return String.format("%03d", SEQUENCE.incrementAndGet() % 1000);
    }

    private static Http.Reply pay(String user, String tx, String id, String amount, String channel) {
        return Http.as(user).post("/api/v1/payments", body(tx, id, POLICY, amount, channel, PAID_AT));
    }

    private static String body(String tx, String id, String policy, String amount, String channel, String paidAt) {
        return "{\"transactionId\":\"" + tx + "\",\"idNumber\":\"" + id + "\",\"policyId\":\"" + policy + "\",\"tier\":1,"
                + "\"amount\":" + amount + ",\"channel\":\"" + channel + "\",\"paidAt\":\"" + paidAt + "\"}";
    }

    private static void assertProblem(int status, String code, Http.Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(PROBLEM, reply.contentType(), reply.body());
        if (code != null) {
            assertEquals(code, reply.json().getString("code"), reply.body());
        }
        assertFalse(reply.body().contains("Exception"), "no stack trace: " + reply.body());
    }

    private long count(String entity) {
        return em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult();
    }

    private long payments(String tx) {
        return em.createQuery("select count(p) from Payment p where p.transactionId = :tx", Long.class)
                .setParameter("tx", tx).getSingleResult();
    }

    private interface Call {
        Http.Reply call(int n);
    }

    /** Starts {@code n} calls at once (a latch-like barrier: all threads wait for the last one to be ready). */
    private static Map<Integer, Integer> concurrently(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int number = i;
                Callable<Integer> task = () -> {
                    start.await();
                    return call.call(number).status();
                };
                results.add(pool.submit(task));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> f : results) {
                statuses.merge(f.get(), 1, Integer::sum);
            }
            assertNotNull(statuses);
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
