package cn.canbao.collection.entity;

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
 * A collector's closed business day (日结): the totals frozen at closing and the cash the collector declared having
 * counted. Never updated; at most one per collector and day ({@code uq_day_close_collector_date}).
 */
@Entity
@Table(name = "day_close")
@NamedQuery(name = DayClose.OF_COLLECTOR_DAY,
        query = "select d from DayClose d where d.collector = :collector and d.businessDate = :day")
@NamedQuery(name = DayClose.OF_DAY, query = "select d from DayClose d where d.businessDate = :day order by d.collector")
public class DayClose {

    public static final String OF_COLLECTOR_DAY = "DayClose.ofCollectorDay";
    public static final String OF_DAY = "DayClose.ofDay";

    @Id
    @SequenceGenerator(name = "canbao_seq", sequenceName = "canbao_seq", allocationSize = 500)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "canbao_seq")
    private Long id;

    @Column(nullable = false, updatable = false)
    private String collector;

    @Column(name = "business_date", nullable = false, updatable = false)
    private LocalDate businessDate;

    @Column(name = "region_code", nullable = false, updatable = false)
    private String regionCode;

    @Column(name = "cash_payments", nullable = false, updatable = false)
    private int cashPayments;
    @Column(name = "cash_reversals", nullable = false, updatable = false)
    private int cashReversals;
    @Column(name = "cash_amount", nullable = false, updatable = false)
    private BigDecimal cashAmount;

    @Column(name = "pos_payments", nullable = false, updatable = false)
    private int posPayments;
    @Column(name = "pos_reversals", nullable = false, updatable = false)
    private int posReversals;
    @Column(name = "pos_amount", nullable = false, updatable = false)
    private BigDecimal posAmount;

    @Column(name = "other_payments", nullable = false, updatable = false)
    private int otherPayments;
    @Column(name = "other_reversals", nullable = false, updatable = false)
    private int otherReversals;
    @Column(name = "other_amount", nullable = false, updatable = false)
    private BigDecimal otherAmount;

    @Column(name = "declared_cash", updatable = false)
    private BigDecimal declaredCash;

    @Column(name = "closed_by", nullable = false, updatable = false)
    private String closedBy;

    @Column(name = "closed_at", nullable = false, updatable = false)
    private OffsetDateTime closedAt;

    protected DayClose() {
    }

    public DayClose(String collector, LocalDate businessDate, String regionCode, DayTotals totals, BigDecimal declaredCash,
                    String closedBy, OffsetDateTime closedAt) {
        this.collector = Objects.requireNonNull(collector);
        this.businessDate = Objects.requireNonNull(businessDate);
        this.regionCode = Objects.requireNonNull(regionCode);
        this.cashPayments = totals.cash().payments();
        this.cashReversals = totals.cash().reversals();
        this.cashAmount = totals.cash().amount();
        this.posPayments = totals.pos().payments();
        this.posReversals = totals.pos().reversals();
        this.posAmount = totals.pos().amount();
        this.otherPayments = totals.other().payments();
        this.otherReversals = totals.other().reversals();
        this.otherAmount = totals.other().amount();
        this.declaredCash = declaredCash == null ? null : declaredCash.setScale(2);
        this.closedBy = Objects.requireNonNull(closedBy);
        this.closedAt = Objects.requireNonNull(closedAt);
    }

    /** The totals as frozen at closing. */
    public DayTotals totals() {
        return new DayTotals(new DayTotals.Line(cashPayments, cashReversals, cashAmount),
                new DayTotals.Line(posPayments, posReversals, posAmount),
                new DayTotals.Line(otherPayments, otherReversals, otherAmount));
    }

    /** Declared minus recorded cash (positive: more cash in the drawer than recorded); null when nothing was declared. */
    public BigDecimal cashDiscrepancy() {
        return declaredCash == null ? null : declaredCash.subtract(cashAmount).setScale(2);
    }

    public Long getId() { return id; }
    public String getCollector() { return collector; }
    public LocalDate getBusinessDate() { return businessDate; }
    public String getRegionCode() { return regionCode; }
    public BigDecimal getDeclaredCash() { return declaredCash; }
    public String getClosedBy() { return closedBy; }
    public OffsetDateTime getClosedAt() { return closedAt; }
}
