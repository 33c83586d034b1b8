package cn.canbao.web.person;

import cn.canbao.enrollment.boundary.Enrollments;
import cn.canbao.enrollment.entity.NewbornCover;
import cn.canbao.person.entity.Person;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A newborn's cover through its insured guardian as the API shows it on the person's record and in a registration's
 * answer (decision 49): the covered enrollment's policy and cover, the guardian (masked), why, who applied it and when
 * (the caller's account, also when it was applied automatically at a registration or a payment).
 */
public record NewbornCoverInfo(String idNumber, Long enrollmentId, String policyId, LocalDate benefitStart, LocalDate benefitEnd,
                               String guardian, String reason, String recordedBy, OffsetDateTime recordedAt) {

    /** {@code readings}: the person's enrollments, among them the covered one. */
    public static NewbornCoverInfo of(NewbornCover cover, Person person, List<Enrollments.Reading> readings) {
        var covered = readings.stream().map(Enrollments.Reading::enrollment)
                .filter(e -> e.getId().equals(cover.getEnrollmentId())).findFirst();
        return new NewbornCoverInfo(person.maskedIdNumber(), cover.getEnrollmentId(), covered.map(e -> e.getPolicyId()).orElse(null),
                covered.map(e -> e.getBenefitStart()).orElse(null), covered.map(e -> e.getBenefitEnd()).orElse(null),
                person.getGuardian() == null ? null : person.getGuardian().maskedIdNumber(), cover.getReason(),
                cover.getRecordedBy(), cover.getRecordedAt());
    }
}
