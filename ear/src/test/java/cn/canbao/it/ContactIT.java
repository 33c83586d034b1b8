package cn.canbao.it;

import cn.canbao.platform.entity.IdNumber;
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
 * The follow-up of the unpaid list (催缴): a clerk records a call or a visit and the list shows the latest one. Over
 * the API, with row counts read in the server; the screen is in CounterScreensIT.
 */
@ExtendWith(ArquillianExtension.class)
class ContactIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101001";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(ContactIT.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Test
    void aClerkRecordsContactsWithAnUnpaidResidentAndEachIsAudited() {
        String id = resident("一催缴甲");
        long contacts = count("ContactAttempt");
        long audit = count("AuditEntry");
        Http.Reply first = Http.as("clerk").post("/api/v1/contacts", body(id, "PHONE", "NOT_AT_HOME", null));
        assertEquals(201, first.status(), first.body());
        assertEquals("NOT_AT_HOME", first.json().getString("outcome"));
        assertEquals("clerk", first.json().getString("recordedBy"));
        assertEquals(VILLAGE, first.json().getString("regionCode"));
        Http.Reply second = Http.as("town_officer").post("/api/v1/contacts", body(id, "VISIT", "PROMISED", "周末来缴"));
        assertEquals(201, second.status(), second.body());
        assertEquals(contacts + 2, count("ContactAttempt"));
        assertEquals(audit + 2, count("AuditEntry"), "one audit line per contact");
    }

    @Test
    void badOrForbiddenContactsAreProblemsAndWriteNothing() {
        String id = resident("一催缴乙");
        long contacts = count("ContactAttempt");
        long audit = count("AuditEntry");

        Http.Reply badChannel = Http.as("clerk").post("/api/v1/contacts", body(id, "PIGEON", "PROMISED", null));
        assertEquals(400, badChannel.status(), badChannel.body());
        assertEquals("INVALID_INPUT", badChannel.json().getString("code"));
        assertEquals("channel", badChannel.json().getJsonArray("errors").getJsonObject(0).getString("field"));

        Http.Reply otherWithoutNote = Http.as("clerk").post("/api/v1/contacts", body(id, "PHONE", "OTHER", null));
        assertEquals(400, otherWithoutNote.status(), otherWithoutNote.body());

        Http.Reply badId = Http.as("clerk").post("/api/v1/contacts", body(wrongCheckCharacter(), "PHONE", "PROMISED", null));
        assertEquals(422, badId.status(), badId.body());

        Http.Reply otherVillage = Http.as("clerk2").post("/api/v1/contacts", body(id, "PHONE", "PROMISED", null));
        assertEquals(404, otherVillage.status(), "outside the area is answered as not registered: " + otherVillage.body());
        assertEquals("PERSON_UNKNOWN", otherVillage.json().getString("code"));

        Http.Reply unknownPolicy = Http.as("clerk").post("/api/v1/contacts", body(id, "PHONE", "PROMISED", null)
                .replace(POLICY, "500101-2099"));
        assertEquals(404, unknownPolicy.status(), unknownPolicy.body());

        assertEquals(403, Http.as("tax").post("/api/v1/contacts", body(id, "PHONE", "PROMISED", null)).status(), "not a counter role");

        Http.Reply paid = Http.as("tax").post("/api/v1/payments", "{\"transactionId\":\"IT-CONTACT-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"WECHAT\",\"paidAt\":\"2023-11-02T10:00:00+08:00\"}");
        assertEquals(201, paid.status(), paid.body());
        long auditAfterPayment = count("AuditEntry");
        Http.Reply afterPaying = Http.as("clerk").post("/api/v1/contacts", body(id, "PHONE", "PROMISED", null));
        assertEquals(409, afterPaying.status(), afterPaying.body());
        assertEquals("ALREADY_PAID", afterPaying.json().getString("code"));

        assertEquals(contacts, count("ContactAttempt"), "no contact written");
        assertTrue(auditAfterPayment > audit, "the payment is audited");
        assertEquals(auditAfterPayment, count("AuditEntry"), "no audit line for a refused contact");
    }

    private static String wrongCheckCharacter() {
        String valid = IdNumber.withCheckCharacter("50010119900101123").value();
        return valid.substring(0, 17) + (valid.endsWith("0") ? "1" : "0");
    }

    private static String body(String id, String channel, String outcome, String note) {
        return "{\"idNumber\":\"" + id + "\",\"policyId\":\"" + POLICY + "\",\"channel\":\"" + channel + "\",\"outcome\":\""
                + outcome + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}";
    }

    private String resident(String name) {
        String id = IdNumber.withCheckCharacter("5001011988" + String.format("%02d%02d%03d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply person = Http.as("clerk").post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            return resident(name);
        }
        assertEquals(201, person.status(), person.body());
        return id;
    }

    private long count(String entity) {
        return em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult();
    }
}
