package cn.canbao.collection.entity;

import cn.canbao.policy.entity.Quote;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * Money received for an enrollment, with the split frozen at payment (就高不就低 applied once, never redone). Rows
 * are only ever added: a correction is a REVERSAL row pointing at the original, with the amounts negated.
 */
@Entity
@Table(name = "payment")
@org.eclipse.persistence.annotations.Customizer(PaymentCommitOrder.class)
@NamedQuery(name = Payment.BY_TRANSACTION, query = "select p from Payment p where p.transactionId = :tx")
@NamedQuery(name = Payment.OF_COLLECTOR_DAY,
        query = "select p from Payment p where p.collector = :collector and p.businessDate = :day order by p.id")
@NamedQuery(name = Payment.OF_PERSON, query = "select p from Payment p where p.personId = :person order by p.id desc")
@NamedQuery(name = Payment.REVERSAL_OF, query = "select p from Payment p where p.reversesId = :original")
public class Payment {

    public static final String BY_TRANSACTION = "Payment.byTransaction";
    public static final String OF_COLLECTOR_DAY = "Payment.ofCollectorDay";
    public static final String OF_PERSON = "Payment.ofPerson";
    public static final String REVERSAL_OF = "Payment.reversalOf";

    public enum Kind {
        PAYMENT,
        REVERSAL,
        /** Money for a year already paid (a tax channel's second payment): kept apart and refunded, never standing. */
        DUPLICATE
    }

    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(name = "transaction_id", nullable = false, updatable = false)
    private String transactionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Kind kind;

    @Column(name = "reverses_id", updatable = false)
    private Long reversesId;

    @Column(name = "enrollment_id", nullable = false, updatable = false)
    private Long enrollmentId;

    @Column(name = "person_id", nullable = false, updatable = false)
    private Long personId;

    @Column(name = "policy_id", nullable = false, updatable = false)
    private String policyId;

    @Column(nullable = false, updatable = false)
    private int tier;

    @Column(nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "standard_amount", nullable = false, updatable = false)
    private BigDecimal standardAmount;

    @Column(name = "subsidy_code", updatable = false)
    private String subsidyCode;

    @Column(name = "subsidy_amount", nullable = false, updatable = false)
    private BigDecimal subsidyAmount;

    @Column(name = "fiscal_share_amount", nullable = false, updatable = false)
    private BigDecimal fiscalShareAmount;

    @Column(name = "personal_amount", nullable = false, updatable = false)
    private BigDecimal personalAmount;

    @Column(name = "benefit_start", nullable = false, updatable = false)
    private LocalDate benefitStart;

    @Column(name = "benefit_end", nullable = false, updatable = false)
    private LocalDate benefitEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Channel channel;

    @Column(name = "paid_at", nullable = false, updatable = false)
    private OffsetDateTime paidAt;

    @Column(name = "business_date", nullable = false, updatable = false)
    private LocalDate businessDate;

    @Column(updatable = false)
    private String collector;

    @Column(name = "receipt_number")
    private String receiptNumber;

    /** The tax collection file this payment came in with, if any. */
    @Column(name = "collection_id", updatable = false)
    private Long collectionId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected Payment() {
    }

    /** A payment with the split of {@code quote}, which must be the quote for {@code businessDate}. */
    public static Payment of(String transactionId, Long enrollmentId, Long personId, Quote quote, BigDecimal amount,
                             Channel channel, OffsetDateTime paidAt, LocalDate businessDate, String collector,
                             OffsetDateTime createdAt) {
        if (amount.compareTo(quote.personalAmount()) != 0) {
            throw new IllegalArgumentException("amount " + amount + " differs from the amount due " + quote.personalAmount());
        }
        Payment p = new Payment();
        p.transactionId = Objects.requireNonNull(transactionId);
        p.kind = Kind.PAYMENT;
        p.enrollmentId = Objects.requireNonNull(enrollmentId);
        p.personId = Objects.requireNonNull(personId);
        p.policyId = quote.policyId();
        p.tier = quote.tier();
        p.amount = quote.personalAmount();
        p.standardAmount = quote.standardAmount();
        p.subsidyCode = quote.subsidyCode();
        p.subsidyAmount = quote.subsidyAmount();
        p.fiscalShareAmount = quote.fiscalShareAmount();
        p.personalAmount = quote.personalAmount();
        p.benefitStart = quote.benefitStart();
        p.benefitEnd = quote.benefitEnd();
        p.channel = Objects.requireNonNull(channel);
        p.paidAt = Objects.requireNonNull(paidAt);
        p.businessDate = Objects.requireNonNull(businessDate);
        p.collector = collector;
        p.createdAt = Objects.requireNonNull(createdAt);
        return p;
    }

