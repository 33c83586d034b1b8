package cn.canbao.campaign.boundary;

import cn.canbao.campaign.boundary.DeadlineRollover;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.PriceMode;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign's batch dates, read from each policy (never constants): the deadline rollover on the first day after
 * the concentrated window (when that day lies in a payment window) and the full-cost switchover on the first day of
 * the first FULL_COST window. What the scheduler started is kept in {@code scheduled_job_start}, one row per
 * (policy, job, due date): {@link #claim} inserts it, and the primary key lets only one of two racing checks (a
 * restart, a second node) through. Each call is its own transaction.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CampaignSchedule {

    public static final String DEADLINE_ROLLOVER = "campaign-deadline-rollover";
    public static final String FULL_COST_SWITCHOVER = "full-cost-switchover";

    /** A job a policy's dates call for: started with {@code policyId} and {@code asOf} = {@code dueDate}. */
    public record Due(String policyId, String regionCode, String jobName, LocalDate dueDate) {
    }

    /** What the scheduler did about a due job. */
    public record Start(String policyId, String jobName, LocalDate dueDate, String status, Long executionId, String detail,
                        LocalDate businessDate, OffsetDateTime claimedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The scheduled jobs of every policy, by due date. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Due> dues() {
        List<Due> dues = new ArrayList<>();
        policies.list().forEach(s -> dues.addAll(dues(policies.policy(s.policyId()))));
        dues.sort(Comparator.comparing(Due::dueDate).thenComparing(Due::policyId).thenComparing(Due::jobName));
        return dues;
    }

    /** The scheduled jobs of one policy, from its windows. */
    public static List<Due> dues(Policy policy) {
        List<Due> dues = new ArrayList<>();
        if (!policy.windows().isEmpty()) {
            LocalDate afterDeadline = DeadlineRollover.concentratedWindow(policy).to().plusDays(1);
            if (policy.windows().stream().anyMatch(w -> w.paymentAllowed() && w.contains(afterDeadline))) {
                dues.add(new Due(policy.policyId(), policy.regionCode(), DEADLINE_ROLLOVER, afterDeadline));
            }
        }
        policy.windows().stream().filter(w -> w.priceMode() == PriceMode.FULL_COST && w.paymentAllowed())
                .map(PaymentWindow::from).min(Comparator.naturalOrder())
                .ifPresent(d -> dues.add(new Due(policy.policyId(), policy.regionCode(), FULL_COST_SWITCHOVER, d)));
        return dues;
    }

    /** What was started (or refused, or is claimed), keyed by policy/job/due date. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, Start> starts() {
        Map<String, Start> starts = new HashMap<>();
        for (Object o : em.createNativeQuery("select policy_id, job_name, due_date, status, job_execution_id, detail, business_date,"
                + " claimed_at from canbao.scheduled_job_start").getResultList()) {
            Object[] r = (Object[]) o;
            Start s = new Start((String) r[0], (String) r[1], NativeValues.localDate(r[2]), (String) r[3], r[4] == null ? null : ((Number) r[4]).longValue(),
                    (String) r[5], NativeValues.localDate(r[6]), NativeValues.offsetDateTime(r[7]));
            starts.put(key(s.policyId(), s.jobName(), s.dueDate()), s);
        }
        return starts;
    }

    public static String key(String policyId, String jobName, LocalDate dueDate) {
        return policyId + "/" + jobName + "/" + dueDate;
    }

    /** Claims the start of a due job; false when it was claimed before (here or on another node). */
    public boolean claim(Due due, LocalDate businessDate) {
        if (find(due).isPresent()) {
            return false;
        }
        // a concurrent claim of the same key fails on the primary key here, and this transaction rolls back
        em.createNativeQuery("insert into canbao.scheduled_job_start (policy_id, job_name, due_date, status, business_date,"
                        + " claimed_at) values (?1, ?2, ?3, 'CLAIMED', ?4, ?5)")
                .setParameter(1, due.policyId()).setParameter(2, due.jobName()).setParameter(3, due.dueDate())
                .setParameter(4, businessDate).setParameter(5, OffsetDateTime.now(clock)).executeUpdate();
        return true;
    }

    /** The claimed job was started as execution {@code executionId}. */
    public void started(Due due, long executionId, String parameters) {
        update(due, "STARTED", executionId, parameters);
        audit.record("SCHEDULED_JOB_STARTED", "job_execution", String.valueOf(executionId), null, null,
                due.jobName() + " " + due.policyId() + " due " + due.dueDate() + " " + parameters);
    }

    /** The start was refused for good (the dates or region no longer fit): kept so that it is not tried every day. */
    public void refused(Due due, String detail) {
        update(due, "REFUSED", null, detail);
        audit.record("SCHEDULED_JOB_REFUSED", "policy", due.policyId(), null, null,
                due.jobName() + " due " + due.dueDate() + ": " + detail);
    }

    /** Gives up a claim (the same job was running): the next check tries again. */
    public void release(Due due) {
        em.createNativeQuery("delete from canbao.scheduled_job_start where policy_id = ?1 and job_name = ?2 and due_date = ?3"
                        + " and status = 'CLAIMED'")
                .setParameter(1, due.policyId()).setParameter(2, due.jobName()).setParameter(3, due.dueDate()).executeUpdate();
    }

    private void update(Due due, String status, Long executionId, String detail) {
        em.createNativeQuery("update canbao.scheduled_job_start set status = ?1, job_execution_id = cast(?2 as bigint), detail = ?3"
                        + " where policy_id = ?4 and job_name = ?5 and due_date = ?6")
                .setParameter(1, status).setParameter(2, executionId)
                .setParameter(3, detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail)
                .setParameter(4, due.policyId()).setParameter(5, due.jobName()).setParameter(6, due.dueDate()).executeUpdate();
    }

    private Optional<?> find(Due due) {
        return em.createNativeQuery("select status from canbao.scheduled_job_start where policy_id = ?1 and job_name = ?2 and due_date = ?3")
                .setParameter(1, due.policyId()).setParameter(2, due.jobName()).setParameter(3, due.dueDate())
                .getResultStream().findFirst();
    }


}
