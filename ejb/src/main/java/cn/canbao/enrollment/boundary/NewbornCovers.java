package cn.canbao.enrollment.boundary;

import cn.canbao.enrollment.control.CoverWithoutPayment;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NewbornCover;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.NewbornRule;
import cn.canbao.policy.entity.Policy;
import cn.canbao.region.boundary.Regions;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.logging.Logger;

/**
 * A newborn's automatic cover through its insured guardian (seed 002; DOMAIN.md §3.5; decision 49): a newborn born in
 * the insurance year and not enrolled on its own, whose guardian has a paid enrollment that year, is covered from its
 * birth to the end of the year when the policy's newborn rule says {@code guardianCoverAutomatic}. Applied as its
 * enrollment PAID without a payment (nothing due), with a {@link NewbornCover} saying why; audited. Applying it again
 * answers the cover already applied.
 * <p>
 * Applied automatically in the transaction of whichever comes second: the newborn's registration
 * ({@link #registered}, observing {@link Persons.Registered}) or the guardian's payment ({@link #guardiansPaid}, called
 * by the payment paths only for a policy with the rule). Both and the operator's request ({@link #cover}) share one
 * implementation ({@link #attempt}); the automatic paths never throw a refusal across this boundary (it would roll the
 * registration or the payment back): conditions that do not hold are answered as values and nothing is done.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
public class NewbornCovers {

    private static final Logger LOG = Logger.getLogger(NewbornCovers.class.getName());

    /** The covered enrollment, its person and guardian, the reason row, and whether this call applied it. */
    public record Covered(Enrollment enrollment, Person person, Person guardian, NewbornCover cover, boolean created) {
    }

    /** A guardian's enrollment just marked PAID by a payment into {@code policy} (the payment's transaction). */
    public record GuardianPaid(Person guardian, Enrollment enrollment, Policy policy) {
    }

    /** What set an application going: the audit line says which. */
    enum Trigger {
        REQUEST("经办人申请", "on request"),
        REGISTRATION("新生儿登记时自动", "automatic at the newborn's registration"),
        GUARDIAN_PAYMENT("监护人缴费时自动", "automatic at the guardian's payment");

        final String zh;
        final String en;

        Trigger(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    /** One attempt: the cover (applied now or before), or why not — a value, thrown only by the operator's request. */
    record Attempt(Covered covered, ProblemException refusal) {
        static Attempt refused(ProblemException refusal) {
            return new Attempt(null, refusal);
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Persons persons;

    @Inject
    Policies policies;

    @Inject
    Enrollments enrollments;

    @Inject
    Regions regions;



    @Inject
    CoverWithoutPayment withoutPayment;

    /** Whether payments into this policy carry their payer's newborn wards (read in memory: no query otherwise). */
    public static boolean coversWards(Policy policy) {
        return policy != null && policy.newborn() != null && policy.newborn().guardianCoverAutomatic();
    }

    /** The cover of a newborn on record in the policy's year, if applied (no rights beyond seeing the person). */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.INTEGRATION})
    public Optional<NewbornCover> coverOf(Person person) {
        return em.createNamedQuery(NewbornCover.OF_PERSON, NewbornCover.class).setParameter("person", person.getId())
                .getResultStream().findFirst();
    }

    /**
     * Applies the cover on request: 400 without a policy, 404 for an unknown person or policy, 422 when the policy has
     * no automatic guardian cover ({@code NO_GUARDIAN_COVER}), the person was not born in its year
     * ({@code NOT_A_NEWBORN_OF_YEAR}), has no guardian on record ({@code NO_GUARDIAN}) or the guardian has no paid
     * enrollment that year ({@code GUARDIAN_NOT_INSURED}); 409 {@code ALREADY_ENROLLED} when the newborn has paid
     * (or been refunded) on its own. A cover applied before (by hand or automatically) is answered as it stands.
     */
    public Covered cover(String idNumber, String policyId) {
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "须提供 policyId", "policyId is required",
                    List.of(new FieldError("policyId", "必填 / required")));
        }
        Person newborn = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId.trim());
        Attempt attempt = attempt(newborn, policy, null, Trigger.REQUEST);
        if (attempt.refusal() != null) {
            throw attempt.refusal();
        }
        return attempt.covered();
    }

    /**
     * A registration's newborns with a guardian, covered where the policy of their household region and birth year
     * has the rule and the guardian has paid that year (in the registration's transaction; never throws a refusal).
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void registered(@Observes Persons.Registered registered) {
        List<Policies.Summary> summaries = null;
        for (Person person : registered.persons()) {
            if (person.getGuardian() == null || person.getBirthDate() == null) {
                continue;
            }
            if (summaries == null) {
                summaries = policies.list();
            }
            Optional<Policies.Summary> chosen = policyFor(summaries, person.getBirthDate().getYear(),
                    person.getHouseholdRegionCode(), regions::isWithin);
            if (chosen.isEmpty()) {
                continue;
            }
            Policy policy = policies.policy(chosen.get().policyId());
            if (!coversWards(policy)) {
                continue;
            }
            Attempt attempt = attempt(person, policy, null, Trigger.REGISTRATION);
            if (attempt.refusal() != null) {
                LOG.fine(() -> "no automatic newborn cover at registration of " + person.maskedIdNumber() + ": "
                        + attempt.refusal().code());
            }
        }
    }

    /**
     * The wards of guardians whose enrollments a payment just marked PAID (the payment's transaction): each ward on
     * record with this guardian, born in the policy's year and not enrolled and paid on its own, is covered. Only
     * policies with the rule are looked at; nothing here throws a refusal, so a ward that cannot be covered never
     * costs the guardian's payment. Called only for new payments: a replay records nothing and calls nothing.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public List<Covered> guardiansPaid(List<GuardianPaid> paid) {
        List<Covered> covered = new ArrayList<>();
        Map<Integer, Map<Long, GuardianPaid>> byYear = new HashMap<>();
        for (GuardianPaid p : paid) {
            if (coversWards(p.policy())) {
                byYear.computeIfAbsent(p.policy().insuranceYear(), y -> new HashMap<>()).put(p.guardian().getId(), p);
            }
        }
        for (Map.Entry<Integer, Map<Long, GuardianPaid>> year : byYear.entrySet()) {
            List<Person> wards = em.createQuery("select p from Person p where p.guardian.id in :guardians"
                            + " and p.birthDate between :from and :to order by p.id", Person.class)
                    .setParameter("guardians", year.getValue().keySet())
                    .setParameter("from", LocalDate.of(year.getKey(), 1, 1))
                    .setParameter("to", LocalDate.of(year.getKey(), 12, 31)).getResultList();
            for (Person ward : wards) {
                GuardianPaid carrier = year.getValue().get(ward.getGuardian().getId());
                Attempt attempt = attempt(ward, carrier.policy(), carrier.enrollment(), Trigger.GUARDIAN_PAYMENT);
                if (attempt.refusal() != null) {
                    LOG.fine(() -> "no automatic newborn cover of " + ward.maskedIdNumber() + " at the guardian's payment: "
                            + attempt.refusal().code());
                } else if (attempt.covered().created()) {
                    covered.add(attempt.covered());
                }
            }
        }
        return covered;
    }

    /**
     * The policy that speaks for a person of {@code region} born in {@code year}: of the year's policies whose region
     * holds the person's, the one of the narrowest region (a district's before its city's); none when there is none.
     */
    static Optional<Policies.Summary> policyFor(List<Policies.Summary> summaries, int year, String region,
                                               BiPredicate<String, String> isWithin) {
        Policies.Summary best = null;
        for (Policies.Summary s : summaries) {
            if (s.insuranceYear() != year || region == null || !isWithin.test(region, s.regionCode())) {
                continue;
            }
            if (best == null || (isWithin.test(s.regionCode(), best.regionCode()) && !s.regionCode().equals(best.regionCode()))
                    || (s.regionCode().equals(best.regionCode()) && s.policyId().compareTo(best.policyId()) < 0)) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The newborn's tier: the guardian's where the policy offers it, else the policy's first. */
    static int tierFor(Policy policy, int guardianTier) {
        return policy.tier(guardianTier).isPresent() ? guardianTier : policy.tiers().get(0).tier();
    }

    /**
     * The one implementation of the cover. {@code carrying}: the guardian's enrollment a payment has just marked PAID
     * in this transaction (null: the guardian's enrollment of the year is read, locked, and must be PAID). Locks the
     * guardian's enrollment before the newborn's, in the order a payment takes them. Refusals are returned, not
     * thrown; a database error (a concurrent registration of the newborn's year) propagates on the automatic paths,
     * where the payment's retry takes it, and is answered 409 on request.
     */
    Attempt attempt(Person newborn, Policy policy, Enrollment carrying, Trigger trigger) {
        NewbornRule rule = policy.newborn();
        if (rule == null || !rule.guardianCoverAutomatic()) {
            return Attempt.refused(ProblemException.unprocessable("NO_GUARDIAN_COVER", policy.policyId() + " 政策未规定新生儿随监护人自动参保",
                    "policy " + policy.policyId() + " does not cover newborns through their guardian"));
        }
        LocalDate birth = newborn.getBirthDate();
        if (birth == null || birth.getYear() != policy.insuranceYear()) {
            return Attempt.refused(new ProblemException(ProblemException.Kind.UNPROCESSABLE, "NOT_A_NEWBORN_OF_YEAR",
                    newborn.maskedIdNumber() + " 不是 " + policy.insuranceYear() + " 年出生的新生儿",
                    newborn.maskedIdNumber() + " was not born in " + policy.insuranceYear(),
                    List.of(new FieldError("idNumber", "非当年出生 / not born in the insurance year"))));
        }
        Person guardian = newborn.getGuardian();
        if (guardian == null) {
            return Attempt.refused(new ProblemException(ProblemException.Kind.UNPROCESSABLE, "NO_GUARDIAN",
                    newborn.maskedIdNumber() + " 未登记法定监护人", newborn.maskedIdNumber() + " has no guardian on record",
                    List.of(new FieldError("idNumber", "未登记监护人 / no guardian on record"))));
        }
        // the guardian's year first (a payment holds it while it looks for the wards), then the newborn's
        Optional<Enrollment> guardians = carrying != null ? Optional.of(carrying) : yearOf(guardian, policy.insuranceYear(), true);
        Optional<Enrollment> own = yearOf(newborn, policy.insuranceYear(), true);
        Optional<NewbornCover> applied = own.flatMap(e -> Optional.ofNullable(em.find(NewbornCover.class, e.getId())));
        if (applied.isPresent()) {
            return new Attempt(new Covered(own.get(), newborn, guardian, applied.get(), false), null);
        }
        if (own.isPresent() && (own.get().getStatus() == EnrollmentStatus.PAID || own.get().getStatus() == EnrollmentStatus.REFUNDED)) {
            return Attempt.refused(new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_ENROLLED",
                    newborn.maskedIdNumber() + " 已独立参保缴费（" + own.get().getPolicyId() + "），不再随监护人参保",
                    newborn.maskedIdNumber() + " has enrolled and paid on its own for " + policy.insuranceYear(),
                    List.of(new FieldError("idNumber", "已独立参保 / enrolled on its own"))));
        }
        Optional<Enrollment> paid = guardians.filter(e -> e.getStatus() == EnrollmentStatus.PAID);
        if (paid.isEmpty()) {
            return Attempt.refused(new ProblemException(ProblemException.Kind.UNPROCESSABLE, "GUARDIAN_NOT_INSURED",
                    "监护人 " + guardian.maskedIdNumber() + " " + policy.insuranceYear() + " 年度未参保缴费",
                    "the guardian " + guardian.maskedIdNumber() + " has no paid enrollment for " + policy.insuranceYear(),
                    List.of(new FieldError("idNumber", "监护人未参保 / guardian not insured"))));
        }
        Enrollment carrier = paid.get();
        int tier = tierFor(policy, carrier.getTier());
        ProblemException refusal = enrollments.refusalForPayment(newborn, policy, tier);
        if (refusal != null) {
            return Attempt.refused(refusal);
        }
        if (own.isPresent() && !own.get().isCancelled() && !own.get().getPolicyId().equals(policy.policyId())) {
            return Attempt.refused(ProblemException.conflict("ALREADY_ENROLLED", "该新生儿本年度已登记于 " + own.get().getPolicyId(),
                    "the newborn is registered under " + own.get().getPolicyId() + " this year"));
        }
        String reason = "新生儿随法定监护人自动参保：监护人 " + guardian.maskedIdNumber() + " 已缴费参保（" + carrier.getPolicyId()
                + "），待遇自出生之日 " + birth + " 至 " + policy.yearEnd();
        try {
            CoverWithoutPayment.Written written = withoutPayment.write(newborn, policy, own, tier, birth, policy.yearEnd());
            NewbornCover cover = new NewbornCover(written.enrollment().getId(), newborn.getId(), guardian.getId(),
                    carrier.getId(), reason, written.actor(), written.at());
            em.persist(cover);
            em.flush();
            withoutPayment.recorded(written, newborn, policy, "ENROLLMENT_COVERED_BY_GUARDIAN",
                    newborn.maskedIdNumber() + " " + reason + "（" + trigger.zh + " / " + trigger.en + "）");
            return new Attempt(new Covered(written.enrollment(), newborn, guardian, cover, true), null);
        } catch (PersistenceException e) {
            if (trigger == Trigger.REQUEST && (Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e))) {
                throw ProblemException.conflict("ALREADY_ENROLLED", "该新生儿本年度已登记（并发登记）",
                        "the newborn was enrolled for this year meanwhile");
            }
            throw e;
        }
    }

    private Optional<Enrollment> yearOf(Person person, int year, boolean lock) {
        var query = em.createNamedQuery(Enrollment.OF_PERSON_YEAR, Enrollment.class)
                .setParameter("person", person.getId()).setParameter("year", year);
        if (lock) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint("eclipselink.refresh", Boolean.TRUE);
        }
        return query.getResultStream().findFirst();
    }
}
