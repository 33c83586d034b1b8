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

/** One follow-up call or visit (催缴) to a resident who has not paid for a campaign year; never changed afterwards. */
@Entity
@Table(name = "contact_attempt")
@NamedQuery(name = ContactAttempt.OF_PERSON_YEAR,
        query = "select c from ContactAttempt c where c.personId = :person and c.insuranceYear = :year order by c.recordedAt desc, c.id desc")
@NamedQuery(name = ContactAttempt.LATEST_OF_PERSONS,
        query = "select c from ContactAttempt c where c.personId in :persons and c.insuranceYear = :year"
                + " and not exists (select d from ContactAttempt d where d.personId = c.personId and d.insuranceYear = c.insuranceYear"
                + " and (d.recordedAt > c.recordedAt or (d.recordedAt = c.recordedAt and d.id > c.id)))")
public class ContactAttempt {

    public static final String OF_PERSON_YEAR = "ContactAttempt.ofPersonYear";
    public static final String LATEST_OF_PERSONS = "ContactAttempt.latestOfPersons";

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
    private ContactChannel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ContactOutcome outcome;

    @Column(updatable = false)
    private String note;

    @Column(name = "region_code", nullable = false, updatable = false)
    private String regionCode;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected ContactAttempt() {
    }

    public ContactAttempt(Long personId, String policyId, int insuranceYear, ContactChannel channel, ContactOutcome outcome,
                          String note, String regionCode, String recordedBy, OffsetDateTime recordedAt) {
        if (outcome == ContactOutcome.OTHER && (note == null || note.isBlank())) {
            throw new IllegalArgumentException("outcome OTHER needs a note");
        }
        this.personId = Objects.requireNonNull(personId);
        this.policyId = Objects.requireNonNull(policyId);
        this.insuranceYear = insuranceYear;
        this.channel = Objects.requireNonNull(channel);
        this.outcome = Objects.requireNonNull(outcome);
        this.note = note;
        this.regionCode = Objects.requireNonNull(regionCode);
        this.recordedBy = Objects.requireNonNull(recordedBy);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    public Long getId() { return id; }
    public Long getPersonId() { return personId; }
    public String getPolicyId() { return policyId; }
    public int getInsuranceYear() { return insuranceYear; }
    public ContactChannel getChannel() { return channel; }
    public ContactOutcome getOutcome() { return outcome; }
    public String getNote() { return note; }
    public String getRegionCode() { return regionCode; }
    public String getRecordedBy() { return recordedBy; }
    public OffsetDateTime getRecordedAt() { return recordedAt; }
}
