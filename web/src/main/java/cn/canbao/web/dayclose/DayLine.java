package cn.canbao.web.dayclose;

import cn.canbao.collection.boundary.DayCloses;
import cn.canbao.collection.entity.DayTotals;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One collector's day as the day-close screens show it: net count and amount by channel, cash counted, discrepancy. */
public record DayLine(String collector, String collectorName, String regionCode, LocalDate date, boolean closed,
                      int cashCount, BigDecimal cashAmount, int posCount, BigDecimal posAmount, int otherCount,
                      BigDecimal otherAmount, int totalCount, BigDecimal totalAmount, BigDecimal declaredCash,
                      BigDecimal cashDiscrepancy, String closedBy, OffsetDateTime closedAt) implements Serializable {

    public static DayLine of(DayCloses.CollectorDay d) {
        DayTotals t = d.totals();
        return new DayLine(d.collector(), d.collectorName(), d.regionCode(), d.date(), d.closed(),
                t.cash().count(), t.cash().amount(), t.pos().count(), t.pos().amount(), t.other().count(),
                t.other().amount(), t.count(), t.amount(), d.declaredCash(), d.cashDiscrepancy(), d.closedBy(), d.closedAt());
    }

    /** Counted cash differs from the recorded cash. */
    public boolean discrepant() {
        return cashDiscrepancy != null && cashDiscrepancy.signum() != 0;
    }
}
