package cn.canbao.campaign.boundary;

import cn.canbao.region.boundary.Regions;
import cn.canbao.collection.boundary.Payments;
import cn.canbao.campaign.boundary.Repricing;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.PaymentWindow;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.ScoringBand;
import cn.canbao.policy.entity.ScoringRule;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The deadline rollover (集中征缴期截止, ../shared/spec/DOMAIN.md §5.3), village by village: each village's result is frozen as it
 * stands on {@code asOf} (target, paid before asOf, rate, and what the policy's {@code villageScoring} rules give for
 * it) in {@code village_result}, and the unpaid list in {@code unpaid_list}. Repricing the unpaid enrollments for the
 * next window is {@link Repricing}'s assess/apply with reason DEADLINE_ROLLOVER (same change list).
 * Idempotent per (policy, asOf, village): a village already frozen for that date is left as it was frozen.
 */
@Stateless
@PermitAll
public class DeadlineRollover {

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Regions regions;

    @Inject
    Payments payments;

    @Inject
    Clock clock;

    /** The concentrated window: the campaign's first window (the one that opens it). */
    public static PaymentWindow concentratedWindow(Policy policy) {
        return policy.windows().stream().min(Comparator.comparing(PaymentWindow::from))
                .orElseThrow(() -> new IllegalArgumentException(policy.policyId() + " has no payment window"));
    }

    /** @throws ProblemException 422 NOT_AFTER_DEADLINE unless asOf is after the concentrated window, in a payment window */
    public Policy requireAfterDeadline(String policyId, LocalDate asOf) {
        Policy policy = policies.policy(policyId);
        PaymentWindow concentrated = concentratedWindow(policy);
        boolean payable = policy.windows().stream().anyMatch(w -> w.paymentAllowed() && w.contains(asOf));
        if (!asOf.isAfter(concentrated.to()) || !payable) {
            throw ProblemException.unprocessable("NOT_AFTER_DEADLINE",
                    asOf + " 须在 " + policyId + " 集中征缴期（截至 " + concentrated.to() + "）之后且在某一缴费期内",
                    asOf + " must lie after " + policyId + "'s concentrated window (ends " + concentrated.to()
                            + ") and inside a payment window");
        }
        return policy;
    }

    /** Freezes one village's result and unpaid list for asOf; false when it was frozen before. */
    public boolean freeze(String policyId, LocalDate asOf, String villageCode, Long jobExecutionId) {
        long frozen = ((Number) em.createNativeQuery("select count(*) from canbao.village_result where policy_id = ?1"
                        + " and as_of = ?2 and region_code = ?3").setParameter(1, policyId).setParameter(2, asOf)
                .setParameter(3, villageCode).getSingleResult()).longValue();
        if (frozen > 0) {
            return false;
        }
        Policy policy = policies.policy(policyId);
        long target = regions.target(policyId, villageCode);
        long counted = payments.paidBefore(policyId, villageCode, asOf);
        BigDecimal rate = target == 0 ? null : BigDecimal.valueOf(counted).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(target), 2, RoundingMode.HALF_UP);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (policy.villageScoring().isEmpty() || rate == null) {
            result(policyId, asOf, villageCode, "", target, counted, rate, Optional.empty(), now, jobExecutionId);
        } else {
            for (ScoringRule rule : policy.villageScoring()) {
                result(policyId, asOf, villageCode, rule.name(), target, counted, rate, rule.bandFor(rate), now, jobExecutionId);
            }
        }
        // a signed reason for not enrolling takes the person off the list (DOMAIN.md §9), as on the live unpaid list
        List<Object[]> unpaid = em.createQuery("select e, p from Enrollment e, Person p where p.id = e.personId"
                        + " and e.policyId = :policy and e.regionCode = :village and e.status = :registered"
                        + " and not exists (select n from NonEnrollment n where n.personId = e.personId"
                        + " and n.insuranceYear = e.insuranceYear and SQL('CASE WHEN ? THEN 1 ELSE 0 END', n.signed) = 1)"
                        + " order by e.id", Object[].class)
                .setParameter("policy", policyId).setParameter("village", villageCode)
                .setParameter("registered", EnrollmentStatus.REGISTERED).getResultList();
        for (Object[] row : unpaid) {
            Enrollment e = (Enrollment) row[0];
            Person p = (Person) row[1];
            em.createNativeQuery("insert into canbao.unpaid_list (policy_id, as_of, region_code, enrollment_id,"
                            + " masked_id_number, name, phone, tier, amount_due) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as numeric(12, 2)))")
                    .setParameter(1, policyId).setParameter(2, asOf).setParameter(3, villageCode).setParameter(4, e.getId())
                    .setParameter(5, p.maskedIdNumber()).setParameter(6, p.getName()).setParameter(7, p.getPhone() == null ? "" : p.getPhone())
                    .setParameter(8, e.getTier()).setParameter(9, e.getAmountDue()).executeUpdate();
        }
        audit.record("VILLAGE_RESULT_FROZEN", "region", villageCode, null, null, policyId + " as of " + asOf + ": target "
                + target + ", counted " + counted + ", rate " + rate + ", unpaid " + unpaid.size());
        return true;
    }

    private void result(String policyId, LocalDate asOf, String village, String rule, long target, long counted, BigDecimal rate,
                        Optional<ScoringBand> band, OffsetDateTime now, Long jobExecutionId) {
        ScoringBand b = band.orElse(null);
        em.createNativeQuery("insert into canbao.village_result (policy_id, as_of, region_code, rule, target, counted, rate,"
                        + " funding_per_person, town_funding_per_person, village_funding_per_person, score_change, interview,"
                        + " frozen_at, job_execution_id) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as numeric(7, 2)),"
                        + " cast(?8 as numeric(12, 2)), cast(?9 as numeric(12, 2)), cast(?10 as numeric(12, 2)), cast(?11 as numeric(6, 2)), ?12, ?13,"
                        + " cast(?14 as bigint))") // casts with the column's scale (H2's bare numeric has none): EclipseLink binds a null as VARCHAR
                .setParameter(1, policyId).setParameter(2, asOf).setParameter(3, village).setParameter(4, rule)
                .setParameter(5, target).setParameter(6, counted).setParameter(7, rate)
                .setParameter(8, b == null ? null : b.fundingPerPerson()).setParameter(9, b == null ? null : b.townFundingPerPerson())
                .setParameter(10, b == null ? null : b.villageFundingPerPerson()).setParameter(11, b == null ? null : b.scoreChange())
                .setParameter(12, b != null && b.interview()).setParameter(13, now).setParameter(14, jobExecutionId)
                .executeUpdate();
    }
}
