package cn.canbao.enrollment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Why a college student's enrollment is PAID without a payment in the year of the move from the academic to the
 * natural year (seeds 000, 002: 调整当年，已参加2023年9月至2024年学年度居民医保的大学生，待遇享受时间从2023年9月至
 * 2024年12月; decision 52): the group record (ACADEMIC_YEAR_INSURED, with its evidence) that carried the cover, the
 * reason, who recorded it and when. Never changed once recorded.
 */
@Entity
@Table(name = "college_transition_cover")
@NamedQuery(name = CollegeTransitionCover.OF_PERSON,
        query = "select c from CollegeTransitionCover c where c.personId = :person")
public class CollegeTransitionCover {

    public static final String OF_PERSON = "CollegeTransitionCover.ofPerson";

    @Id
    @Column(name = "enrollment_id", nullable = false, updatable = false)
    private Long enrollmentId;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "group_record_id", nullable = false, updatable = false)
    private Long groupRecordId;

    @Column(nullable = false, updatable = false)
    private String reason;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected CollegeTransitionCover() {
    }

    public CollegeTransitionCover(Long enrollmentId, Long personId, Long groupRecordId, String reason, String recordedBy,
                                  OffsetDateTime recordedAt) {
        this.enrollmentId = Objects.requireNonNull(enrollmentId);
        this.personId = Objects.requireNonNull(personId);
        this.groupRecordId = Objects.requireNonNull(groupRecordId);
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

    public Long getGroupRecordId() {
        return groupRecordId;
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
