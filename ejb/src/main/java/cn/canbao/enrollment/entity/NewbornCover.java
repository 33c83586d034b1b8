package cn.canbao.enrollment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Why a newborn's enrollment is PAID without a payment (seed 002: 不独立参保且其法定监护人当年已参加居民医保缴费的
 * 新生儿，自出生之日起自动随法定监护人参保; decision 49): the guardian and the guardian's paid enrollment that carried
 * the cover, the reason, who applied it and when. Never changed once recorded.
 */
@Entity
@Table(name = "newborn_cover")
@NamedQuery(name = NewbornCover.OF_PERSON, query = "select c from NewbornCover c where c.personId = :person")
public class NewbornCover {

    public static final String OF_PERSON = "NewbornCover.ofPerson";

    @Id
    @Column(name = "enrollment_id", nullable = false, updatable = false)
    private Long enrollmentId;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "guardian_id", nullable = false, updatable = false)
    private Long guardianId;

    @Column(name = "guardian_enrollment_id", nullable = false, updatable = false)
    private Long guardianEnrollmentId;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected NewbornCover() {
    }

    public NewbornCover(Long enrollmentId, Long personId, Long guardianId, Long guardianEnrollmentId, String reason,
                        String recordedBy, OffsetDateTime recordedAt) {
        this.enrollmentId = Objects.requireNonNull(enrollmentId);
        this.personId = Objects.requireNonNull(personId);
        this.guardianId = Objects.requireNonNull(guardianId);
        this.guardianEnrollmentId = Objects.requireNonNull(guardianEnrollmentId);
        this.reason = Objects.requireNonNull(reason);
        this.recordedBy = Objects.requireNonNull(recordedBy);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    public Long getEnrollmentId() {
        return enrollmentId;
    }

    public Long getPersonId() {
        return personId;
    }

    public Long getGuardianId() {
        return guardianId;
    }

    public Long getGuardianEnrollmentId() {
        return guardianEnrollmentId;
    }

    public String getReason() {
        return reason;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public OffsetDateTime getRecordedAt() {
        return recordedAt;
    }
}
