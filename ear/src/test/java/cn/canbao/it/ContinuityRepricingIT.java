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
 * Full-cost switchover under a continuity rule reads the insurance history page by page (InsuranceHistories.histories
 * on the chunk's connection): on 2023-09-15 in the 2023 copy of the continuity example (see ContinuityPaymentIT), a
 * resident with 2021 and 2022 on record waits 3 months (cover from 2023-12-15) and owes the full cost; one without
 * history would wait 3 + 1 months past the end of cover, so their amount due is kept. In the container, to register
 * the unpaid enrollments of a past campaign directly (the API registers on the business date, after the cutoff).
 */
@ExtendWith(ArquillianExtension.class)
class ContinuityRepricingIT {

    private static final String POLICY = "500101-2023";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(ContinuityRepricingIT.class, BatchRuns.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void theSwitchoverPricesWithTheHistoryOnRecord() throws Exception {
        Http admin = Http.as("district_admin");
        // the example as the build has it: config/ beside the provisioned server (ear/target/wildfly)
        Path policies = Path.of(System.getProperty("jboss.home.dir"), "..", "..", "..", "config", "policies");
        String document = Files.readString(policies.resolve("500101-2026.json")).replace("2025", "2022").replace("2026", "2023");
        Http.Reply put = admin.put("/api/v1/policies/" + POLICY, document);
        assertTrue(put.status() == 200 || put.status() == 201, put.body());
        String village = village(admin);
        String insured = resident(admin, village, "转换甲");
        String gap = resident(admin, village, "转换乙");
        for (int year : new int[] {2021, 2022}) {
            Http.Reply recorded = admin.post("/api/v1/persons/" + insured + "/insurance-history",
                    "{\"year\":" + year + ",\"evidence\":\"职工医保缴费证明\"}");
            assertEquals(201, recorded.status(), recorded.body());
        }

        BigDecimal standard = new BigDecimal("400.00");
        tx.begin();
        EnrollmentRows.register(em, List.of(registration(insured, village, standard), registration(gap, village, standard)));
        tx.commit();

        JsonObject quoted = quote(admin, insured);
        assertEquals("2023-12-15", quoted.getString("benefitStart"), quoted.toString());
        BigDecimal fullCost = quoted.getJsonNumber("personalAmount").bigDecimalValue();
        assertTrue(fullCost.compareTo(standard) > 0, quoted.toString());
        Http.Reply refused = admin.post("/api/v1/policies/" + POLICY + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"2023-09-15\",\"idNumber\":\"" + gap + "\"}");
        assertEquals(422, refused.status(), refused.body());
        assertTrue(refused.body().contains("NO_BENEFIT_PERIOD"), refused.body());

        BatchRuns.run("full-cost-switchover", "{\"policyId\":\"" + POLICY + "\",\"asOf\":\"2023-09-15\"}", Duration.ofMinutes(5));
        em.clear();
        assertEquals(0, fullCost.compareTo(amountDue(insured)), "the history on record: 3 months, full cost due");
        assertEquals(0, standard.compareTo(amountDue(gap)), "no benefit period without history: the amount is kept");
    }

    private EnrollmentRows.Registration registration(String idNumber, String village, BigDecimal amount) {
        return new EnrollmentRows.Registration(personId(idNumber), POLICY, 2023, 1, village, amount, OffsetDateTime.now(), "it");
    }

    private long personId(String idNumber) {
        return em.createQuery("select p.id from Person p where p.idNumber = :n", Long.class).setParameter("n", idNumber).getSingleResult();
    }

    private BigDecimal amountDue(String idNumber) {
        return em.createQuery("select e from Enrollment e where e.personId = :p and e.policyId = :policy", Enrollment.class)
                .setParameter("p", personId(idNumber)).setParameter("policy", POLICY).getSingleResult().getAmountDue();
    }

    private static JsonObject quote(Http admin, String id) {
        Http.Reply quote = admin.post("/api/v1/policies/" + POLICY + "/quotes",
                "{\"tier\":1,\"paymentDate\":\"2023-09-15\",\"idNumber\":\"" + id + "\"}");
        assertEquals(200, quote.status(), quote.body());
        return quote.json();
    }

    private static String village(Http admin) {
        for (int i = 0; i < 100; i++) {
            String town = "500101" + (200 + ThreadLocalRandom.current().nextInt(800));
            if (admin.get("/api/v1/regions/" + town).status() == 404) {
                assertEquals(201, admin.put("/api/v1/regions/" + town, "{\"name\":\"转换镇\",\"level\":\"TOWN\",\"parentCode\":\"500101\"}").status());
                assertEquals(201, admin.put("/api/v1/regions/" + town + "001", "{\"name\":\"转换村\",\"level\":\"VILLAGE\",\"parentCode\":\"" + town + "\"}").status());
                return town + "001";
            }
        }
        throw new IllegalStateException("no free town code");
    }

    private static String resident(Http admin, String village, String name) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String id = IdNumber.withCheckCharacter("500101" + LocalDate.of(1960, 1, 1).plusDays(random.nextInt(10900))
                .format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", random.nextInt(1000))).value();
        Http.Reply created = admin.post("/api/v1/persons", "{\"idNumber\":\"" + id + "\",\"name\":\"" + name
                + "\",\"householdRegionCode\":\"" + village + "\",\"residentType\":\"RESIDENT\"}");
        assertEquals(201, created.status(), created.body());
        return id;
    }
}
