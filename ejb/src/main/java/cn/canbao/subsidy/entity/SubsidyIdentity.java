package cn.canbao.subsidy.entity;

import cn.canbao.policy.entity.HeldIdentity;
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

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A subsidy identity (资助参保身份) a person holds: the catalogue code, who certified it, when it is valid and where
 * the record came from. Never changed once recorded: a correction or an end is a new record, the old one kept with the
 * reason in {@code subsidy_identity_revoked} (SubsidyIdentities.endOn, revoke; the quote takes the best valid one).
 */
@Entity
@Table(name = "subsidy_identity")
@NamedQuery(name = SubsidyIdentity.OF_PERSON,
        query = "select s from SubsidyIdentity s where s.personId = :person order by s.validFrom, s.id")
public class SubsidyIdentity {

    public static final String OF_PERSON = "SubsidyIdentity.ofPerson";

    public enum Source {
        /** From a certifying department's roster (名册). */
        ROSTER,
        /** Entered by hand by an authorised user, with evidence. */
        MANUAL
    }

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(nullable = false, updatable = false)
    private String code;

    @Column(name = "certifying_department", nullable = false, updatable = false)
    private String certifyingDepartment;

    @Column(name = "valid_from", nullable = false, updatable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to", updatable = false)
    private LocalDate validTo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Source source;

    @Column(updatable = false)
    private String evidence;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected SubsidyIdentity() {
    }

    public SubsidyIdentity(Long personId, String code, String certifyingDepartment, LocalDate validFrom, LocalDate validTo,
                           Source source, String evidence, String recordedBy, OffsetDateTime recordedAt) {
        if (validTo != null && validTo.isBefore(validFrom)) {
            throw new IllegalArgumentException("validTo before validFrom");
        }
        this.personId = Objects.requireNonNull(personId);
        this.code = Objects.requireNonNull(code);
        this.certifyingDepartment = Objects.requireNonNull(certifyingDepartment);
        this.validFrom = Objects.requireNonNull(validFrom);
        this.validTo = validTo;
        this.source = Objects.requireNonNull(source);
        this.evidence = evidence;
        this.recordedBy = Objects.requireNonNull(recordedBy);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    /** What the quote engine needs: the code and its validity. */
    public HeldIdentity held() {
        return new HeldIdentity(code, validFrom, validTo);
    }

    public Long getId() { return id; }
    public Long getPersonId() { return personId; }
    public String getCode() { return code; }
    public String getCertifyingDepartment() { return certifyingDepartment; }
    public LocalDate getValidFrom() { return validFrom; }
    public LocalDate getValidTo() { return validTo; }
    public Source getSource() { return source; }
    public String getEvidence() { return evidence; }
    public String getRecordedBy() { return recordedBy; }
    public OffsetDateTime getRecordedAt() { return recordedAt; }
}
