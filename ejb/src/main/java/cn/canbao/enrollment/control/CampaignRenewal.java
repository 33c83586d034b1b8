package cn.canbao.enrollment.control;

import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.control.AuditLog;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Policy;
import cn.canbao.subsidy.boundary.SubsidyIdentities;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    SubsidyIdentities identities;

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

    /**
     * A paid enrollment of the from-year with what renewing it needs: the person (flags), every identity on record,
     * whether a non-enrollment reason for either year or a to-year enrollment is on record. Read a page at a time by
     * {@link #paidPage}, assessed one by one in memory.
     */
    public record Candidate(Long enrollmentId, int tier, String regionCode, Person person, List<HeldIdentity> held,
                            boolean left, boolean enrolled) {
    }

    /**
     * The paid enrollments of a village in the from-policy after {@code afterId}, ascending, as candidates for the
     * to-policy: four statements per page (enrollments joined to persons, their identities, their non-enrollment
     * reasons, their to-year enrollments), not five per enrollment.
     */
    public List<Candidate> paidPage(String policyId, String villageCode, String toPolicyId, long afterId, int max) {
        List<Object[]> rows = em.createQuery("select e.id, e.tier, e.regionCode, e.insuranceYear, p from Enrollment e, Person p"
                        + " where p.id = e.personId and e.policyId = :policy and e.regionCode = :village"
                        + " and e.status = :paid and e.id > :after order by e.id", Object[].class)
                .setParameter("policy", policyId).setParameter("village", villageCode)
                .setParameter("paid", EnrollmentStatus.PAID).setParameter("after", afterId)
                .setMaxResults(max).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        int toYear = policies.policy(toPolicyId).insuranceYear();
        List<Long> personIds = new ArrayList<>(rows.size());
        Set<Integer> years = new HashSet<>(Set.of(toYear));
        for (Object[] r : rows) {
            personIds.add(((Person) r[4]).getId());
            years.add((Integer) r[3]);
        }
        Map<Long, List<HeldIdentity>> held = identities.heldByPerson(personIds);
        Set<Long> enrolled = enrolledIn(personIds, toYear);
        Set<String> left = new HashSet<>();
        em.createQuery("select n.personId, n.insuranceYear from NonEnrollment n where n.personId in :persons"
                        + " and n.reason in :left and n.insuranceYear in :years", Object[].class)
                .setParameter("persons", personIds).setParameter("left", LEFT).setParameter("years", years)
                .getResultList().forEach(n -> left.add(n[0] + "/" + n[1]));
        List<Candidate> page = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Person person = (Person) r[4];
            int fromYear = (Integer) r[3];
            page.add(new Candidate((Long) r[0], (Integer) r[1], (String) r[2], person,
                    held.getOrDefault(person.getId(), List.of()),
                    left.contains(person.getId() + "/" + fromYear) || left.contains(person.getId() + "/" + toYear),
                    enrolled.contains(person.getId())));
        }
        return page;
    }

    /** The pre-registration for the person of this enrollment, or empty when none is due. Writes nothing. */
    public Optional<Renewal> assess(Long enrollmentId, String toPolicyId) {
        Enrollment e = em.find(Enrollment.class, enrollmentId);
        if (e == null || e.getStatus() != EnrollmentStatus.PAID) {
            return Optional.empty();
        }
        Person person = em.find(Person.class, e.getPersonId());
        Policy to = policies.policy(toPolicyId);
        return assess(new Candidate(e.getId(), e.getTier(), e.getRegionCode(), person, identities.held(person),
                leftResidentInsurance(person.getId(), e.getInsuranceYear(), to.insuranceYear()),
                !enrolledIn(List.of(person.getId()), to.insuranceYear()).isEmpty()), toPolicyId);
    }

    /**
     * The pre-registration for a candidate read by {@link #paidPage}, or empty: deceased, employee-insured or insured
     * elsewhere (flag or recorded reason), already enrolled in the to-year, or a quote the to-policy refuses.
     */
    public Optional<Renewal> assess(Candidate c, String toPolicyId) {
        Person person = c.person();
        if (person.getDeceasedOn() != null || person.isEmployeeInsured() || person.isInsuredElsewhere() || c.left() || c.enrolled()) {
            return Optional.empty();
        }
        Policy to = policies.policy(toPolicyId);
        Policies.QuoteOutcome quote = policies.tryQuote(toPolicyId, quotes.request(person, c.held(), c.tier(), to.opening()));
        if (quote.refused()) {
            LOG.info(() -> "enrollment " + c.enrollmentId() + " not renewed into " + toPolicyId + ": " + quote.messageEn());
            return Optional.empty();
        }
        return Optional.of(new Renewal(c.enrollmentId(), person.getId(), c.tier(), c.regionCode(), quote.quote().personalAmount()));
    }

    /**
     * Registers the renewals in the caller's (the chunk's) transaction; one registered meanwhile is skipped (one
     * statement reads the chunk's persons already enrolled; the inserts go as JDBC batches at the flush).
     */
    public int apply(List<Renewal> renewals, String toPolicyId, Long jobExecutionId) {
        if (renewals.isEmpty()) {
            return 0;
        }
        Policy to = policies.policy(toPolicyId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        List<Long> personIds = new ArrayList<>(renewals.size());
        renewals.forEach(r -> personIds.add(r.personId()));
        Set<Long> enrolled = enrolledIn(personIds, to.insuranceYear());
        int registered = 0;
        for (Renewal r : renewals) {
            if (!enrolled.add(r.personId())) {
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

    /** Which of these persons have an enrollment for {@code year}. */
    private Set<Long> enrolledIn(List<Long> personIds, int year) {
        return new HashSet<>(em.createQuery("select e.personId from Enrollment e where e.personId in :persons"
                        + " and e.insuranceYear = :year", Long.class)
                .setParameter("persons", personIds).setParameter("year", year).getResultList());
    }

    private boolean leftResidentInsurance(Long personId, int fromYear, int toYear) {
        return em.createQuery("select count(n) from NonEnrollment n where n.personId = :person and n.reason in :left"
                        + " and n.insuranceYear in (:from, :to)", Long.class)
                .setParameter("person", personId).setParameter("left", LEFT)
                .setParameter("from", fromYear).setParameter("to", toYear).getSingleResult() > 0;
    }
}
