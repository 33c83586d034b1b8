package cn.canbao.enrollment.control;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.entity.Person;
import cn.canbao.platform.boundary.AuditLog;
import cn.canbao.platform.boundary.ChangeFeed;
import cn.canbao.policy.entity.Policy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The year's enrollment set PAID without a payment — the newborn's cover through its guardian (decision 49) and the
 * college transition cover (decision 52) — in two steps around the caller's reason row, which needs the enrollment's
 * id: {@link #write} registers (or reopens) the enrollment and marks it covered, {@link #recorded} tells the tax feed
 * when it was charging and audits. A plain bean in the caller's transaction: a database failure reaches the caller as
 * it is (a concurrent registration of the year is the caller's 409).
 */
@Dependent
public class CoverWithoutPayment {

    /** The enrollment as written, its audit state before ({@code null}: new), whether tax was charging it, who and when. */
    public record Written(Enrollment enrollment, String before, boolean toldTax, String actor, OffsetDateTime at) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ChangeFeed changeFeed;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * {@code own}: the person's enrollment of the policy's year, read locked by the caller, not PAID or REFUNDED and,
     * unless cancelled, of this policy (the caller refuses the others). Flushed.
     */
    public Written write(Person person, Policy policy, Optional<Enrollment> own, int tier, LocalDate benefitStart,
                         LocalDate benefitEnd) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String actor = audit.currentActor();
        Enrollment enrollment;
        String before = null;
        if (own.isEmpty()) {
            enrollment = new Enrollment(person.getId(), policy.policyId(), policy.insuranceYear(), tier,
                    person.getHouseholdRegionCode(), null, now, actor);
            em.persist(enrollment);
        } else {
            enrollment = own.get();
            before = Enrollments.auditJson(enrollment);
            if (enrollment.isCancelled()) {
                enrollment.reopen(policy.policyId(), tier, person.getHouseholdRegionCode(), null, now, actor);
            }
        }
        // a registration tax was told of (REGISTERED, unpaid) is withdrawn from its charges: nothing is due any more
        boolean toldTax = before != null && enrollment.getStatus() == EnrollmentStatus.REGISTERED;
        enrollment.coveredWithoutPayment(tier, benefitStart, benefitEnd, LocalDate.now(clock));
        em.flush();
        return new Written(enrollment, before, toldTax, actor, now);
    }

    /** After the caller's reason row: the tax feed's withdrawal where it was charging, and the audit line. */
    public void recorded(Written written, Person person, Policy policy, String auditAction, String detail) {
        if (written.toldTax()) {
            changeFeed.record(policy.policyId(), person.getId(), ChangeFeed.Change.CANCELLED);
        }
        audit.record(auditAction, "enrollment", String.valueOf(written.enrollment().getId()), written.before(),
                Enrollments.auditJson(written.enrollment()), detail);
    }
}
