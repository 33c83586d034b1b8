package cn.canbao.person.entity;

import cn.canbao.policy.entity.HeldGroup;
import cn.canbao.policy.entity.PersonGroup;
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
 * A special group the person belongs to (退役军人, 刑满释放, 毕业生, 新增困难群众, 大学新生) from {@code validFrom} (the
 * event's date when one is given) to {@code validTo} (null: open), with its source and evidence, who recorded it and
 * when. Never changed once recorded: a correction is a new row, as with the insurance history.
 */
@Entity
@Table(name = "person_group")
@NamedQuery(name = PersonGroupRecord.OF_PERSON,
        query = "select g from PersonGroupRecord g where g.personId = :person order by g.validFrom, g.id")
@NamedQuery(name = PersonGroupRecord.OF_PERSONS,
        query = "select g from PersonGroupRecord g where g.personId in :persons")
public class PersonGroupRecord {

    public static final String OF_PERSON = "PersonGroupRecord.ofPerson";
    public static final String OF_PERSONS = "PersonGroupRecord.ofPersons";

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Enumerated(EnumType.STRING)
    @Column(name = "group_code", nullable = false, updatable = false)
    private PersonGroup group;

    @Column(name = "valid_from", nullable = false, updatable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to", updatable = false)
    private LocalDate validTo;

    @Column(name = "event_date", updatable = false)
    private LocalDate eventDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private GroupSource source;

    @Column(updatable = false)
    private String evidence;

    @Column(name = "recorded_by", nullable = false, updatable = false)
    private String recordedBy;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private OffsetDateTime recordedAt;

    protected PersonGroupRecord() {
    }

    public PersonGroupRecord(Long personId, HeldGroup held, LocalDate eventDate, GroupSource source, String evidence,
                             String recordedBy, OffsetDateTime recordedAt) {
        if (source == GroupSource.COUNTER && (evidence == null || evidence.isBlank())) {
            throw new IllegalArgumentException("a group entered at the counter needs its evidence");
        }
        this.personId = Objects.requireNonNull(personId);
        this.group = held.group();
        this.validFrom = held.validFrom();
        this.validTo = held.validTo();
        this.eventDate = eventDate;
        this.source = Objects.requireNonNull(source);
        this.evidence = evidence;
        this.recordedBy = Objects.requireNonNull(recordedBy);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    /** The group as a quote request reads it. */
    public HeldGroup held() {
        return new HeldGroup(group, validFrom, validTo);
    }

    public Long getId() {
        return id;
    }

    public Long getPersonId() {
        return personId;
    }

    public PersonGroup getGroup() {
        return group;
    }

    public LocalDate getValidFrom() {
        return validFrom;
    }

    public LocalDate getValidTo() {
        return validTo;
    }

    public LocalDate getEventDate() {
        return eventDate;
    }

    public GroupSource getSource() {
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
