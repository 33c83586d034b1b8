package cn.canbao.enrollment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Objects;

/** A recorded reason why a resident does not enroll in a campaign year, with who recorded it and whether the resident signed. */
@Entity
@Table(name = "non_enrollment")
@NamedQuery(name = NonEnrollment.OF_PERSON,
        query = "select n from NonEnrollment n where n.personId = :person order by n.insuranceYear desc, n.id")
public class NonEnrollment {

    public static final String OF_PERSON = "NonEnrollment.ofPerson";

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "policy_id", nullable = false, updatable = false)
    private String policyId;

    @Column(name = "insurance_year", nullable = false, updatable = false)
    private int insuranceYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private NonEnrollmentReason reason;

    @Column(updatable = false)
    private String note;

    @Column(nullable = false, updatable = false)
    private boolean signed;

    /** SELF (本人) or PROXY (委托人); null when unsigned or recorded before it was asked. */
    @Column(name = "signed_by", updatable = false)
    private String signedBy;

    @Column(name = "signer_name", updatable = false)
    private String signerName;

    @Column(name = "region_code", nullable = false, updatable = false)
    private String regionCode;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected NonEnrollment() {
    }

    public NonEnrollment(Long personId, String policyId, int insuranceYear, NonEnrollmentReason reason, String note,
                         boolean signed, String regionCode, String recordedBy, OffsetDateTime recordedAt) {
        if (reason == NonEnrollmentReason.OTHER && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("reason OTHER needs a note");
        }
        this.personId = Objects.requireNonNull(personId);
        this.policyId = Objects.requireNonNull(policyId);
        this.insuranceYear = insuranceYear;
        this.reason = Objects.requireNonNull(reason);
        this.note = note;
        this.signed = signed;
        this.regionCode = Objects.requireNonNull(regionCode);
        this.recordedBy = Objects.requireNonNull(recordedBy);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    /** Who signed: the resident (SELF) or a proxy (PROXY) with their name; checked by the boundary. */
    public void signedBy(String signedBy, String signerName) {
        this.signedBy = signedBy;
        this.signerName = signerName;
    }

    public String getSignedBy() { return signedBy; }
    public String getSignerName() { return signerName; }
    public Long getId() { return id; }
    public Long getPersonId() { return personId; }
    public String getPolicyId() { return policyId; }
    public int getInsuranceYear() { return insuranceYear; }
    public NonEnrollmentReason getReason() { return reason; }
    public String getNote() { return note; }
    public boolean isSigned() { return signed; }
    public String getRegionCode() { return regionCode; }
    public String getRecordedBy() { return recordedBy; }
    public OffsetDateTime getRecordedAt() { return recordedAt; }
}
