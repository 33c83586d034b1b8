package cn.canbao.enrollment.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A line of the change list of amounts due (应缴金额变更清单): a batch job changed what an unpaid enrollment owes
 * from a date on. The tax bureau reads these to collect the new amount. Never updated; one per enrollment and date.
 */
@Entity
@Table(name = "amount_change")
@NamedQuery(name = AmountChange.OF_POLICY_SINCE,
        query = "select c from AmountChange c where c.policyId = :policy and c.changedAt >= :since order by c.changedAt, c.id")
@NamedQuery(name = AmountChange.COUNT_OF_ENROLLMENT_DATE,
        query = "select count(c) from AmountChange c where c.enrollmentId = :enrollment and c.asOf = :asOf")
public class AmountChange {

    public static final String OF_POLICY_SINCE = "AmountChange.ofPolicySince";
    public static final String COUNT_OF_ENROLLMENT_DATE = "AmountChange.countOfEnrollmentDate";

    /** Why the amount changed. */
    public enum Reason {
        /** 全额缴费: after the full-cost date the person also pays the fiscal subsidy share. */
        FULL_COST_SWITCHOVER,
        /** 集中征缴期截止: unpaid registrations move to the next window and owe its amount. */
        DEADLINE_ROLLOVER
    }

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "enrollment_id", nullable = false, updatable = false)
    private Long enrollmentId;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "policy_id", nullable = false, updatable = false)
    private String policyId;

    @Column(name = "region_code", nullable = false, updatable = false)
    private String regionCode;

    @Column(nullable = false, updatable = false)
    private int tier;

    @Column(name = "as_of", nullable = false, updatable = false)
    private LocalDate asOf;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Reason reason;

    @Column(name = "old_amount", updatable = false)
    private BigDecimal oldAmount;

    @Column(name = "new_amount", nullable = false, updatable = false)
    private BigDecimal newAmount;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private OffsetDateTime changedAt;

    @Column(name = "job_execution_id", updatable = false)
    private Long jobExecutionId;

    protected AmountChange() {
    }

    public AmountChange(Enrollment enrollment, LocalDate asOf, Reason reason, BigDecimal oldAmount, BigDecimal newAmount,
                        OffsetDateTime changedAt, Long jobExecutionId) {
        this.enrollmentId = Objects.requireNonNull(enrollment.getId());
        this.personId = enrollment.getPersonId();
        this.policyId = enrollment.getPolicyId();
        this.regionCode = enrollment.getRegionCode();
        this.tier = enrollment.getTier();
        this.asOf = Objects.requireNonNull(asOf);
        this.reason = Objects.requireNonNull(reason);
        this.oldAmount = oldAmount;
        this.newAmount = Objects.requireNonNull(newAmount);
        this.changedAt = Objects.requireNonNull(changedAt);
        this.jobExecutionId = jobExecutionId;
    }

    public Long getId() { return id; }
    public Long getEnrollmentId() { return enrollmentId; }
    public Long getPersonId() { return personId; }
    public String getPolicyId() { return policyId; }
    public String getRegionCode() { return regionCode; }
    public int getTier() { return tier; }
    public LocalDate getAsOf() { return asOf; }
    public Reason getReason() { return reason; }
    public BigDecimal getOldAmount() { return oldAmount; }
    public BigDecimal getNewAmount() { return newAmount; }
    public OffsetDateTime getChangedAt() { return changedAt; }
    public Long getJobExecutionId() { return jobExecutionId; }
}
