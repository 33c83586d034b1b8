package cn.canbao.enrollment.boundary;

import cn.canbao.enrollment.control.CoverWithoutPayment;
import cn.canbao.enrollment.entity.CollegeTransitionCover;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.boundary.Persons;
import cn.canbao.person.entity.Person;
import cn.canbao.person.entity.PersonGroupRecord;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import cn.canbao.policy.boundary.Policies;
import cn.canbao.policy.entity.CollegeRule;
import cn.canbao.policy.entity.PersonGroup;
import cn.canbao.policy.entity.Policy;
import cn.canbao.policy.entity.ResidentType;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.util.List;
import java.util.Optional;

/**
 * The college transition cover (seeds 000, 002; decision 52): in the year a region moves college students from the
 * academic to the natural year, a college student insured for the academic year of the change — the group
 * {@link PersonGroup#ACADEMIC_YEAR_INSURED}, recorded with its evidence — is covered until the insurance year's end
 * without paying for it. The quote refuses such a payment ({@code COVERED_BY_TRANSITION}); this records the cover as
 * the year's enrollment PAID without a payment, with a {@link CollegeTransitionCover} saying why; audited. Recording
 * it again answers the cover already recorded.
 */
@Stateless
@RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN})
public class CollegeTransitionCovers {

    /** The covered enrollment, its person, the group record that carried it, the reason row, whether this call made it. */
    public record Covered(Enrollment enrollment, Person person, PersonGroupRecord group, CollegeTransitionCover cover,
                          boolean created) {
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
    CoverWithoutPayment withoutPayment;

    /**
     * Records the cover: 400 without a policy or with a tier that is no number, 404 for an unknown person or policy,
     * 422 when the policy has no transition ({@code NO_COLLEGE_TRANSITION}), the person is no college student
     * ({@code NOT_A_COLLEGE_STUDENT}) or holds no ACADEMIC_YEAR_INSURED group for the academic year of the transition
     * ({@code ACADEMIC_YEAR_NOT_INSURED}), and the refusals of a payment (employee insured, deceased, other region,
     * tier not offered); 409 {@code ALREADY_ENROLLED} when the student has paid (or been refunded) for the year.
     * {@code tier} null = the policy's first tier.
     */
    public Covered cover(String idNumber, String policyId, Integer tier) {
        if (policyId == null || policyId.isBlank()) {
            throw ProblemException.badRequest("INVALID_INPUT", "须提供 policyId", "policyId is required",
                    List.of(new FieldError("policyId", "必填 / required")));
        }
        Person student = persons.byIdNumber(idNumber);
        Policy policy = policies.policy(policyId.trim());
        CollegeRule.Transition transition = policy.college() == null ? null : policy.college().transition();
        if (transition == null) {
            throw ProblemException.unprocessable("NO_COLLEGE_TRANSITION", policy.policyId() + " 政策没有大学生参保期调整的过渡期待遇",
                    "policy " + policy.policyId() + " has no college transition cover");
        }
        if (student.getResidentType() != ResidentType.COLLEGE_STUDENT) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "NOT_A_COLLEGE_STUDENT",
                    student.maskedIdNumber() + " 不是在校大学生，过渡期待遇只适用于大学生",
                    student.maskedIdNumber() + " is no college student: the transition cover is for college students",
                    List.of(new FieldError("idNumber", "非在校大学生 / not a college student")));
        }
        PersonGroupRecord group = em.createNamedQuery(PersonGroupRecord.OF_PERSON, PersonGroupRecord.class)
                .setParameter("person", student.getId()).getResultStream()
                .filter(g -> g.getGroup() == PersonGroup.ACADEMIC_YEAR_INSURED
                        && transition.matches(g.getValidFrom(), g.getValidTo()))
                .findFirst()
                .orElseThrow(() -> new ProblemException(ProblemException.Kind.UNPROCESSABLE, "ACADEMIC_YEAR_NOT_INSURED",
                        student.maskedIdNumber() + " 未登记已参加 " + transition.insuredFrom() + " 至 " + transition.insuredTo()
                                + " 学年度居民医保（人员类别“已参加上一学年度居民医保的在校大学生”，须有凭据）",
                        student.maskedIdNumber() + " holds no record of insurance for the academic year "
                                + transition.insuredFrom() + ".." + transition.insuredTo()
                                + " (group ACADEMIC_YEAR_INSURED, with its evidence)",
                        List.of(new FieldError("idNumber", "未登记上一学年度参保 / academic year not insured"))));
        Optional<Enrollment> own = em.createNamedQuery(Enrollment.OF_PERSON_YEAR, Enrollment.class)
                .setParameter("person", student.getId()).setParameter("year", policy.insuranceYear())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint("eclipselink.refresh", Boolean.TRUE)
                .getResultStream().findFirst();
        Optional<CollegeTransitionCover> recorded = own.flatMap(e -> Optional.ofNullable(em.find(CollegeTransitionCover.class, e.getId())));
        if (recorded.isPresent()) {
            return new Covered(own.get(), student, group, recorded.get(), false);
        }
        if (own.isPresent() && (own.get().getStatus() == EnrollmentStatus.PAID || own.get().getStatus() == EnrollmentStatus.REFUNDED)) {
            throw new ProblemException(ProblemException.Kind.CONFLICT, "ALREADY_ENROLLED",
                    student.maskedIdNumber() + " 本年度已缴费参保（" + own.get().getPolicyId() + "），不再登记过渡期待遇",
                    student.maskedIdNumber() + " has paid for " + policy.insuranceYear() + " already (" + own.get().getPolicyId() + ")",
                    List.of(new FieldError("idNumber", "已缴费参保 / already paid")));
        }
        int chosen = tier != null ? tier : policy.tiers().get(0).tier();
        ProblemException refusal = enrollments.refusalForPayment(student, policy, chosen);
        if (refusal != null) {
            throw refusal;
        }
        if (own.isPresent() && !own.get().isCancelled() && !own.get().getPolicyId().equals(policy.policyId())) {
            throw ProblemException.conflict("ALREADY_ENROLLED", "该大学生本年度已登记于 " + own.get().getPolicyId(),
                    "the student is registered under " + own.get().getPolicyId() + " this year");
        }
        String reason = "大学生参保期由学年度调整为自然年度的过渡期待遇：已参加 " + transition.insuredFrom() + " 至 "
                + transition.insuredTo() + " 学年度居民医保（" + (group.getEvidence() == null ? group.getSource().name() : group.getEvidence())
                + "），待遇延长至 " + transition.coverTo() + "，" + policy.insuranceYear() + " 年度无需缴费";
        try {
            CoverWithoutPayment.Written written = withoutPayment.write(student, policy, own, chosen, policy.yearStart(),
                    transition.coverTo());
            CollegeTransitionCover cover = new CollegeTransitionCover(written.enrollment().getId(), student.getId(),
                    group.getId(), reason.length() > 300 ? reason.substring(0, 300) : reason, written.actor(), written.at());
            em.persist(cover);
            em.flush();
            withoutPayment.recorded(written, student, policy, "ENROLLMENT_COVERED_BY_TRANSITION",
                    student.maskedIdNumber() + " " + cover.getReason());
            return new Covered(written.enrollment(), student, group, cover, true);
        } catch (PersistenceException e) {
            if (Constraints.isUniqueViolation(e, null) || Constraints.isTransient(e)) {
                throw ProblemException.conflict("ALREADY_ENROLLED", "该大学生本年度已登记（并发登记）",
                        "the student was enrolled for this year meanwhile");
            }
            throw e;
        }
    }

    /** The transition cover of a person, if recorded (no rights beyond seeing the person). */
    @RolesAllowed({Roles.CLERK, Roles.TOWN_OFFICER, Roles.DISTRICT_ADMIN, Roles.DEPARTMENT, Roles.TAX, Roles.INTEGRATION})
    public Optional<CollegeTransitionCover> coverOf(Person person) {
        return em.createNamedQuery(CollegeTransitionCover.OF_PERSON, CollegeTransitionCover.class)
                .setParameter("person", person.getId()).getResultStream().findFirst();
    }
}
