package cn.canbao.enrollment.boundary;

import java.util.Set;
import java.util.HashSet;
import java.util.Collection;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.sql.Types;
import java.math.BigDecimal;
import jakarta.persistence.EntityManager;
import cn.canbao.platform.boundary.ChunkJdbc;
import cn.canbao.enrollment.entity.NonEnrollmentReason;
import cn.canbao.enrollment.entity.Enrollment;
import cn.canbao.enrollment.entity.AmountChange;
import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.entity.QuotedPerson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Enrollments, amount changes and non-enrollment reasons read and written in bulk by plain JDBC on a batch chunk's
 * connection (the chunk's transaction): the campaign's repricing and renewal jobs page, reprice and register this way
 * (docs/decisions.md, plain JDBC in batch chunks). Ids come from EclipseLink's preallocated sequence, as the entities'
 * would; a version starts at 1, as EclipseLink starts it.
 */
public final class EnrollmentRows {

    private EnrollmentRows() {
    }

    /** Reads a row of an {@link #enrollmentPage}: the enrollment's columns, and the person already read. */
    @FunctionalInterface
    public interface EnrollmentRow<T> {
        T read(ResultSet row, QuotedPerson person) throws SQLException;
    }

    /**
     * A keyset page of the enrollments of a village in a policy with one status, after {@code afterId}, ascending by
     * id, each joined to its person: {@code enrollmentColumns} (of {@code e}, the id first) then {@link QuotedPerson#COLUMNS}, read
     * by {@code row}. The repricing and renewal jobs' readers page this way (index (policy, region, status, id)).
     */
    public static <T> List<T> enrollmentPage(Connection connection, List<String> enrollmentColumns, String policyId,
                                             String villageCode, EnrollmentStatus status, long afterId, int max,
                                             EnrollmentRow<T> row) throws SQLException {
        List<T> page = new ArrayList<>(max);
        try (PreparedStatement select = connection.prepareStatement("select " + String.join(", ", enrollmentColumns) + ", "
                + QuotedPerson.COLUMNS + " from canbao.enrollment e join canbao.person p on p.id = e.person_id where e.policy_id = ?"
                + " and e.region_code = ? and e.status = ? and e.id > ? order by e.id limit ?")) {
            select.setString(1, policyId);
            select.setString(2, villageCode);
            select.setString(3, status.name());
            select.setLong(4, afterId);
            select.setInt(5, max);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    page.add(row.read(r, QuotedPerson.read(r, enrollmentColumns.size() + 1)));
                }
            }
        }
        return page;
    }


    /** Of these persons, those with an enrollment in {@code insuranceYear}. */
    public static Set<Long> enrolledIn(Connection connection, int insuranceYear, List<Long> personIds) throws SQLException {
        Set<Long> enrolled = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("select person_id from canbao.enrollment where"
                + " insurance_year = ? and person_id in (" + ChunkJdbc.placeholders(personIds.size()) + ")")) {
            select.setInt(1, insuranceYear);
            ChunkJdbc.bind(select, 2, personIds);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    enrolled.add(r.getLong(1));
                }
            }
        }
        return enrolled;
    }

    /** Of these persons, "personId/insuranceYear" for each recorded non-enrollment with one of {@code reasons} in those years. */
    public static Set<String> notEnrolling(Connection connection, Collection<NonEnrollmentReason> reasons,
                                           Collection<Integer> years, List<Long> personIds) throws SQLException {
        Set<String> left = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("select person_id, insurance_year from canbao.non_enrollment"
                + " where reason in (" + ChunkJdbc.placeholders(reasons.size()) + ") and insurance_year in ("
                + ChunkJdbc.placeholders(years.size()) + ") and person_id in (" + ChunkJdbc.placeholders(personIds.size()) + ")")) {
            int next = ChunkJdbc.bind(select, 1, reasons.stream().map(Enum::name).toList());
            next = ChunkJdbc.bind(select, next, years);
            ChunkJdbc.bind(select, next, personIds);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    left.add(r.getLong(1) + "/" + r.getInt(2));
                }
            }
        }
        return left;
    }

    /** A registration to write in bulk (status REGISTERED). */
    public record Registration(long personId, String policyId, int insuranceYear, int tier, String regionCode,
                               BigDecimal amountDue, OffsetDateTime registeredAt, String registeredBy) {
    }

    /**
     * Registers in one JDBC batch; each insert carries its own condition (no enrollment of the person for the year yet,
     * a probe of {@code uq_enrollment_person_year}), so a person registered meanwhile is skipped by the statement that
     * would register them, and the constraint still stops a concurrent insert. Returns how many were registered.
     */
    public static int register(EntityManager em, Collection<Registration> registrations) throws SQLException {
        int registered = 0;
        try (PreparedStatement insert = ChunkJdbc.connection(em).prepareStatement("insert into canbao.enrollment (id, person_id,"
                + " policy_id, insurance_year, tier, status, region_code, amount_due, registered_at, registered_by, version)"
                + " select ?, ?, ?, ?, ?, 'REGISTERED', ?, ?, ?, ?, 1 where not exists (select 1 from canbao.enrollment x"
                + " where x.person_id = ? and x.insurance_year = ?)")) {
            java.util.function.LongSupplier ids = ChunkJdbc.ids(em, Enrollment.class);
            for (Registration r : registrations) {
                insert.setLong(1, ids.getAsLong());
                insert.setLong(2, r.personId());
                insert.setString(3, r.policyId());
                insert.setInt(4, r.insuranceYear());
                insert.setInt(5, r.tier());
                insert.setString(6, r.regionCode());
                insert.setBigDecimal(7, r.amountDue());
                insert.setObject(8, r.registeredAt());
                insert.setString(9, r.registeredBy());
                insert.setLong(10, r.personId());
                insert.setInt(11, r.insuranceYear());
                insert.addBatch();
            }
            for (int count : insert.executeBatch()) {
                registered += count > 0 ? 1 : 0;
            }
        }
        return registered;
    }

    /**
     * Writes new enrollments, identified by {@link Enrollment#identified}, as one JDBC batch on the transaction's
     * connection: every column, as EclipseLink would insert them. A unique violation (the person registered meanwhile)
     * surfaces as the batch's {@link SQLException}, for the caller to treat as a lost race.
     */
    public static void insert(EntityManager em, List<Enrollment> enrollments) throws SQLException {
        if (enrollments.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = ChunkJdbc.connection(em).prepareStatement("insert into canbao.enrollment (id, person_id,"
                + " policy_id, insurance_year, tier, status, region_code, amount_due, registered_at, registered_by,"
                + " benefit_start, benefit_end, paid_on, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Enrollment e : enrollments) {
                insert.setLong(1, e.getId());
                insert.setLong(2, e.getPersonId());
                insert.setString(3, e.getPolicyId());
                insert.setInt(4, e.getInsuranceYear());
                insert.setInt(5, e.getTier());
                insert.setString(6, e.getStatus().name());
                insert.setString(7, e.getRegionCode());
                insert.setBigDecimal(8, e.getAmountDue());
                insert.setObject(9, e.getRegisteredAt());
                insert.setString(10, e.getRegisteredBy());
                insert.setObject(11, e.getBenefitStart(), Types.DATE);
                insert.setObject(12, e.getBenefitEnd(), Types.DATE);
                insert.setObject(13, e.getPaidOn(), Types.DATE);
                insert.setLong(14, e.getVersion());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A new amount due for a registered enrollment: the update's condition and the amount-change line's values. */
    public interface Repriced {
        Long enrollmentId();

        Long personId();

        String regionCode();

        int tier();

        BigDecimal oldAmount();

        BigDecimal newAmount();
    }

    /**
     * Reprices in the caller's transaction as two JDBC batches: a conditional update per enrollment (still unpaid and
     * still owing the old amount — the row lock comes with the update, and PostgreSQL re-checks the condition after
     * waiting for a concurrent payment), in the order given (callers pass id order, so that two jobs cannot deadlock);
     * then the amount-change lines of exactly the updates that took effect. Every statement is a primary-key probe of
     * {@code enrollment} or an insert. Returns the changes applied.
     */
    public static <R extends Repriced> List<R> reprice(EntityManager em, List<R> ordered, String policyId, LocalDate asOf,
                                                       AmountChange.Reason reason, OffsetDateTime changedAt,
                                                       Long jobExecutionId) throws SQLException {
        Connection connection = ChunkJdbc.connection(em);
        List<R> applied = new ArrayList<>(ordered.size());
        try (PreparedStatement update = connection.prepareStatement("update canbao.enrollment"
                + " set amount_due = ?, version = version + 1 where id = ? and status = 'REGISTERED'"
                + " and amount_due is not distinct from ?")) {
            for (Repriced c : ordered) {
                update.setBigDecimal(1, c.newAmount());
                update.setLong(2, c.enrollmentId());
                update.setBigDecimal(3, c.oldAmount());
                update.addBatch();
            }
            int[] counts = update.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    applied.add(ordered.get(i));
                }
            }
        }
        if (applied.isEmpty()) {
            return applied;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into canbao.amount_change (id,"
                + " enrollment_id, person_id, policy_id, region_code, tier, as_of, reason, old_amount, new_amount,"
                + " changed_at, job_execution_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            java.util.function.LongSupplier ids = ChunkJdbc.ids(em, AmountChange.class);
            for (Repriced c : applied) {
                insert.setLong(1, ids.getAsLong());
                insert.setLong(2, c.enrollmentId());
                insert.setLong(3, c.personId());
                insert.setString(4, policyId);
                insert.setString(5, c.regionCode());
                insert.setInt(6, c.tier());
                insert.setObject(7, asOf);
                insert.setString(8, reason.name());
                insert.setBigDecimal(9, c.oldAmount());
                insert.setBigDecimal(10, c.newAmount());
                insert.setObject(11, changedAt);
                if (jobExecutionId == null) {
                    insert.setNull(12, Types.BIGINT);
                } else {
                    insert.setLong(12, jobExecutionId);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // tax charges the new amount: the feed to tax (taxchannel) shows each change
        cn.canbao.platform.boundary.ChangeFeed.recordAll(connection, policyId, applied.stream().map(Repriced::personId).toList(),
                applied.stream().map(c -> c.newAmount() == null ? "[]" : "[{\"tier\":" + c.tier() + ",\"amount\":" + c.newAmount() + "}]").toList(),
                cn.canbao.platform.boundary.ChangeFeed.Change.AMOUNT, changedAt);
        return applied;
    }
}
