package cn.canbao.enrollment.entity;

import cn.canbao.policy.entity.LifeEvent;
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
 * A life event of the person that may waive a continuity waiting period (left employee insurance, graduated,
 * discharged, released), with its date, source and evidence (DOMAIN.md §8). Never changed once recorded.
 */
@Entity
@Table(name = "insurance_history_event")
@NamedQuery(name = LifeEventRecord.OF_PERSON,
        query = "select e from LifeEventRecord e where e.personId = :person order by e.eventDate, e.id")
@NamedQuery(name = LifeEventRecord.OF_PERSONS,
        query = "select e from LifeEventRecord e where e.personId in :persons")
public class LifeEventRecord {

    public static final String OF_PERSON = "LifeEventRecord.ofPerson";
    public static final String OF_PERSONS = "LifeEventRecord.ofPersons";

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, updatable = false)
    private LifeEvent.Type type;

    @Column(name = "event_date", nullable = false, updatable = false)
    private LocalDate eventDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private HistorySource source;

    @Column(updatable = false)
    private String evidence;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected LifeEventRecord() {
    }

    public LifeEventRecord(Long personId, LifeEvent event, HistorySource source, String evidence, String recordedBy,
                           OffsetDateTime recordedAt) {
        if (source == HistorySource.COUNTER && (evidence == null || evidence.isBlank())) {
            throw new IllegalArgumentException("an event entered at the counter needs its evidence");
        }
        this.personId = Objects.requireNonNull(personId);
        this.type = event.type();
        this.eventDate = event.date();
        this.source = Objects.requireNonNull(source);
        this.evidence = evidence;
        this.recordedBy = Objects.requireNonNull(recordedBy);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    /** The event as the quote engine reads it. */
    public LifeEvent event() {
        return new LifeEvent(type, eventDate);
    }

    public Long getId() {
        return id;
    }

    public Long getPersonId() {
        return personId;
    }

    public LifeEvent.Type getType() {
        return type;
    }

    public LocalDate getEventDate() {
        return eventDate;
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
