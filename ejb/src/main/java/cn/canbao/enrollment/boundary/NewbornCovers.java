package cn.canbao.enrollment.boundary;

import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.enrollment.entity.NewbornCover;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.ChangeFeed;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.NewbornRule;
import cn.canbao.policy.entity.Policy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A newborn's automatic cover through its insured guardian (seed 002; DOMAIN.md §3.5; decision 49): a newborn born in
 * the insurance year and not enrolled on its own, whose guardian has a paid enrollment that year, is covered from its
 * birth to the end of the year when the policy's newborn rule says {@code guardianCoverAutomatic}. Applied as its
 * enrollment PAID without a payment (nothing due), with a {@link NewbornCover} saying why; audited. Applying it again
 * answers the cover already applied.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
public class NewbornCovers {

    /** The covered enrollment, its person and guardian, the reason row, and whether this call applied it. */
    public record Covered(Enrollment enrollment, Person person, Person guardian, NewbornCover cover, boolean created) {
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
    AuditLog audit;

    @Inject
    ChangeFeed changeFeed;

    @Inject
    Clock clock;

    /** The cover of a newborn on record in the policy's year, if applied (no rights beyond seeing the person). */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.INTEGRATION})
    public Optional<NewbornCover> coverOf(Person person) {
        return em.createNamedQuery(NewbornCover.OF_PERSON, NewbornCover.class).setParameter("person", person.getId())
                .getResultStream().findFirst();
    }

    /**
     * Applies the cover: 400 without a policy, 404 for an unknown person or policy, 422 when the policy has no
     * automatic guardian cover ({@code NO_GUARDIAN_COVER}), the person was not born in its year
     * ({@code NOT_A_NEWBORN_OF_YEAR}), has no guardian on record ({@code NO_GUARDIAN}) or the guardian has no paid
     * enrollment that year ({@code GUARDIAN_NOT_INSURED}); 409 {@code ALREADY_ENROLLED} when the newborn has paid
     * (or been refunded) on its own.
     */
    public Covered cover(String idNumber, String policyId) {
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "须提供 policyId", "policyId is required",
                    List.of(new FieldError("policyId", "必填 / required")));
        }
        Person newborn = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId.trim());
        NewbornRule rule = policy.newborn();
        if (rule == null || !rule.guardianCoverAutomatic()) {
            throw ProblemException.unprocessable("NO_GUARDIAN_COVER", policy.policyId() + " 政策未规定新生儿随监护人自动参保",
                    "policy " + policy.policyId() + " does not cover newborns through their guardian");
        }
        LocalDate birth = newborn.getBirthDate();
        if (birth == null || birth.getYear() != policy.insuranceYear()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "NOT_A_NEWBORN_OF_YEAR",
                    newborn.maskedIdNumber() + " 不是 " + policy.insuranceYear() + " 年出生的新生儿",
                    newborn.maskedIdNumber() + " was not born in " + policy.insuranceYear(),
                    List.of(new FieldError("idNumber", "非当年出生 / not born in the insurance year")));
        }
        Person guardian = newborn.getGuardian();
        if (guardian == null) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "NO_GUARDIAN",
                    newborn.maskedIdNumber() + " 未登记法定监护人", newborn.maskedIdNumber() + " has no guardian on record",
                    List.of(new FieldError("idNumber", "未登记监护人 / no guardian on record")));
        }
        Optional<Enrollment> own = yearOf(newborn, policy.insuranceYear(), true);
        Optional<NewbornCover> applied = own.flatMap(e -> Optional.ofNullable(em.find(NewbornCover.class, e.getId())));
        if (applied.isPresent()) {
            return new Covered(own.get(), newborn, guardian, applied.get(), false);
        }
        if (own.isPresent() && (own.get().getStatus() == EnrollmentStatus.PAID || own.get().getStatus() == EnrollmentStatus.REFUNDED)) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_ENROLLED",
                    newborn.maskedIdNumber() + " 已独立参保缴费（" + own.get().getPolicyId() + "），不再随监护人参保",
                    newborn.maskedIdNumber() + " has enrolled and paid on its own for " + policy.insuranceYear(),
                    List.of(new FieldError("idNumber", "已独立参保 / enrolled on its own")));
        }
        Enrollment carrying = yearOf(guardian, policy.insuranceYear(), false)
                .filter(e -> e.getStatus() == EnrollmentStatus.PAID)
                .orElseThrow(() -> new ProblemException(ProblemException.Kind.UNPROCESSABLE, "GUARDIAN_NOT_INSURED",
                        "监护人 " + guardian.maskedIdNumber() + " " + policy.insuranceYear() + " 年度未参保缴费",
                        "the guardian " + guardian.maskedIdNumber() + " has no paid enrollment for " + policy.insuranceYear(),
                        List.of(new FieldError("idNumber", "监护人未参保 / guardian not insured"))));
        // the guardian's tier where this policy offers it, else the policy's first
        int tier = policy.tier(carrying.getTier()).isPresent() ? carrying.getTier() : policy.tiers().get(0).tier();
        ProblemException refusal = enrollments.refusalForPayment(newborn, policy, tier);
        if (refusal != null) {
            throw refusal;
        }
        LocalDate today = LocalDate.now(clock);
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        Enrollment enrollment;
        String before = null;
        if (own.isEmpty()) {
            enrollment = new Enrollment(newborn.getId(), policy.policyId(), policy.insuranceYear(), tier,
                    newborn.getHouseholdRegionCode(), null, now, actor);
            em.persist(enrollment);
        } else {
            enrollment = own.get();
            before = Enrollments.auditJson(enrollment);
            if (enrollment.isCancelled()) {
                enrollment.reopen(policy.policyId(), tier, newborn.getHouseholdRegionCode(), null, now, actor);
            } else if (!enrollment.getPolicyId().equals(policy.policyId())) {
                throw ProblemException.conflict("ALREADY_ENROLLED", "该新生儿本年度已登记于 " + enrollment.getPolicyId(),
                        "the newborn is registered under " + enrollment.getPolicyId() + " this year");
            }
        }
        // a registration tax was told of (REGISTERED, unpaid) is withdrawn from its charges: nothing is due any more
        boolean toldTax = before != null && own.get().getStatus() == EnrollmentStatus.REGISTERED;
        enrollment.coveredWithoutPayment(tier, birth, policy.yearEnd(), today);
        String reason = "新生儿随法定监护人自动参保：监护人 " + guardian.maskedIdNumber() + " 已缴费参保（" + carrying.getPolicyId()
                + "），待遇自出生之日 " + birth + " 至 " + policy.yearEnd();
        try {
            em.flush();
            NewbornCover cover = new NewbornCover(enrollment.getId(), newborn.getId(), guardian.getId(), carrying.getId(),
                    reason, actor, now);
            em.persist(cover);
            em.flush();
            if (toldTax) {
                changeFeed.record(policy.policyId(), newborn.getId(), ChangeFeed.Change.CANCELLED);
            }
            audit.record("ENROLLMENT_COVERED_BY_GUARDIAN", "enrollment", String.valueOf(enrollment.getId()), before,
                    Enrollments.auditJson(enrollment), newborn.maskedIdNumber() + " " + reason);
            return new Covered(enrollment, newborn, guardian, cover, true);
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e)) {
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
