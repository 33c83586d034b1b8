package cn.canbao.enrollment.control;

import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.control.AuditLog;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.Policy;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Next year's campaign opened from this year's (续保预登记, DOMAIN.md §5.6): every person with a standing payment in
 * the from-year who is alive, not in employee insurance or insured elsewhere (flag on the person, or a recorded
 * non-enrollment reason for either year) and not yet registered for the to-year is REGISTERED in the to-policy, same
 * tier and village, owing what the quote engine says on the to-policy's opening day (its concentrated window).
 * Subsidy identities live on the person with their own validity, so nothing is copied: an identity still valid then
 * prices the new enrollment, an expired one does not (the department's next roster renews it).
 * Idempotent: a person already enrolled for the to-year is left alone (and {@code uq_enrollment_person_year} holds).
 */
@Stateless
@PermitAll
public class CampaignRenewal {

    /** A pre-registration to make; Serializable as it travels between chunk artifacts. */
    public record Renewal(Long fromEnrollmentId, Long personId, int tier, String regionCode, BigDecimal amountDue)
            implements Serializable {
    }

    private static final Logger LOG = Logger.getLogger(CampaignRenewal.class.getName());
    private static final Set<NonEnrollmentReason> LEFT = EnumSet.of(NonEnrollmentReason.EMPLOYEE_INSURANCE,
            NonEnrollmentReason.INSURED_ELSEWHERE, NonEnrollmentReason.DECEASED);

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    PersonQuotes quotes;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** @throws ProblemException 422 POLICY_NOT_NEXT_YEAR unless {@code to} is {@code from}'s region one year later */
    public void requireNextYear(String fromPolicyId, String toPolicyId) {
        Policy from = policies.policy(fromPolicyId);
        Policy to = policies.policy(toPolicyId);
        if (!from.regionCode().equals(to.regionCode()) || to.insuranceYear() != from.insuranceYear() + 1) {
            throw ProblemException.unprocessable("POLICY_NOT_NEXT_YEAR",
                    toPolicyId + " 不是 " + fromPolicyId + " 同一统筹区的下一年度政策",
                    toPolicyId + " is not the next year's policy of " + fromPolicyId + "'s pooling region");
        }
    }

    /** Ids of the paid enrollments of a village in the from-policy, after {@code afterId}, ascending. */
    public List<Long> paid(String policyId, String villageCode, long afterId, int max) {
        return em.createQuery("select e.id from Enrollment e where e.policyId = :policy and e.regionCode = :village"
                        + " and e.status = :paid and e.id > :after order by e.id", Long.class)
                .setParameter("policy", policyId).setParameter("village", villageCode)
                .setParameter("paid", EnrollmentStatus.PAID).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
    }

    /** The pre-registration for the person of this enrollment, or empty when none is due. Writes nothing. */
    public Optional<Renewal> assess(Long enrollmentId, String toPolicyId) {
        Enrollment e = em.find(Enrollment.class, enrollmentId);
        if (e == null || e.getStatus() != EnrollmentStatus.PAID) {
            return Optional.empty();
        }
        Person person = em.find(Person.class, e.getPersonId());
        Policy to = policies.policy(toPolicyId);
        if (person.getDeceasedOn() != null || person.isEmployeeInsured() || person.isInsuredElsewhere()
                || leftResidentInsurance(person.getId(), e.getInsuranceYear(), to.insuranceYear())
                || enrolledIn(person.getId(), to.insuranceYear())) {
            return Optional.empty();
        }
        Policies.QuoteOutcome quote = policies.tryQuote(toPolicyId, quotes.request(person, e.getTier(), to.opening()));
        if (quote.refused()) {
            LOG.info(() -> "enrollment " + enrollmentId + " not renewed into " + toPolicyId + ": " + quote.messageEn());
            return Optional.empty();
        }
        return Optional.of(new Renewal(e.getId(), person.getId(), e.getTier(), e.getRegionCode(), quote.quote().personalAmount()));
    }

    /** Registers the renewals in the caller's (the chunk's) transaction; one registered meanwhile is skipped. */
    public int apply(List<Renewal> renewals, String toPolicyId, Long jobExecutionId) {
        Policy to = policies.policy(toPolicyId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        int registered = 0;
        for (Renewal r : renewals) {
            if (enrolledIn(r.personId(), to.insuranceYear())) {
                continue;
            }
            em.persist(new Enrollment(r.personId(), toPolicyId, to.insuranceYear(), r.tier(), r.regionCode(), r.amountDue(), now, actor));
            registered++;
        }
        em.flush();
        if (registered > 0) {
            audit.record("ENROLLMENTS_RENEWED", "job_execution", String.valueOf(jobExecutionId), null, null,
                    toPolicyId + ": " + registered + " person(s) pre-registered from the previous year");
        }
        return registered;
    }

    private boolean enrolledIn(Long personId, int year) {
        return !em.createNamedQuery(Enrollment.OF_PERSON_YEAR, Enrollment.class).setParameter("person", personId)
                .setParameter("year", year).getResultList().isEmpty();
    }

    private boolean leftResidentInsurance(Long personId, int fromYear, int toYear) {
        return em.createQuery("select count(n) from NonEnrollment n where n.personId = :person and n.reason in :left"
                        + " and n.insuranceYear in (:from, :to)", Long.class)
                .setParameter("person", personId).setParameter("left", LEFT)
                .setParameter("from", fromYear).setParameter("to", toYear).getSingleResult() > 0;
    }
}