    /**
     * The id of a payment written with JDBC instead of persisted (the bulk path, {@code PaymentRows}): drawn by the
     * caller from EclipseLink's pool of the same sequence, exactly as persist would draw it.
     */
    public Payment identified(long id) {
        if (this.id != null) {
            throw new IllegalStateException("payment already has id " + this.id);
        }
        this.id = id;
        return this;
    }

    /** A payment that came in with a tax collection file. */
    public Payment fromCollection(Long collectionId) {
        this.collectionId = collectionId;
        return this;
    }

    /** The same money as a {@link Kind#DUPLICATE}: a second payment for a year already paid, to be refunded. */
    public Payment asDuplicate() {
        if (id != null) {
            throw new IllegalStateException("only a new payment can be recorded as a duplicate");
        }
        kind = Kind.DUPLICATE;
        return this;
    }

    /**
     * The row that cancels this payment: same split negated, linked to it, on the day of the correction, counted for
     * {@code collector} (whose day it nets; who decided the correction is in the audit log).
     */
    public Payment reversal(String transactionId, OffsetDateTime at, LocalDate businessDate, String collector) {
        if (kind == Kind.REVERSAL) {
            throw new IllegalStateException("a reversal cannot be reversed");
        }
        Payment r = new Payment();
        r.transactionId = Objects.requireNonNull(transactionId);
        r.kind = Kind.REVERSAL;
        r.reversesId = Objects.requireNonNull(id);
        r.enrollmentId = enrollmentId;
        r.personId = personId;
        r.policyId = policyId;
        r.tier = tier;
        r.amount = amount.negate();
        r.standardAmount = standardAmount.negate();
        r.subsidyCode = subsidyCode;
        r.subsidyAmount = subsidyAmount.negate();
        r.fiscalShareAmount = fiscalShareAmount.negate();
        r.personalAmount = personalAmount.negate();
        r.benefitStart = benefitStart;
        r.benefitEnd = benefitEnd;
        r.channel = channel;
        r.paidAt = at;
        r.businessDate = businessDate;
        r.collector = collector;
        r.createdAt = at;
        return r;
    }

    /**
     * The receipt number {@code <collector's region>-<yyyyMMdd>-<payment id>}: unique because the id is, readable at
     * the counter, and issued once the id is known (after persist).
     */
    public void issueReceipt(String regionCode) {
        if (receiptNumber != null) {
            throw new IllegalStateException("receipt already issued: " + receiptNumber);
        }
        this.receiptNumber = regionCode + "-" + businessDate.format(RECEIPT_DATE) + "-" + Objects.requireNonNull(id, "persist first");
    }

    /** Whether a repeated submission with this transaction id describes the same payment. */
    public boolean sameAs(Long personId, String policyId) {
        return this.personId.equals(personId) && this.policyId.equals(policyId);
    }

    public Long getId() { return id; }
    public String getTransactionId() { return transactionId; }
    public Kind getKind() { return kind; }
    public Long getReversesId() { return reversesId; }
    public Long getEnrollmentId() { return enrollmentId; }
    public Long getPersonId() { return personId; }
    public String getPolicyId() { return policyId; }
    public int getTier() { return tier; }
    public BigDecimal getAmount() { return amount; }
    public BigDecimal getStandardAmount() { return standardAmount; }
    public String getSubsidyCode() { return subsidyCode; }
    public BigDecimal getSubsidyAmount() { return subsidyAmount; }
    public BigDecimal getFiscalShareAmount() { return fiscalShareAmount; }
    public BigDecimal getPersonalAmount() { return personalAmount; }
    public LocalDate getBenefitStart() { return benefitStart; }
    public LocalDate getBenefitEnd() { return benefitEnd; }
    public Channel getChannel() { return channel; }
    public OffsetDateTime getPaidAt() { return paidAt; }
    public LocalDate getBusinessDate() { return businessDate; }
    public String getCollector() { return collector; }

    public Long getCollectionId() { return collectionId; }
    public String getReceiptNumber() { return receiptNumber; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
}
