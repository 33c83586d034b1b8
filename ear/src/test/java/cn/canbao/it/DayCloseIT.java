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

import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Collectors' day-close over HTTP. The collector is {@code clerk2} (鱼泉社区), whom no other test lets take payments:
 * a closed day stays closed in the test database, so each run closes a day of the concentrated window that is still
 * open (the window opened 2023-09-01; the demo business date is 2023-11-20).
 */
@ExtendWith(ArquillianExtension.class)
class DayCloseIT {

    private static final String POLICY = "500101-2024";
    private static final String VILLAGE = "500101101002";
    private static final String COLLECTOR = "clerk2";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(DayCloseIT.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Test
    void closingFreezesTheDaysTotalsByChannelAndTheTownOfficerSeesTheDiscrepancy() {
        LocalDate day = openDay();
        assertEquals(201, pay(resident(), "CASH", day).status());
        assertEquals(201, pay(resident(), "CASH", day).status());
        assertEquals(201, pay(resident(), "POS", day).status());

        Http.Reply closed = Http.as(COLLECTOR).post("/api/v1/day-closes", "{\"date\":\"" + day + "\",\"declaredCash\":750}");
        assertEquals(201, closed.status(), closed.body());
        JsonObject close = closed.json();
        assertEquals("CLOSED", close.getString("status"));
        assertEquals(2, close.getJsonObject("cash").getInt("count"));
        assertEquals(760.0, close.getJsonObject("cash").getJsonNumber("amount").doubleValue());
        assertEquals(1, close.getJsonObject("pos").getInt("count"));
        assertEquals(380.0, close.getJsonObject("pos").getJsonNumber("amount").doubleValue());
        assertEquals(3, close.getInt("totalCount"));
        assertEquals(1140.0, close.getJsonNumber("totalAmount").doubleValue());
        assertEquals(-10.0, close.getJsonNumber("cashDiscrepancy").doubleValue(), "declared 750 against 760 recorded");
        assertEquals(1L, em.createQuery("select count(a) from AuditEntry a where a.action = 'DAY_CLOSED' and a.entityId = :id", Long.class)
                .setParameter("id", String.valueOf(dayCloseId(day))).getSingleResult());

        Http.Reply again = Http.as(COLLECTOR).post("/api/v1/day-closes", "{\"date\":\"" + day + "\"}");
        assertEquals(409, again.status(), again.body());
        assertEquals("DAY_ALREADY_CLOSED", again.json().getString("code"));

        Http.Reply town = Http.as("town_officer").get("/api/v1/day-closes?date=" + day + "&regionCode=500101101");
        assertEquals(200, town.status(), town.body());
        JsonObject mine = town.array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("collector").equals(COLLECTOR)).findFirst().orElseThrow();
        assertEquals("CLOSED", mine.getString("status"));
        assertEquals(-10.0, mine.getJsonNumber("cashDiscrepancy").doubleValue());
        assertEquals(750.0, mine.getJsonNumber("declaredCash").doubleValue());
        assertTrue(town.array().getValuesAs(JsonObject.class).stream().anyMatch(d -> d.getString("collector").equals("clerk")),
                "every village collector of the town is listed, closed or open");
        assertEquals(403, Http.as("clerk").get("/api/v1/day-closes?date=" + day + "&regionCode=500101101").status(),
                "a clerk sees their own village only");
    }

    @Test
    void aPaymentIntoAClosedDayIsRefusedAndWritesNothing() {
        LocalDate day = openDay();
        assertEquals(201, Http.as(COLLECTOR).post("/api/v1/day-closes", "{\"date\":\"" + day + "\"}").status());
        String id = resident();
        long payments = count("Payment");
        long enrollments = count("Enrollment");
        long audit = count("AuditEntry");

        Http.Reply refused = pay(id, "CASH", day);
        assertEquals(422, refused.status(), refused.body());
        assertEquals("DAY_CLOSED", refused.json().getString("code"));
        assertEquals(payments, count("Payment"));
        assertEquals(enrollments, count("Enrollment"));
        assertEquals(audit, count("AuditEntry"));
        assertEquals(0, Http.as("town_officer").get("/api/v1/day-closes?date=" + day + "&regionCode=" + VILLAGE).array()
                .getJsonObject(0).getInt("totalCount"));
    }

