package cn.canbao.web.enrollment;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.Enrollment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The API shape of an enrollment: {@code status} as read today (docs/enrollment-status.md); {@code amountDue} what
 * is due today (null when no payment is possible today, {@code amountDueNote} says why).
 */
public record EnrollmentView(Long enrollmentId, String idNumber, String name, String policyId, int insuranceYear,
                             int tier, String status, String regionCode, BigDecimal amountDue, String amountDueNote,
                             LocalDate benefitStart, LocalDate benefitEnd, OffsetDateTime registeredAt,
                             String registeredBy) {

    public static EnrollmentView of(Enrollments.Reading r) {
        Enrollment e = r.enrollment();
        return new EnrollmentView(e.getId(), r.person().getIdNumber(), r.person().getName(), e.getPolicyId(),
                e.getInsuranceYear(), e.getTier(), r.status().name(), e.getRegionCode(), r.amountDue(),
                r.amountDueNote(), e.getBenefitStart(), e.getBenefitEnd(), e.getRegisteredAt(), e.getRegisteredBy());
    }
}
