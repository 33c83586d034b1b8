package cn.canbao.collection.control;

import cn.canbao.collection.entity.Channel;
import cn.canbao.collection.entity.DayClose;
import cn.canbao.collection.entity.DayTotals;
import cn.canbao.collection.entity.Payment;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.entity.AppUser;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A collector's business days: what they recorded (rows of {@code payment} with them as collector and that business
 * date) and whether the day is closed. Runs in the caller's transaction; rights are checked at the boundaries.
 *
 * <p>Closing and recording are serialised per collector on their {@code app_user} row (SELECT ... FOR UPDATE): a
 * payment that checked "open" cannot commit after a close that did not count it.
 */
@Stateless
@PermitAll
public class CollectorDays {

    @PersistenceContext
    EntityManager em;

    /** The collector's rows of that day, netted by channel group. */
    public DayTotals recorded(String collector, LocalDate day) {
        List<Object[]> rows = em.createQuery("select p.channel, p.kind, count(p), sum(p.amount) from Payment p"
                        + " where p.collector = :collector and p.businessDate = :day group by p.channel, p.kind", Object[].class)
                .setParameter("collector", collector).setParameter("day", day).getResultList();
        DayTotals totals = DayTotals.NONE;
        for (Object[] row : rows) {
            totals = totals.plus((Channel) row[0], (Payment.Kind) row[1], ((Number) row[2]).intValue(), (BigDecimal) row[3]);
        }
        return totals;
    }

    public Optional<DayClose> closed(String collector, LocalDate day) {
        return em.createNamedQuery(DayClose.OF_COLLECTOR_DAY, DayClose.class).setParameter("collector", collector)
                .setParameter("day", day).getResultStream().findFirst();
    }

    /** Locks the collector's user row until the transaction ends; to be called before anything is counted or written. */
    public void lockCollector(String collector) {
        em.find(AppUser.class, collector, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Refuses (422 DAY_CLOSED) a row for {@code collector} dated into a day they have closed; locks their user row. */
    public void requireOpen(String collector, LocalDate day) {
        if (collector == null) {
            return;
        }
        lockCollector(collector);
        if (closed(collector, day).isPresent()) {
            throw new ProblemException(ProblemException.Kind.UNPROCESSABLE, "DAY_CLOSED",
                    "收款人 " + collector + " 的 " + day + " 已日结，不能再录入该日的缴费或冲正",
                    "collector " + collector + " has closed " + day + "; nothing more can be recorded into that day",
                    List.of(new FieldError("paidAt", "该日已日结 / day closed")));
        }
    }
}