    @Test
    void aReversalIntoTheCollectorsClosedDayIsRefused() {
        String id = resident();
        LocalDate day = openDay();
        Http.Reply paid = pay(id, "CASH", day);
        assertEquals(201, paid.status(), paid.body());
        // a reversal is counted for the payment's collector on the day it is made: today; close today (once per database)
        int status = Http.as(COLLECTOR).post("/api/v1/day-closes", "{\"date\":\"" + today() + "\"}").status();
        assertTrue(status == 201 || status == 409, "closed today: " + status);
        long payments = count("Payment");
        Http.Reply refused = Http.as("district_admin").post("/api/v1/payments/IT-DC-" + id + "/reversals", "{\"reason\":\"录错人\"}");
        assertEquals(422, refused.status(), refused.body());
        assertEquals("DAY_CLOSED", refused.json().getString("code"));
        assertEquals(payments, count("Payment"));
    }

    // --- helpers

    private LocalDate today() {
        String fixed = System.getProperty(cn.canbao.platform.boundary.BusinessClock.BUSINESS_DATE_PROPERTY);
        return fixed == null ? LocalDate.now(cn.canbao.platform.boundary.BusinessClock.CHINA) : LocalDate.parse(fixed.trim());
    }

    /**
     * A day of the window before today that clerk2 has neither closed nor collected on yet (another test may have left
     * a payment on an open day, which would count in this test's totals).
     */
    private LocalDate openDay() {
        LocalDate first = LocalDate.of(2023, 9, 1);
        for (int attempt = 0; attempt < 500; attempt++) {
            LocalDate day = first.plusDays(ThreadLocalRandom.current().nextInt(75));
            long closed = em.createQuery("select count(d) from DayClose d where d.collector = :c and d.businessDate = :day", Long.class)
                    .setParameter("c", COLLECTOR).setParameter("day", day).getSingleResult();
            long collected = em.createQuery("select count(p) from Payment p where p.collector = :c and p.businessDate = :day", Long.class)
                    .setParameter("c", COLLECTOR).setParameter("day", day).getSingleResult();
            if (closed == 0 && collected == 0) {
                return day;
            }
        }
        throw new IllegalStateException("every day of the window is closed for " + COLLECTOR + "; reset the test database");
    }

    private Long dayCloseId(LocalDate day) {
        return em.createQuery("select d.id from DayClose d where d.collector = :c and d.businessDate = :day", Long.class)
                .setParameter("c", COLLECTOR).setParameter("day", day).getSingleResult();
    }

    private String resident() {
        String id = IdNumber.withCheckCharacter("5001011992" + String.format("%02d%02d%03d", 1 + ThreadLocalRandom.current().nextInt(12),
                1 + ThreadLocalRandom.current().nextInt(28), ThreadLocalRandom.current().nextInt(1000))).value();
        Http.Reply person = Http.as(COLLECTOR).post("/api/v1/persons", "{\"idNumber\":\"" + id
                + "\",\"name\":\"日结测试\",\"householdRegionCode\":\"" + VILLAGE + "\",\"residentType\":\"RESIDENT\"}");
        if (person.status() == 409) {
            return resident();
        }
        assertEquals(201, person.status(), person.body());
        return id;
    }

    private static Http.Reply pay(String id, String channel, LocalDate day) {
        return Http.as(COLLECTOR).post("/api/v1/payments", "{\"transactionId\":\"IT-DC-" + id + "\",\"idNumber\":\"" + id
                + "\",\"policyId\":\"" + POLICY + "\",\"tier\":1,\"amount\":380,\"channel\":\"" + channel
                + "\",\"paidAt\":\"" + day + "T10:00:00+08:00\"}");
    }

    private long count(String entity) {
        return em.createQuery("select count(x) from " + entity + " x", Long.class).getSingleResult();
    }
}
