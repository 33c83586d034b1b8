package cn.canbao.web.person;

import cn.canbao.enrollment.entity.NonEnrollment;

import java.time.OffsetDateTime;

/** The API shape of a recorded reason for not enrolling. */
public record NonEnrollmentView(Long id, String policyId, int insuranceYear, String reason, String note, boolean signed,
                                String recordedBy, OffsetDateTime recordedAt, String signedBy, String signerName) {

    public static NonEnrollmentView of(NonEnrollment n) {
        return new NonEnrollmentView(n.getId(), n.getPolicyId(), n.getInsuranceYear(), n.getReason().name(), n.getNote(),
                n.isSigned(), n.getRecordedBy(), n.getRecordedAt(), n.getSignedBy(), n.getSignerName());
    }
}
