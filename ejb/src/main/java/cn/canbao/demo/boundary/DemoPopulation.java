package cn.canbao.demo.boundary;

import cn.canbao.platform.boundary.BusinessClock;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.collection.entity.Channel;
import cn.canbao.collection.entity.Payment;
import cn.canbao.enrollment.entity.ContactAttempt;
import cn.canbao.enrollment.entity.ContactChannel;
import cn.canbao.enrollment.entity.ContactOutcome;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NonEnrollment;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.refund.entity.Refund;
import cn.canbao.person.entity.DocumentType;
import cn.canbao.person.entity.Household;
import cn.canbao.platform.entity.IdNumber;
import cn.canbao.person.entity.Person;
import cn.canbao.demo.boundary.PopulationGenerator.DemoHousehold;
import cn.canbao.demo.boundary.PopulationGenerator.Resident;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.QuoteEngine;
import cn.canbao.policy.entity.CatalogueEntry;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.Quote;
import cn.canbao.policy.entity.QuoteRefusedException;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.subsidy.entity.SubsidyIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores generated demo households (job {@code demo-population}) with the same entities and rules as the counter:
 * persons in a household, subsidy identities as a department's roster would bring them, enrollments REGISTERED with
 * the amount due on their registration day, and payments with the quote's split frozen, the enrollment PAID with
 * the cover bought. Internal: the job's start is checked at the batch boundary.
 */
@Stateless
@PermitAll
public class DemoPopulation {

    /** The batch job that generates a demo population (batch/…/demo-population.xml). */
    public static final String JOB = "demo-population";

