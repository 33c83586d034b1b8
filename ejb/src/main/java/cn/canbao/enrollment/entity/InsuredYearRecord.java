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

/**
 * A year in which the person held basic medical insurance outside Canbao's records (employee insurance, another
 * pooling region), with its source and evidence (DOMAIN.md §8). Never changed once recorded.
 */
@Entity
@Table(name = "insurance_history_year")
@NamedQuery(name = InsuredYearRecord.OF_PERSON,
        query = "select y from InsuredYearRecord y where y.personId = :person order by y.insuranceYear")
@NamedQuery(name = InsuredYearRecord.OF_PERSONS,
        query = "select y.personId, y.insuranceYear from InsuredYearRecord y where y.personId in :persons")
public class InsuredYearRecord {

    public static final String OF_PERSON = "InsuredYearRecord.ofPerson";
    public static final String OF_PERSONS = "InsuredYearRecord.ofPersons";

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "insurance_year", nullable = false, updatable = false)
    private int insuranceYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private HistorySource source;

    @Column(updatable = false)
    private String evidence;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected InsuredYearRecord() {
    }

    public InsuredYearRecord(Long personId, int insuranceYear, HistorySource source, String evidence, String recordedBy,
                             OffsetDateTime recordedAt) {
        if (source == HistorySource.COUNTER && (evidence == null || evidence.isBlank())) {
            throw new IllegalArgumentException("a year entered at the counter needs its evidence");
        }
        this.personId = Objects.requireNonNull(personId);
        this.insuranceYear = insuranceYear;
        this.source = Objects.requireNonNull(source);
        this.evidence = evidence;
        this.recordedBy = Objects.requireNonNull(recordedBy);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    public Long getId() {
        return id;
    }

    public Long getPersonId() {
        return personId;
    }

    public int getInsuranceYear() {
        return insuranceYear;
    }

    public HistorySource getSource() {
        return source;
    }

    public String getEvidence() {
        return evidence;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public OffsetDateTime getRecordedAt() {
        return recordedAt;
    }
}
