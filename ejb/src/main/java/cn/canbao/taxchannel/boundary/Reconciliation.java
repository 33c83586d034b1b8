package cn.canbao.taxchannel.boundary;

import cn.canbao.platform.boundary.Callers;
import cn.canbao.platform.boundary.NativeValues;
import cn.canbao.platform.boundary.ProblemException;
import cn.canbao.platform.boundary.ProblemException.FieldError;
import cn.canbao.platform.boundary.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciliation with the tax side (DOMAIN.md §7): per day, channel and tax office, what the tax bureau's collection
 * files say was collected against what Canbao recorded, both ways — a file's line whose money Canbao has no payment
 * for (the line's problem says why), and a payment by a tax channel that no file has reported. A transaction sent in
 * several files counts once (its first file); a line repeating a transaction id within a file not at all.
 */
@Stateless
@RolesAllowed({Roles.TAX, Roles.DISTRICT_ADMIN})
public class Reconciliation {

    /** Longest period reconciled at once. */
    public static final int MAX_DAYS = 92;
    /** Most differences listed per direction (their totals are always complete). */
    public static final int MAX_DIFFERENCES = 500;

    /** One day, channel and tax office: the tax side's count and amount, Canbao's for the same transactions. */
    public record Row(LocalDate day, String channel, String taxOffice, long taxCount, BigDecimal taxAmount,
                      long recordedCount, BigDecimal recordedAmount) {

        public BigDecimal difference() {
            return taxAmount.subtract(recordedAmount);
        }

        public boolean balanced() {
            return taxCount == recordedCount && difference().signum() == 0;
        }
    }

    /** A difference: a file's line without a payment ({@code code} why), or a payment without a line. */
    public record Difference(LocalDate day, String channel, String taxOffice, String transactionId, String idNumber,
                             BigDecimal amount, String code, String detail) {
    }

    public record Report(LocalDate from, LocalDate to, List<Row> rows, long taxCount, BigDecimal taxAmount,
                         long recordedCount, BigDecimal recordedAmount, List<Difference> notRecorded, long notRecordedTotal,
                         List<Difference> notInFiles, long notInFilesTotal) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Callers callers;

    /** The tax files' lines, each transaction once (its first file, no line repeating it in the same file), of the caller's area. */
    private static final String LINES = "select l.transaction_id, l.paid_on, l.channel, l.tax_office, l.amount, l.code, l.detail,"
            + " l.id_number from canbao.collection_line l join canbao.collection_file f on f.id = l.collection_id"
            + " where f.region_code like ?1 and l.paid_on between ?2 and ?3 and l.transaction_id is not null"
            + " and (l.code is null or l.code <> 'DUPLICATE_LINE')"
            + " and l.collection_id = (select min(m.collection_id) from canbao.collection_line m where m.transaction_id = l.transaction_id"
            + " and (m.code is null or m.code <> 'DUPLICATE_LINE'))";

    public Report report(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.badRequest("INVALID_PERIOD", "期间须为 " + MAX_DAYS + " 天以内的 from..to",
                    "the period must be from..to of at most " + MAX_DAYS + " days", List.of(new FieldError("to", "from..to")));
        }
        String area = callers.current().getRegionCode() + "%";
        Map<String, Row> rows = new LinkedHashMap<>();
        // the tax side, with the payment recorded under each line's transaction id (a payment or a duplicate, not a reversal)
        for (Object o : em.createNativeQuery("select t.paid_on, t.channel, t.tax_office, count(*), coalesce(sum(t.amount), 0),"
                        + " count(p.id), coalesce(sum(p.amount), 0) from (" + LINES + ") t"
                        + " left join canbao.payment p on p.transaction_id = t.transaction_id and p.kind <> 'REVERSAL'"
                        + " group by t.paid_on, t.channel, t.tax_office order by t.paid_on, t.channel, t.tax_office")
                .setParameter(1, area).setParameter(2, from).setParameter(3, to).getResultList()) {
            Object[] r = (Object[]) o;
            Row row = new Row(NativeValues.localDate(r[0]), (String) r[1], (String) r[2], ((Number) r[3]).longValue(), money(r[4]),
                    ((Number) r[5]).longValue(), money(r[6]));
            rows.put(row.day() + "|" + row.channel() + "|" + row.taxOffice(), row);
        }
        // Canbao's payments by a tax channel that no file reported, per day, channel and collector
        String unreported = " from canbao.payment p join canbao.person x on x.id = p.person_id"
                + " where x.household_region_code like ?1 and p.business_date between ?2 and ?3 and p.kind <> 'REVERSAL'"
                + " and p.channel in ('WECHAT', 'ALIPAY', 'UNIONPAY', 'YUKUAIBAN', 'BANK_APP', 'E_TAX')"
                + " and not exists (select 1 from canbao.collection_line l where l.transaction_id = p.transaction_id)";
        for (Object o : em.createNativeQuery("select p.business_date, p.channel, p.collector, count(*), coalesce(sum(p.amount), 0)"
                        + unreported + " group by p.business_date, p.channel, p.collector")
                .setParameter(1, area).setParameter(2, from).setParameter(3, to).getResultList()) {
            Object[] r = (Object[]) o;
            String key = NativeValues.localDate(r[0]) + "|" + r[1] + "|" + r[2];
            Row known = rows.get(key);
            long n = ((Number) r[3]).longValue();
            BigDecimal amount = money(r[4]);
            rows.put(key, known == null
                    ? new Row(NativeValues.localDate(r[0]), (String) r[1], (String) r[2], 0, BigDecimal.ZERO.setScale(2), n, amount)
                    : new Row(known.day(), known.channel(), known.taxOffice(), known.taxCount(), known.taxAmount(),
                    known.recordedCount() + n, known.recordedAmount().add(amount)));
        }
        List<Row> sorted = new ArrayList<>(rows.values());
        sorted.sort(java.util.Comparator.comparing(Row::day).thenComparing(Row::channel)
                .thenComparing(r -> r.taxOffice() == null ? "" : r.taxOffice()));

        List<Difference> notRecorded = new ArrayList<>();
        String missing = " from (" + LINES + ") t where not exists (select 1 from canbao.payment p where p.transaction_id = t.transaction_id"
                + " and p.kind <> 'REVERSAL')";
        for (Object o : em.createNativeQuery("select t.paid_on, t.channel, t.tax_office, t.transaction_id, t.id_number, t.amount,"
                        + " t.code, t.detail" + missing + " order by t.paid_on, t.transaction_id")
                .setParameter(1, area).setParameter(2, from).setParameter(3, to).setMaxResults(MAX_DIFFERENCES).getResultList()) {
            Object[] r = (Object[]) o;
            notRecorded.add(new Difference(NativeValues.localDate(r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    r[5] == null ? null : money(r[5]), (String) r[6], (String) r[7]));
        }
        long notRecordedTotal = count("select count(*)" + missing, area, from, to);
        List<Difference> notInFiles = new ArrayList<>();
        for (Object o : em.createNativeQuery("select p.business_date, p.channel, p.collector, p.transaction_id, x.id_number, p.amount"
                        + unreported + " order by p.business_date, p.transaction_id")
                .setParameter(1, area).setParameter(2, from).setParameter(3, to).setMaxResults(MAX_DIFFERENCES).getResultList()) {
            Object[] r = (Object[]) o;
            notInFiles.add(new Difference(NativeValues.localDate(r[0]), (String) r[1], (String) r[2], (String) r[3],
                    cn.canbao.platform.entity.IdNumber.mask((String) r[4]), money(r[5]),
                    "NOT_IN_TAX_FILES", null));
        }
        long notInFilesTotal = count("select count(*)" + unreported, area, from, to);
        long taxCount = sorted.stream().mapToLong(Row::taxCount).sum();
        long recordedCount = sorted.stream().mapToLong(Row::recordedCount).sum();
        return new Report(from, to, sorted, taxCount, sorted.stream().map(Row::taxAmount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add),
                recordedCount, sorted.stream().map(Row::recordedAmount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add),
                notRecorded, notRecordedTotal, notInFiles, notInFilesTotal);
    }

    private long count(String sql, String area, LocalDate from, LocalDate to) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, area).setParameter(2, from).setParameter(3, to)
                .getSingleResult()).longValue();
    }

    private static BigDecimal money(Object o) {
        return new BigDecimal(o.toString()).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