    /** The transaction id of a demo payment: replays of the job can never pay twice. */
    public static String transactionId(String policyId, String idNumber) {
        return "DEMO-" + policyId + "-" + idNumber;
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Policies policies;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** Which of these resident ID numbers are already on record. */
    public Set<String> existing(Collection<String> idNumbers) {
        if (idNumbers.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createQuery("select p.idNumber from Person p where p.documentType = :type"
                        + " and p.idNumber in :numbers", String.class)
                .setParameter("type", DocumentType.RESIDENT_ID).setParameter("numbers", List.copyOf(idNumbers))
                .getResultList());
    }

    /**
     * Persists the households in the caller's (the chunk's) transaction; returns the persons written. Rows refer to
     * persons and enrollments by id only, so EclipseLink cannot order the inserts by relationship: each kind is
     * flushed before the rows that refer to it.
     */
    public int write(List<DemoHousehold> households, String policyId, Long jobExecutionId) {
        Policy policy = policies.policy(policyId);
        QuoteEngine engine = new QuoteEngine(clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        List<Person[]> persons = new ArrayList<>();
        for (DemoHousehold h : households) {
            Household household = new Household(h.householdNumber(), h.villageCode(), h.address(), now);
            em.persist(household);
            Person[] members = new Person[h.members().size()];
            for (int i = 0; i < members.length; i++) {
                Resident r = h.members().get(i);
                members[i] = new Person(IdNumber.of(r.idNumber()), r.name(), h.villageCode(), h.villageCode(), r.residentType(), now);
                members[i].joinHousehold(household);
                em.persist(members[i]);
            }
            persons.add(members);
        }
        em.flush();
        List<Enrollment[]> enrollments = new ArrayList<>();
        List<List<QuoteRequest>> requests = new ArrayList<>();
        for (int k = 0; k < households.size(); k++) {
            DemoHousehold h = households.get(k);
            Enrollment[] enrolled = new Enrollment[h.members().size()];
            List<QuoteRequest> asked = new ArrayList<>();
            for (int i = 0; i < enrolled.length; i++) {
                Resident r = h.members().get(i);
                Person person = persons.get(k)[i];
                List<HeldIdentity> held = new ArrayList<>();
                if (r.subsidyCode() != null) {
                    CatalogueEntry category = policy.category(r.subsidyCode()).orElseThrow(() -> new IllegalArgumentException(
                            "subsidy code " + r.subsidyCode() + " is not in the catalogue of " + policyId));
                    LocalDate from = category.validFrom() != null ? category.validFrom() : policy.opening();
                    SubsidyIdentity identity = new SubsidyIdentity(person.getId(), category.code(),
                            category.certifyingDepartment() != null ? category.certifyingDepartment() : "区民政局",
                            from, category.validTo(), SubsidyIdentity.Source.ROSTER,
                            "demo-population job " + jobExecutionId, actor, now);
                    em.persist(identity);
                    held.add(identity.held());
                }
                QuoteRequest request = new QuoteRequest(h.tier(), h.registeredOn(), r.residentType(), null,
                        person.idNumberValue(), held, Set.of());
                enrolled[i] = new Enrollment(person.getId(), policyId, policy.insuranceYear(), h.tier(),
                        h.villageCode(), amountDue(engine, policy, request), at(h.registeredOn()), actor);
                em.persist(enrolled[i]);
                asked.add(request);
            }
            enrollments.add(enrolled);
            requests.add(asked);
        }
        em.flush();
        int payments = 0;
        for (int k = 0; k < households.size(); k++) {
            DemoHousehold h = households.get(k);
            if (h.paidOn() == null) {
                continue;
            }
            for (int i = 0; i < h.members().size(); i++) {
                Person person = persons.get(k)[i];
                Enrollment enrollment = enrollments.get(k)[i];
                Quote quote = engine.quote(policy, requests.get(k).get(i).withPaymentDate(h.paidOn()));
                Payment payment = Payment.of(transactionId(policyId, person.getIdNumber()), enrollment.getId(),
                        person.getId(), quote, quote.personalAmount(), Channel.valueOf(h.channel()), at(h.paidOn()),
                        h.paidOn(), actor, now);
                em.persist(payment);
                payment.issueReceipt(h.villageCode());
                enrollment.markPaid(h.tier(), quote.personalAmount(), quote.benefitStart(), quote.benefitEnd(), h.paidOn());
                payments++;
            }
        }
        int written = persons.stream().mapToInt(m -> m.length).sum();
        audit.record("DEMO_POPULATION_WRITTEN", "job_execution", String.valueOf(jobExecutionId), null, null,
                households.size() + " household(s), " + written + " person(s), " + payments + " payment(s) for " + policyId);
        return written;
    }

    private static final NonEnrollmentReason[] REASONS = {NonEnrollmentReason.EMPLOYEE_INSURANCE,
            NonEnrollmentReason.INSURED_ELSEWHERE, NonEnrollmentReason.MILITARY_SERVICE, NonEnrollmentReason.REFUSED};
    private static final ContactChannel[] CHANNELS = {ContactChannel.PHONE, ContactChannel.PHONE, ContactChannel.VISIT,
            ContactChannel.MESSAGE};
    private static final ContactOutcome[] OUTCOMES = {ContactOutcome.PROMISED, ContactOutcome.PROMISED,
            ContactOutcome.CONSIDERING, ContactOutcome.UNREACHABLE, ContactOutcome.NOT_AT_HOME};

    /** What {@link #liven} added. */
    public record Livened(int contacts, int signedReasons, int refunds) {
    }

    /**
     * What a campaign under way holds beside registrations and payments, for one village of a generated population
     * (the demo's first start, issue 17): about a third of its unpaid residents called, visited or messaged over the
     * last three weeks, one in thirty with a signed reason for not enrolling, and one refund request waiting for the
     * town's review. Drawn from {@code seed}; nothing when the village already has contacts for the policy.
     */
    public Livened liven(String policyId, String villageCode, long seed) {
        Policy policy = policies.policy(policyId);
        long already = em.createQuery("select count(c) from ContactAttempt c where c.policyId = :policy and c.regionCode = :village", Long.class)
                .setParameter("policy", policyId).setParameter("village", villageCode).getSingleResult();
        if (already > 0) {
            return new Livened(0, 0, 0);
        }
        java.util.Random random = new java.util.Random(seed);
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        List<Enrollment> unpaid = em.createQuery("select e from Enrollment e where e.policyId = :policy and e.regionCode = :village"
                        + " and e.status = :status order by e.id", Enrollment.class)
                .setParameter("policy", policyId).setParameter("village", villageCode)
                .setParameter("status", EnrollmentStatus.REGISTERED).setMaxResults(5000).getResultList();
        int contacts = 0;
        int reasons = 0;
        for (Enrollment e : unpaid) {
            int draw = random.nextInt(30);
            if (draw == 0) {
                em.persist(new NonEnrollment(e.getPersonId(), policyId, policy.insuranceYear(), REASONS[random.nextInt(REASONS.length)],
                        null, true, villageCode, actor, moment(today.minusDays(1 + random.nextInt(20)), random)));
                reasons++;
            } else if (draw < 11) {
                int attempts = 1 + random.nextInt(2);
                for (int a = 0; a < attempts; a++) {
                    em.persist(new ContactAttempt(e.getPersonId(), policyId, policy.insuranceYear(),
                            CHANNELS[random.nextInt(CHANNELS.length)], OUTCOMES[random.nextInt(OUTCOMES.length)], null,
                            villageCode, actor, moment(today.minusDays(a == 0 ? 8 + random.nextInt(14) : random.nextInt(7)), random)));
                    contacts++;
                }
            }
        }
        int refunds = 0;
        List<Payment> paid = em.createQuery("select p from Payment p, Enrollment e where p.enrollmentId = e.id and e.policyId = :policy"
                        + " and e.regionCode = :village and e.status = :status and p.kind = :kind order by p.id", Payment.class)
                .setParameter("policy", policyId).setParameter("village", villageCode).setParameter("status", EnrollmentStatus.PAID)
                .setParameter("kind", Payment.Kind.PAYMENT).setMaxResults(1).getResultList();
        for (Payment payment : paid) {
            em.persist(new Refund(payment.getEnrollmentId(), payment.getId(), payment.getPersonId(), policyId, Refund.Reason.OTHER,
                    "已随子女在外地参保，申请退回本年度个人缴费（演示数据）", false, actor, now));
            refunds++;
        }
        audit.record("DEMO_CAMPAIGN_LIVENED", "region", villageCode, null, null, contacts + " contact(s), " + reasons
                + " signed reason(s), " + refunds + " refund request(s) for " + policyId);
        return new Livened(contacts, reasons, refunds);
    }

    private static OffsetDateTime moment(LocalDate day, java.util.Random random) {
        return day.atTime(LocalTime.of(8 + random.nextInt(10), random.nextInt(60))).atZone(BusinessClock.CHINA).toOffsetDateTime();
    }

    private static BigDecimal amountDue(QuoteEngine engine, Policy policy, QuoteRequest request) {
        try {
            return engine.quote(policy, request).personalAmount();
        } catch (QuoteRefusedException notPayableThatDay) {
            return null;
        }
    }

    private static OffsetDateTime at(LocalDate day) {
        return day.atTime(LocalTime.of(10, 0)).atZone(BusinessClock.CHINA).toOffsetDateTime();
    }
}
