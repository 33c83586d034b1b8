package cn.canbao.refund.entity;

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

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A refund of a contribution: REQUESTED → APPROVED (district bureau) → EXECUTED (tax bureau), or REJECTED.
 * {@code eligible}: requested before cover starts for death or duplicate payment; anything else needs the
 * reviewer's override reason.
 */
@Entity
@Table(name = "refund")
@NamedQuery(name = Refund.OPEN_OF_ENROLLMENT,
        query = "select r from Refund r where r.enrollmentId = :enrollment and r.status in :open")
public class Refund {

    public static final String OPEN_OF_ENROLLMENT = "Refund.openOfEnrollment";

    public enum Reason { DEATH, DUPLICATE_PAYMENT, OTHER }

    public enum Status { REQUESTED, APPROVED, REJECTED, EXECUTED }

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "enrollment_id", nullable = false, updatable = false)
    private Long enrollmentId;

    @Column(name = "payment_id", nullable = false, updatable = false)
    private Long paymentId;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "policy_id", nullable = false, updatable = false)
    private String policyId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Reason reason;

    @Column(updatable = false)
    private String note;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(nullable = false, updatable = false)
    private boolean eligible;

    @Column(name = "requested_by", nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Column(name = "reviewed_at")
    private OffsetDateTime reviewedAt;

    @Column(name = "review_note")
    private String reviewNote;

    @Column(name = "override_reason")
    private String overrideReason;

    @Column(name = "executed_by")
    private String executedBy;

    @Column(name = "executed_at")
    private OffsetDateTime executedAt;

    @Column(name = "reversal_payment_id")
    private Long reversalPaymentId;

    /** Who receives the money; null: the resident. */
    @Column(name = "payee_name", updatable = false)
    private String payeeName;

    /** The bank account (or card) the money goes to; null: as the original payment came (the channel's own refund). */
    @Column(name = "payee_account", updatable = false)
    private String payeeAccount;

    @Version
    private long version;

    protected Refund() {
    }

    public Refund(Long enrollmentId, Long paymentId, Long personId, String policyId, Reason reason, String note,
                  boolean eligible, String requestedBy, OffsetDateTime requestedAt) {
        this.enrollmentId = Objects.requireNonNull(enrollmentId);
        this.paymentId = Objects.requireNonNull(paymentId);
        this.personId = Objects.requireNonNull(personId);
        this.policyId = Objects.requireNonNull(policyId);
        this.reason = Objects.requireNonNull(reason);
        this.note = note;
        this.eligible = eligible;
        this.status = Status.REQUESTED;
        this.requestedBy = Objects.requireNonNull(requestedBy);
        this.requestedAt = Objects.requireNonNull(requestedAt);
    }

    /** Approves; a refund outside the rules (after cover started, or another reason) needs an override reason. */
    public void approve(String by, OffsetDateTime at, String note, String override) {
        requireStatus(Status.REQUESTED);
        if (!eligible && (override == null || override.isBlank())) {
            throw new IllegalStateException("override reason required");
        }
        this.status = Status.APPROVED;
        this.reviewedBy = by;
        this.reviewedAt = at;
        this.reviewNote = note;
        this.overrideReason = override == null || override.isBlank() ? null : override.trim();
    }

    public void reject(String by, OffsetDateTime at, String note) {
        requireStatus(Status.REQUESTED);
        this.status = Status.REJECTED;
        this.reviewedBy = by;
        this.reviewedAt = at;
        this.reviewNote = note;
    }

    public void executed(String by, OffsetDateTime at, Long reversalPaymentId) {
        requireStatus(Status.APPROVED);
        this.status = Status.EXECUTED;
        this.executedBy = by;
        this.executedAt = at;
        this.reversalPaymentId = Objects.requireNonNull(reversalPaymentId);
    }

    private void requireStatus(Status expected) {
        if (status != expected) {
            throw new IllegalStateException("refund is " + status + ", expected " + expected);
        }
    }

    public Long getId() { return id; }
    public Long getEnrollmentId() { return enrollmentId; }
    public Long getPaymentId() { return paymentId; }
    public Long getPersonId() { return personId; }
    public String getPolicyId() { return policyId; }
    public Reason getReason() { return reason; }
    public String getNote() { return note; }
    public Status getStatus() { return status; }
    public boolean isEligible() { return eligible; }
    public String getRequestedBy() { return requestedBy; }
    public OffsetDateTime getRequestedAt() { return requestedAt; }
    public String getReviewedBy() { return reviewedBy; }
    public OffsetDateTime getReviewedAt() { return reviewedAt; }
    public String getReviewNote() { return reviewNote; }
    public String getOverrideReason() { return overrideReason; }
    public String getExecutedBy() { return executedBy; }
    public OffsetDateTime getExecutedAt() { return executedAt; }
    public Long getReversalPaymentId() { return reversalPaymentId; }

    /** The payee of a request not yet stored: someone other than the resident, and/or an account to pay into. */
    public Refund payTo(String name, String account) {
        if (id != null) {
            throw new IllegalStateException("the payee is given with the request");
        }
        this.payeeName = name == null || name.isBlank() ? null : name.trim();
        this.payeeAccount = account == null || account.isBlank() ? null : account.replace(" ", "");
        return this;
    }

    public String getPayeeName() { return payeeName; }
    public String getPayeeAccount() { return payeeAccount; }

    /** The account as lists show it: its last four digits. */
    public String maskedPayeeAccount() {
        return payeeAccount == null ? null : payeeAccount.length() <= 4 ? payeeAccount : "****" + payeeAccount.substring(payeeAccount.length() - 4);
    }
}
