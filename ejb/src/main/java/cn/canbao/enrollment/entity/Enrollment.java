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
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Objects;

/**
 * A person in one insurance year (参保登记): tier, status and the village where it counts. At most one per person and
 * year (database constraint); a cancelled one is reopened, never duplicated.
 */
@Entity
@Table(name = "enrollment")
@NamedQuery(name = Enrollment.OF_PERSON_YEAR,
        query = "select e from Enrollment e where e.personId = :person and e.insuranceYear = :year")
@NamedQuery(name = Enrollment.OF_PERSON,
        query = "select e from Enrollment e where e.personId = :person order by e.insuranceYear desc")
public class Enrollment {

    public static final String OF_PERSON_YEAR = "Enrollment.ofPersonYear";
    public static final String OF_PERSON = "Enrollment.ofPerson";

    /** The states stored in the row; the others are derived from the benefit period. */
    private static final EnumSet<EnrollmentStatus> STORED = EnumSet.of(EnrollmentStatus.REGISTERED,
            EnrollmentStatus.PAID, EnrollmentStatus.CANCELLED, EnrollmentStatus.REFUNDED);

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "policy_id", nullable = false)
    private String policyId;

    @Column(name = "insurance_year", nullable = false, updatable = false)
    private int insuranceYear;

    @Column(nullable = false)
    private int tier;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EnrollmentStatus status;

    @Column(name = "region_code", nullable = false)
    private String regionCode;

    @Column(name = "amount_due")
    private BigDecimal amountDue;

    @Column(name = "registered_at", nullable = false)
    private OffsetDateTime registeredAt;

    @Column(name = "registered_by", nullable = false)
    private String registeredBy;

    @Column(name = "benefit_start")
    private LocalDate benefitStart;

    @Column(name = "benefit_end")
    private LocalDate benefitEnd;

    /** Business date of the payment that stands on the enrollment (null while unpaid): the weekly progress counts by it. */
    @Column(name = "paid_on")
    private LocalDate paidOn;

    @Version
    private long version;

    protected Enrollment() {
    }

    public Enrollment(Long personId, String policyId, int insuranceYear, int tier, String regionCode,
                      BigDecimal amountDue, OffsetDateTime registeredAt, String registeredBy) {
        this.personId = Objects.requireNonNull(personId);
        this.policyId = Objects.requireNonNull(policyId);
        this.insuranceYear = insuranceYear;
        this.tier = tier;
        this.status = EnrollmentStatus.REGISTERED;
        this.regionCode = Objects.requireNonNull(regionCode);
        this.amountDue = amountDue;
        this.registeredAt = Objects.requireNonNull(registeredAt);
        this.registeredBy = Objects.requireNonNull(registeredBy);
    }

    /**
     * The id of an enrollment written with JDBC instead of persisted (the bulk payment path, {@code EnrollmentRows.insert}):
     * drawn by the caller from EclipseLink's pool of the same sequence, exactly as persist would draw it; the row is
     * written with version 1, as EclipseLink writes a new one.
     */
    public Enrollment identified(long id) {
        if (this.id != null) {
            throw new IllegalStateException("enrollment already has id " + this.id);
        }
        this.id = id;
        this.version = 1;
        return this;
    }

    public boolean isCancelled() {
        return status == EnrollmentStatus.CANCELLED;
    }

    /** Whether money stands on this enrollment (a second payment would be a duplicate). */
    public boolean isPaid() {
        return status == EnrollmentStatus.PAID;
    }

    /** A cancelled enrollment registered again, possibly under another tier. */
    public void reopen(String policyId, int tier, String regionCode, BigDecimal amountDue, OffsetDateTime at, String by) {
        if (status != EnrollmentStatus.CANCELLED) {
            throw new IllegalStateException("only a cancelled enrollment is reopened, this one is " + status);
        }
        this.policyId = policyId;
        this.tier = tier;
        this.regionCode = regionCode;
        this.amountDue = amountDue;
        this.registeredAt = at;
        this.registeredBy = by;
        this.status = EnrollmentStatus.REGISTERED;
        this.benefitStart = null;
        this.benefitEnd = null;
    }

    /** The amount due recomputed (at payment, or by the rollover and full-cost batches). */
    public void updateAmountDue(BigDecimal amount) {
        if (status != EnrollmentStatus.REGISTERED) {
            throw new IllegalStateException("amount due only changes while unpaid");
        }
        this.amountDue = amount;
    }

    /** Money received on {@code paidOn} (the payment's business date): the tier paid for and the cover it bought. */
    public void markPaid(int tier, BigDecimal amount, LocalDate benefitStart, LocalDate benefitEnd, LocalDate paidOn) {
        if (status != EnrollmentStatus.REGISTERED) {
            throw new IllegalStateException("cannot pay an enrollment that is " + status);
        }
        this.tier = tier;
        this.amountDue = amount;
        this.status = EnrollmentStatus.PAID;
        this.benefitStart = Objects.requireNonNull(benefitStart);
        this.benefitEnd = Objects.requireNonNull(benefitEnd);
        this.paidOn = Objects.requireNonNull(paidOn);
    }

    /**
     * Covered without a payment of its own (a newborn through its insured guardian, seed 002, decision 49): nothing
     * is due and the cover {@code benefitStart..benefitEnd} stands as if paid on {@code decidedOn}.
     */
    public void coveredWithoutPayment(int tier, LocalDate benefitStart, LocalDate benefitEnd, LocalDate decidedOn) {
        markPaid(tier, java.math.BigDecimal.ZERO.setScale(2), benefitStart, benefitEnd, decidedOn);
    }

    /** The payment was reversed as a mistake: back to unpaid. */
    public void paymentReversed() {
        if (status != EnrollmentStatus.PAID) {
            throw new IllegalStateException("no payment stands on an enrollment that is " + status);
        }
        this.status = EnrollmentStatus.REGISTERED;
        this.benefitStart = null;
        this.benefitEnd = null;
        this.paidOn = null;
    }

    /** The contribution was refunded (death, duplicate payment): cover ends. */
    public void refunded() {
        if (status != EnrollmentStatus.PAID) {
            throw new IllegalStateException("only a paid enrollment is refunded, this one is " + status);
        }
        this.status = EnrollmentStatus.REFUNDED;
        this.paidOn = null;
    }

    public void cancel() {
        if (status != EnrollmentStatus.REGISTERED) {
            throw new IllegalStateException("only an unpaid enrollment is cancelled, this one is " + status);
        }
        this.status = EnrollmentStatus.CANCELLED;
    }

    /**
     * The status as a person sees it on {@code today}: a paid enrollment is WAITING before a cover start later than
     * the insurance year's first day (a waiting period or next-month start), PAID before a year-start cover,
     * COVERED within the benefit period and ENDED after it.
     */
    public EnrollmentStatus statusOn(LocalDate today) {
        if (status != EnrollmentStatus.PAID || benefitStart == null) {
            return status;
        }
        if (today.isBefore(benefitStart)) {
            return benefitStart.isAfter(LocalDate.of(insuranceYear, 1, 1)) ? EnrollmentStatus.WAITING : EnrollmentStatus.PAID;
        }
        return today.isAfter(benefitEnd) ? EnrollmentStatus.ENDED : EnrollmentStatus.COVERED;
    }

    public Long getId() { return id; }
    public Long getPersonId() { return personId; }
    public String getPolicyId() { return policyId; }
    public int getInsuranceYear() { return insuranceYear; }
    public int getTier() { return tier; }
    public EnrollmentStatus getStatus() { return status; }
    public String getRegionCode() { return regionCode; }
    public BigDecimal getAmountDue() { return amountDue; }
    public OffsetDateTime getRegisteredAt() { return registeredAt; }
    public String getRegisteredBy() { return registeredBy; }
    public LocalDate getBenefitStart() { return benefitStart; }
    public LocalDate getBenefitEnd() { return benefitEnd; }
    public LocalDate getPaidOn() { return paidOn; }
    public long getVersion() { return version; }

    /** Whether {@code s} is kept in the row (the others are read from the benefit period). */
    public static boolean isStored(EnrollmentStatus s) {
        return STORED.contains(s);
    }
}
