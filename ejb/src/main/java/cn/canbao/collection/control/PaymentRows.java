package cn.canbao.collection.control;

import cn.canbao.collection.entity.Payment;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.platform.boundary.Constraints;
import cn.canbao.platform.boundary.LostRace;
import jakarta.persistence.EntityManager;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Payments of the bulk path ({@link PaymentRecorder#recordAll}) written as one JDBC batch on the transaction's
 * connection instead of registered one by one in EclipseLink's unit of work: a thousand new payments cost more to
 * register and compute change sets for than to write (docs/benchmarks.md, issue 13). Every column of {@link Payment}
 * is written (PaymentRowsIT compares a bulk payment's row with a single one's). Payment is not in the shared cache,
 * and nothing reads these rows back in the transaction that writes them.
 */
final class PaymentRows {

    private static final String INSERT = "insert into canbao.payment (id, transaction_id, kind, reverses_id, enrollment_id,"
            + " person_id, policy_id, tier, amount, standard_amount, subsidy_code, subsidy_amount, fiscal_share_amount,"
            + " personal_amount, benefit_start, benefit_end, channel, paid_at, business_date, collector, receipt_number,"
            + " collection_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private PaymentRows() {
    }

    /** The ids of payments, from EclipseLink's pool of the payment sequence, as persist would draw them. */
    static java.util.function.LongSupplier ids(EntityManager em) {
        return ChunkJdbc.ids(em, Payment.class);
    }

    /** Writes the enrollments registered with their payments (EnrollmentRows.insert); a unique violation is a lost race. */
    static void insertEnrollments(EntityManager em, List<cn.canbao.enrollment.entity.Enrollment> enrollments) {
        try {
            cn.canbao.enrollment.boundary.EnrollmentRows.insert(em, enrollments);
        } catch (SQLException e) {
            throw lostOrFailed("enrollments not written", e);
        }
    }

    private static RuntimeException lostOrFailed(String what, SQLException e) {
        RuntimeException failed = ChunkJdbc.failed(what, e);
        if (Constraints.isUniqueViolation(failed, null) || Constraints.isTransient(failed)) {
            return new LostRace(failed);
        }
        return failed;
    }

    /**
     * Writes the payments (their enrollments must be in the database already: the caller flushes first). A unique
     * violation (a transaction id recorded meanwhile by another request) is a lost race, as at a flush.
     */
    static void insert(EntityManager em, List<Payment> payments) {
        if (payments.isEmpty()) {
            return;
        }
        try (PreparedStatement s = ChunkJdbc.connection(em).prepareStatement(INSERT)) {
            for (Payment p : payments) {
                s.setLong(1, p.getId());
                s.setString(2, p.getTransactionId());
                s.setString(3, p.getKind().name());
                setLong(s, 4, p.getReversesId());
                s.setLong(5, p.getEnrollmentId());
                s.setLong(6, p.getPersonId());
                s.setString(7, p.getPolicyId());
                s.setInt(8, p.getTier());
                s.setBigDecimal(9, p.getAmount());
                s.setBigDecimal(10, p.getStandardAmount());
                s.setString(11, p.getSubsidyCode());
                s.setBigDecimal(12, p.getSubsidyAmount());
                s.setBigDecimal(13, p.getFiscalShareAmount());
                s.setBigDecimal(14, p.getPersonalAmount());
                s.setObject(15, p.getBenefitStart());
                s.setObject(16, p.getBenefitEnd());
                s.setString(17, p.getChannel().name());
                s.setObject(18, p.getPaidAt());
                s.setObject(19, p.getBusinessDate());
                s.setString(20, p.getCollector());
                s.setString(21, p.getReceiptNumber());
                setLong(s, 22, p.getCollectionId());
                s.setObject(23, p.getCreatedAt());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw lostOrFailed("payments not written", e);
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }
}
