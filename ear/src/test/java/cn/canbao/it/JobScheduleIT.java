package cn.canbao.it;

import cn.canbao.batch.boundary.JobScheduler;
import jakarta.ejb.EJB;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The job scheduler on a policy of its own (500118-2024, 松溉's 2023 campaign moved a year on, PUT here, so no other
 * test's data is touched): the deadline rollover and the full-cost switchover start on the policy's dates exactly once,
 * not before, not again on a later check, not after the catch-up days. The checks run through the scheduler's
 * test-only path with an explicit date; the REST check runs on the business date (2023-11-20, nothing due) only.
 */
@ExtendWith(ArquillianExtension.class)
class JobScheduleIT {

    private static final String POLICY = "500118-2024";
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.canbao(JobScheduleIT.class, Http.class, Http.Reply.class);
    }

    @EJB
    JobScheduler scheduler;

    @PersistenceContext(unitName = "canbao")
    EntityManager em;

    @Test
    void dueJobsStartOnceOnThePolicysDates() throws Exception {
        String next = Http.as("yc_admin").get("/api/v1/policies/500118-2023").body()
                .replace("2023-02-28", "@LEAP@").replace("2023", "2024").replace("2022", "2023").replace("@LEAP@", "2024-02-29");
        Http.Reply put = Http.as("yc_admin").put("/api/v1/policies/" + POLICY, next);
        assertTrue(put.status() == 200 || put.status() == 201, put.body());

        JsonObject plan = Http.as("operator").get("/api/v1/batch/schedule").json();
        assertFalse(plan.getBoolean("enabled"), "the test server runs with canbao.scheduler.enabled=false: " + plan);
        assertEquals("2023-11-20", plan.getString("businessDate"));
        assertEquals("PLANNED", entry(plan, "campaign-deadline-rollover").getString("state"));
        assertEquals("2024-01-01", entry(plan, "campaign-deadline-rollover").getString("dueDate"));
        assertEquals("2024-07-01", entry(plan, "full-cost-switchover").getString("dueDate"));
        assertEquals(403, Http.as("town_officer").get("/api/v1/batch/schedule").status());

        assertEquals(List.of(), scheduler.check(LocalDate.of(2023, 12, 31), POLICY), "nothing is due the day before");
        List<JobScheduler.Outcome> first = scheduler.check(LocalDate.of(2024, 1, 1), POLICY);
        assertEquals(1, first.size(), first.toString());
        assertEquals("STARTED", first.get(0).result(), first.toString());
        assertEquals("campaign-deadline-rollover", first.get(0).jobName());
        long execution = first.get(0).executionId();
        JsonObject ended = waitFor(execution);
        assertEquals("COMPLETED", ended.getString("batchStatus"), ended.toString());
        assertEquals(POLICY, ended.getJsonObject("parameters").getString("policyId"));
        assertEquals("2024-01-01", ended.getJsonObject("parameters").getString("asOf"));
        assertEquals("500118", ended.getJsonObject("parameters").getString("regionCode"));

        List<JobScheduler.Outcome> second = scheduler.check(LocalDate.of(2024, 1, 2), POLICY);
        assertEquals(1, second.size(), second.toString());
        assertEquals("ALREADY_STARTED", second.get(0).result());
        assertEquals(List.of(), scheduler.check(LocalDate.of(2024, 1, 20), POLICY), "beyond the catch-up days nothing starts");
        assertEquals(1, executionsOf("campaign-deadline-rollover"), "started exactly once");
        assertEquals(1L, count("select count(*) from canbao.scheduled_job_start where policy_id = '" + POLICY + "'"));

        List<JobScheduler.Outcome> july = scheduler.check(LocalDate.of(2024, 7, 1), POLICY);
        assertEquals(1, july.size(), july.toString());
        assertEquals("full-cost-switchover", july.get(0).jobName());
        assertEquals("STARTED", july.get(0).result());
        assertEquals("COMPLETED", waitFor(july.get(0).executionId()).getString("batchStatus"));
        assertEquals("ALREADY_STARTED", scheduler.check(LocalDate.of(2024, 7, 3), POLICY).get(0).result());
        assertEquals(1, executionsOf("full-cost-switchover"));

        JsonObject after = Http.as("operator").get("/api/v1/batch/schedule").json();
        JsonObject rollover = entry(after, "campaign-deadline-rollover");
        assertEquals("STARTED", rollover.getString("state"));
        assertEquals(execution, rollover.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", rollover.getString("batchStatus"));
        assertEquals("2024-01-01", rollover.getString("startedOnBusinessDate"));
        assertEquals(2L, count("select count(*) from canbao.audit_log where action = 'SCHEDULED_JOB_STARTED' and detail like '%" + POLICY + "%'"));

        // "run now" checks on the business date only: nothing of any policy is due on 2023-11-20
        Http.Reply now = Http.as("operator").post("/api/v1/batch/schedule/check", "{}");
        assertEquals(200, now.status(), now.body());
        assertEquals(0, now.array().size(), now.body());
    }

    private static JsonObject entry(JsonObject plan, String job) {
        for (JsonValue v : plan.getJsonArray("entries")) {
            JsonObject e = v.asJsonObject();
            if (POLICY.equals(e.getString("policyId")) && job.equals(e.getString("jobName"))) {
                return e;
            }
        }
        fail("no " + job + " of " + POLICY + " in " + plan);
        return null;
    }

    private static long executionsOf(String job) {
        JsonArray all = Http.as("yc_operator").get("/api/v1/batch/executions?jobName=" + job + "&limit=500").array();
        return all.stream().filter(v -> POLICY.equals(v.asJsonObject().getJsonObject("parameters").getString("policyId", ""))).count();
    }

    private static JsonObject waitFor(long execution) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject e = Http.as("yc_operator").get("/api/v1/batch/executions/" + execution).json();
            if (ENDED.contains(e.getString("batchStatus"))) {
                return e;
            }
            Thread.sleep(300);
        }
        fail("execution " + execution + " did not end in time");
        return null;
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
