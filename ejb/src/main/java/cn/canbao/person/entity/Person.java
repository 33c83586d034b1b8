package cn.canbao.person.entity;

import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.entity.ResidentType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A resident (参保人), identified by document type and number. Birth date and gender of a resident ID card come from
 * the number itself, so they can never disagree with it.
 */
@Entity
@Table(name = "person")
@NamedQuery(name = Person.BY_DOCUMENT,
        query = "select p from Person p where p.documentType = :type and p.idNumber = :number")
@NamedQuery(name = Person.BY_HOUSEHOLD,
        query = "select p from Person p where p.household.id = :household order by p.id")
public class Person {

    public static final String BY_DOCUMENT = "Person.byDocument";
    public static final String BY_HOUSEHOLD = "Person.byHousehold";

    public enum Gender {
        MALE,
        FEMALE
    }

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "document_type", nullable = false, updatable = false)
    private DocumentType documentType;

    @Column(name = "id_number", nullable = false, updatable = false)
    private String idNumber;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Gender gender;

    @Column(name = "birth_date", nullable = false)
    private LocalDate birthDate;

    @Column(name = "household_region_code", nullable = false)
    private String householdRegionCode;

    @Column(name = "residence_region_code")
    private String residenceRegionCode;

    @Column(name = "residence_permit", nullable = false)
    private boolean residencePermit;

    @Enumerated(EnumType.STRING)
    @Column(name = "resident_type", nullable = false)
    private ResidentType residentType;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "guardian_id")
    private Person guardian;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "household_id")
    private Household household;

    private String phone;

    @Column(name = "deceased_on")
    private LocalDate deceasedOn;

    @Column(name = "employee_insured", nullable = false)
    private boolean employeeInsured;

    @Column(name = "insured_elsewhere", nullable = false)
    private boolean insuredElsewhere;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Version
    private long version;

    protected Person() {
    }

    /** A resident registered under a resident ID card: gender and birth date are read from the number. */
    public Person(IdNumber idNumber, String name, String householdRegionCode, String residenceRegionCode,
                  ResidentType residentType, OffsetDateTime createdAt) {
        this.documentType = DocumentType.RESIDENT_ID;
        this.idNumber = idNumber.value();
        this.name = requireText(name, "name");
        this.gender = idNumber.gender() == IdNumber.Gender.MALE ? Gender.MALE : Gender.FEMALE;
        this.birthDate = idNumber.birthDate();
        this.householdRegionCode = Objects.requireNonNull(householdRegionCode);
        this.residenceRegionCode = residenceRegionCode;
        this.residentType = residentType == null ? ResidentType.RESIDENT : residentType;
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        return value.trim();
    }

    public void assignGuardian(Person guardian) {
        if (guardian == this || (guardian != null && guardian.idNumber.equals(idNumber))) {
            throw new IllegalArgumentException("a person cannot be their own guardian");
        }
        this.guardian = guardian;
    }

    public void joinHousehold(Household household) {
        this.household = household;
    }

    /** The phone number the counter took down (null: none); checked by the boundary. */
    public void changePhone(String phone) {
        this.phone = phone;
    }

    /** Recorded when the resident turns out to be insured in employee insurance (已参加职工医保). */
    public void markEmployeeInsured() {
        this.employeeInsured = true;
    }

    public void markInsuredElsewhere() {
        this.insuredElsewhere = true;
    }

    public void recordDeath(LocalDate on) {
        this.deceasedOn = Objects.requireNonNull(on);
    }

    /** The number as an {@link IdNumber} when this is a resident ID card. */
    public IdNumber idNumberValue() {
        return documentType == DocumentType.RESIDENT_ID ? IdNumber.of(idNumber) : null;
    }

    /** For lists and logs: the number masked like {@link IdNumber#masked()}. */
    /** What the quote engine reads of this person, as the batch jobs read it by JDBC: one builder of quote requests. */
    public QuotedPerson quoted() {
        return new QuotedPerson(id == null ? 0 : id, residentType, birthDate, idNumberValue(), deceasedOn, employeeInsured,
                insuredElsewhere); // 0: not yet stored (a quote before registration)
    }

    public String maskedIdNumber() {
        if (documentType == DocumentType.RESIDENT_ID) {
            return IdNumber.of(idNumber).masked();
        }
        return idNumber.length() <= 8 ? "*".repeat(idNumber.length())
                : idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
    }

    public Long getId() { return id; }
    public DocumentType getDocumentType() { return documentType; }
    public String getIdNumber() { return idNumber; }
    public String getName() { return name; }
    public Gender getGender() { return gender; }
    public LocalDate getBirthDate() { return birthDate; }
    public String getHouseholdRegionCode() { return householdRegionCode; }
    public String getResidenceRegionCode() { return residenceRegionCode; }
    public boolean isResidencePermit() { return residencePermit; }
    public ResidentType getResidentType() { return residentType; }
    public Person getGuardian() { return guardian; }
    public Household getHousehold() { return household; }
    public String getPhone() { return phone; }
    public LocalDate getDeceasedOn() { return deceasedOn; }
    public boolean isEmployeeInsured() { return employeeInsured; }
    public boolean isInsuredElsewhere() { return insuredElsewhere; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public long getVersion() { return version; }
}
