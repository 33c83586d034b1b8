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

import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Refunds end to end over HTTP (request at the counter, review by the district bureau, execution by tax), with row
 * counts read in the server. Each test makes its own resident.
 */
@ExtendWith(ArquillianExtension.class)
class RefundIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101001";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(RefundIT.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Test
    void aDeathBeforeCoverIsRequestedReviewedAndExecutedAndTheEnrollmentIsRefunded() {
        String id = paidResident();
        Http.Reply requested = Http.as("clerk").post("/api/v1/refunds",
                "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"reason\":\"DEATH\",\"note\":\"死亡证明\"}");
        assertEquals(201, requested.status(), requested.body());
        assertEquals("REQUESTED", requested.json().getString("status"));
        assertTrue(requested.json().getBoolean("eligible"), "death before cover starts is within the rules");
        long refundId = requested.json().getJsonNumber("refundId").longValue();

        assertEquals(403, Http.as("clerk").post("/api/v1/refunds/" + refundId + "/review", "{\"approve\":true}").status());
        assertEquals(409, Http.as("tax").post("/api/v1/refunds/" + refundId + "/execution", "").status(), "not approved yet");
        Http.Reply reviewed = Http.as("district_admin").post("/api/v1/refunds/" + refundId + "/review", "{\"approve\":true,\"note\":\"核实\"}");
        assertEquals(200, reviewed.status(), reviewed.body());
        assertEquals("APPROVED", reviewed.json().getString("status"));

        long paymentsBefore = count("Payment");
        Http.Reply executed = Http.as("tax").post("/api/v1/refunds/" + refundId + "/execution", "");
        assertEquals(200, executed.status(), executed.body());
        assertEquals("EXECUTED", executed.json().getString("status"));
        assertEquals(paymentsBefore + 1, count("Payment"), "one REVERSAL row");
        assertEquals("REFUNDED", enrollmentStatus(id));
        assertEquals(-380.0, em.createQuery("select r.amount from Payment r where r.transactionId = :tx", java.math.BigDecimal.class)
                .setParameter("tx", "REF-" + refundId).getSingleResult().doubleValue());
        assertEquals(409, Http.as("tax").post("/api/v1/refunds/" + refundId + "/execution", "").status(), "executed once only");
    }

    @Test
    void aRefundOutsideTheRulesIsRefusedWithoutAnOverrideReasonAndNothingChanges() {
        String id = paidResident();
        // the demo data has no village under a campaign whose cover has started; OTHER is outside the rules the same way
        Http.Reply requested = Http.as("clerk").post("/api/v1/refunds",
                "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"reason\":\"OTHER\",\"note\":\"本人要求\"}");
        assertEquals(201, requested.status(), requested.body());
        assertEquals(false, requested.json().getBoolean("eligible"));
        long refundId = requested.json().getJsonNumber("refundId").longValue();
        long payments = count("Payment");
        long audit = count("AuditEntry");

        Http.Reply refused = Http.as("district_admin").post("/api/v1/refunds/" + refundId + "/review", "{\"approve\":true}");
        assertEquals(422, refused.status(), refused.body());
        assertEquals("OVERRIDE_REASON_REQUIRED", refused.json().getString("code"));
        assertEquals("REQUESTED", Http.as("clerk").get("/api/v1/refunds/" + refundId).json().getString("status"));
        assertEquals("PAID", enrollmentStatus(id));
        assertEquals(payments, count("Payment"));
        assertEquals(audit, count("AuditEntry"), "no audit line for a refused review");

        Http.Reply overridden = Http.as("district_admin").post("/api/v1/refunds/" + refundId + "/review",
                "{\"approve\":true,\"overrideReason\":\"区医保局集体研究同意\"}");
        assertEquals(200, overridden.status(), overridden.body());
        JsonObject refund = overridden.json();
        assertEquals("APPROVED", refund.getString("status"));
        assertEquals("区医保局集体研究同意", refund.getString("overrideReason"));
        assertEquals(200, Http.as("tax").post("/api/v1/refunds/" + refundId + "/execution", "").status());
        assertEquals("REFUNDED", enrollmentStatus(id));
    }

    private String paidResident() {
        String id = IdNumber.withCheckCharacter("5001011991" + String.format("%02d%02d%03d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply person = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"退费测试\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            return paidResident();
        }
        assertEquals(201, person.status(), person.body());
        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-RF-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-01T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        return id;
    }

    private String enrollmentStatus(String id) {
        return em.createQuery("select e.status from Enrollment e, Person p where e.personId = p.id and p.idNumber = :id", Object.class)
                .setParameter("id", id).getSingleResult().toString();
    }

    private long count(String entity) {
        return em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult();
    }
}
