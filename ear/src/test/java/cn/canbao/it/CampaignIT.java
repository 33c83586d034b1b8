package cn.canbao.it;

import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.entity.Person;
import cn.canbao.policy.control.PolicyJson;
import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ScoringBand;
import cn.canbao.policy.entity.ScoringRule;
import cn.canbao.policy.entity.StoredPolicy;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import jakarta.annotation.Resource;
import jakarta.json.JsonArray;
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
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * campaign-renewal (500101-2024 → a 500101-2025 copy PUT here) and campaign-deadline-rollover (500118-2023, whose
 * villages are scored) over REST, each on a village filled by demo-population; exact counts, reruns change nothing.
 */
@ExtendWith(ArquillianExtension.class)
class CampaignIT {

    private static final String FROM = "500101-2024";
    private static final String TO = "500101-2025";
    private static final String SCORED = "500118-2023";
    /** 永川区's operator: a job over 永川's villages is started by 永川 (jobs stay inside the caller's area) */
    private static final String YONGCHUAN_OPERATOR = "yc_operator";

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(CampaignIT.class, BatchRuns.class, Http.class, Http.Reply.class);
    }

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Test
    void renewalPreRegistersLivingPaidResidentsOnceAtNextYearsPrice() throws Exception {
        String next = Http.as("district_admin").get("/api/v1/policies/" + FROM).body().replace("2024-02-29", "2024-02-28")
                .replace("2024", "2025").replace("2023", "2024");
        Http.Reply put = Http.as("district_admin").put("/api/v1/policies/" + TO, next);
        assertTrue(put.status() == 200 || put.status() == 201, put.body());

        String village = emptyVillage("500101101", 2, 17);
        run("demo-population", "{\"regionCode\":\"" + village + "\",\"count\":60,\"seed\":7,\"policyId\":\"" + FROM
                + "\",\"paidUntil\":\"2023-11-20\"}");
        List<Enrollment> paid = enrollments(village, FROM, EnrollmentStatus.PAID);
        assertTrue(paid.size() > 10, "some paid: " + paid.size());
        tx.begin();
        em.createNativeQuery("update canbao.person set deceased_on = date '2024-03-01' where id = ?1").setParameter(1, paid.get(0).getPersonId()).executeUpdate();
        em.createNativeQuery("update canbao.person set employee_insured = true where id = ?1").setParameter(1, paid.get(1).getPersonId()).executeUpdate();
        tx.commit();
        em.clear();

        JsonObject first = run("campaign-renewal", "{\"fromPolicyId\":\"" + FROM + "\",\"toPolicyId\":\"" + TO + "\",\"regionCode\":\"" + village + "\"}");
        assertEquals((long) paid.size(), BatchRuns.metrics(first).get("readCount"));
        assertEquals((long) paid.size() - 2, BatchRuns.metrics(first).get("writeCount"));
        assertEquals(2L, BatchRuns.metrics(first).get("filterCount"));

        List<Enrollment> renewed = enrollments(village, TO, EnrollmentStatus.REGISTERED);
        assertEquals(paid.size() - 2, renewed.size());
        Map<Long, Integer> tierOf = paid.stream().collect(Collectors.toMap(Enrollment::getPersonId, Enrollment::getTier));
        Policy to = new PolicyJson().read(em.find(StoredPolicy.class, TO).getDocument());
        QuoteEngine engine = new QuoteEngine(Clock.systemUTC());
        for (Enrollment e : renewed) {
            assertEquals(2025, e.getInsuranceYear());
            assertEquals(tierOf.get(e.getPersonId()), e.getTier());
            Person p = em.find(Person.class, e.getPersonId());
            assertEquals(null, p.getDeceasedOn());
            List<HeldIdentity> held = em.createNamedQuery(SubsidyIdentity.OF_PERSON, SubsidyIdentity.class).setParameter("person", p.getId())
                    .getResultStream().map(SubsidyIdentity::held).toList();
            BigDecimal expected = engine.quote(to, new QuoteRequest(e.getTier(), LocalDate.of(2024, 9, 1), p.getResidentType(),
                    p.getBirthDate(), p.idNumberValue(), held, Set.of())).personalAmount();
            assertEquals(0, expected.compareTo(e.getAmountDue()), "enrollment " + e.getId());
        }

        JsonObject rerun = run("campaign-renewal", "{\"fromPolicyId\":\"" + FROM + "\",\"toPolicyId\":\"" + TO + "\",\"regionCode\":\"" + village + "\"}");
        assertEquals(0L, BatchRuns.metrics(rerun).get("writeCount"));
        assertEquals(renewed.size(), enrollments(village, TO, EnrollmentStatus.REGISTERED).size());

        Http.Reply notNext = Http.as("operator").post("/api/v1/batch/jobs/campaign-renewal/executions",
                "{\"parameters\":{\"fromPolicyId\":\"" + FROM + "\",\"toPolicyId\":\"" + SCORED + "\"}}");
        assertEquals(422, notNext.status(), notNext.body());
        assertEquals("POLICY_NOT_NEXT_YEAR", notNext.json().getString("code"));
    }

    @Test
    void deadlineRolloverFreezesEachVillagesResultAndUnpaidListOnce() {
        String village = emptyVillage("500118101", 1, 7);
        run(YONGCHUAN_OPERATOR, "demo-population", "{\"regionCode\":\"" + village + "\",\"count\":80,\"seed\":11,\"policyId\":\"" + SCORED
                + "\",\"paidUntil\":\"2022-12-20\",\"subsidyShares\":\"113:0.02\"}");
        String asOf = "2023-01-01";
        Http.Reply early = Http.as(YONGCHUAN_OPERATOR).post("/api/v1/batch/jobs/campaign-deadline-rollover/executions",
                "{\"parameters\":{\"policyId\":\"" + SCORED + "\",\"asOf\":\"2022-12-31\"}}");
        assertEquals(422, early.status(), early.body());
        assertEquals("NOT_AFTER_DEADLINE", early.json().getString("code"));

        // one registered resident signs a reason for not enrolling: off the frozen list, as off the live one
        Enrollment signer = enrollments(village, SCORED, EnrollmentStatus.REGISTERED).get(0);
        String signerId = em.find(Person.class, signer.getPersonId()).getIdNumber();
        Http.Reply signed = Http.as("yc_admin").post("/api/v1/persons/" + signerId + "/non-enrollments",
                "{\"policyId\":\"" + SCORED + "\",\"reason\":\"INSURED_ELSEWHERE\",\"signed\":true}");
        assertEquals(201, signed.status(), signed.body());

        String parameters = "{\"policyId\":\"" + SCORED + "\",\"asOf\":\"" + asOf + "\",\"regionCode\":\"" + village + "\"}";
        JsonObject first = run(YONGCHUAN_OPERATOR, "campaign-deadline-rollover", parameters);
        long paid = enrollments(village, SCORED, EnrollmentStatus.PAID).size();
        List<Enrollment> unpaid = enrollments(village, SCORED, EnrollmentStatus.REGISTERED);
        assertEquals(80L, paid + unpaid.size());
        assertEquals((long) unpaid.size(), BatchRuns.metrics(first).get("readCount"));

        long target = ((Number) em.createNativeQuery("select target from canbao.region_target where policy_id = ?1 and region_code = ?2")
                .setParameter(1, SCORED).setParameter(2, village).getSingleResult()).longValue();
        BigDecimal rate = BigDecimal.valueOf(paid * 100).divide(BigDecimal.valueOf(target), 2, RoundingMode.HALF_UP);
        Policy policy = new PolicyJson().read(em.find(StoredPolicy.class, SCORED).getDocument());
        ScoringRule rule = policy.villageScoring().get(0);
        ScoringBand band = rule.bandFor(rate).orElseThrow();

        Http.Reply results = Http.as("yc_supervisor").get("/api/v1/policies/" + SCORED + "/village-results?asOf=" + asOf);
        assertEquals(200, results.status(), results.body());
        List<JsonObject> mine = results.array().stream().map(v -> v.asJsonObject())
                .filter(r -> village.equals(r.getString("regionCode"))).toList();
        assertEquals(policy.villageScoring().size(), mine.size(), results.body());
        JsonObject row = mine.stream().filter(r -> rule.name().equals(r.getString("rule"))).findFirst().orElseThrow();
        assertEquals(target, row.getJsonNumber("target").longValue());
        assertEquals(paid, row.getJsonNumber("counted").longValue());
        assertEquals(0, rate.compareTo(row.getJsonNumber("rate").bigDecimalValue()));
        assertEquals(0, band.scoreChange().compareTo(row.getJsonNumber("scoreChange").bigDecimalValue()));
        assertEquals(band.interview(), row.getBoolean("interview"));

        JsonArray list = Http.as("yc_town_officer").get("/api/v1/policies/" + SCORED + "/unpaid-list?asOf=" + asOf + "&regionCode=" + village).array();
        assertEquals(unpaid.size() - 1, list.size(), "the signed resident is not on the frozen list");
        assertTrue(list.stream().noneMatch(v -> v.asJsonObject().getJsonNumber("enrollmentId").longValue() == signer.getId()));
        Map<Long, BigDecimal> due = new java.util.HashMap<>();
        for (Object o : em.createNativeQuery("select id, amount_due from canbao.enrollment where region_code = ?1 and policy_id = ?2"
                + " and status = 'REGISTERED'").setParameter(1, village).setParameter(2, SCORED).getResultList()) {
            Object[] r = (Object[]) o;
            due.put(((Number) r[0]).longValue(), (BigDecimal) r[1]);
        }
        list.forEach(v -> {
            JsonObject line = v.asJsonObject();
            assertTrue(line.getString("idNumber").contains("**********"), line.toString());
            assertEquals(0, due.get(line.getJsonNumber("enrollmentId").longValue()).compareTo(line.getJsonNumber("amountDue").bigDecimalValue()));
        });
        long changes = count("select count(c) from AmountChange c where c.regionCode = '" + village + "' and c.reason = cn.canbao.enrollment.entity.AmountChange.Reason.DEADLINE_ROLLOVER");
        assertEquals(BatchRuns.metrics(first).get("writeCount"), changes);

        JsonObject rerun = run(YONGCHUAN_OPERATOR, "campaign-deadline-rollover", parameters);
        assertEquals(0L, BatchRuns.metrics(rerun).get("writeCount"));
        assertEquals(changes, count("select count(c) from AmountChange c where c.regionCode = '" + village + "' and c.reason = cn.canbao.enrollment.entity.AmountChange.Reason.DEADLINE_ROLLOVER"));
        assertEquals(unpaid.size() - 1, Http.as("yc_town_officer").get("/api/v1/policies/" + SCORED + "/unpaid-list?asOf=" + asOf + "&regionCode=" + village).array().size());
        assertEquals(mine.size(), Http.as("yc_supervisor").get("/api/v1/policies/" + SCORED + "/village-results?asOf=" + asOf).array()
                .stream().filter(r -> village.equals(r.asJsonObject().getString("regionCode"))).count());
    }

    private List<Enrollment> enrollments(String village, String policyId, EnrollmentStatus status) {
        return em.createQuery("select e from Enrollment e where e.regionCode = :v and e.policyId = :p and e.status = :s order by e.id", Enrollment.class)
                .setParameter("v", village).setParameter("p", policyId).setParameter("s", status).getResultList();
    }

    private String emptyVillage(String town, int from, int to) {
        for (int i = from; i <= to; i++) {
            String code = town + String.format("%03d", i);
            if (count("select count(p) from Person p where p.householdRegionCode = '" + code + "'") == 0) {
                return code;
            }
        }
        fail("every village of " + town + " already has residents: delete ear/target/wildfly for a fresh database");
        return null;
    }

    private long count(String jpql) {
        return em.createQuery(jpql, Long.class).getSingleResult();
    }

    private static JsonObject run(String job, String parameters) {
        return BatchRuns.run(job, parameters, java.time.Duration.ofMinutes(10));
    }

    private static JsonObject run(String user, String job, String parameters) {
        return BatchRuns.run(user, job, parameters, java.time.Duration.ofMinutes(10));
    }
}
