package cn.canbao.enrollment.control;

import cn.canbao.enrollment.entity.EnrollmentStatus;
import cn.canbao.person.entity.DocumentType;
import cn.canbao.person.entity.IdNumber;
import cn.canbao.platform.control.ChunkJdbc;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the repricing and renewal jobs need of a person — what the quote engine reads (resident type, birth date, ID
 * number, identities) and the flags that end resident insurance — read with the enrollments of a page by plain JDBC
 * ({@link #COLUMNS} of {@code person p}), not as {@code Person} entities: a page of a thousand entities registered in
 * the chunk's persistence context was built, copied for change detection and compared again at every commit, for
 * data the jobs only read. {@code idNumber} is set for resident ID cards only, as {@code Person.idNumberValue()}.
 */
public record QuotedPerson(long id, ResidentType residentType, LocalDate birthDate, IdNumber idNumber,
                           LocalDate deceasedOn, boolean employeeInsured, boolean insuredElsewhere) implements Serializable {

    /** The person's columns, in the order {@link #read} expects them, for a query that names the person {@code p}. */
    public static final String COLUMNS = "p.id, p.resident_type, p.birth_date, p.document_type, p.id_number, p.deceased_on,"
            + " p.employee_insured, p.insured_elsewhere";

    /** The person from {@link #COLUMNS}, starting at column {@code first}. */
    public static QuotedPerson read(ResultSet r, int first) throws SQLException {
        boolean residentId = DocumentType.RESIDENT_ID.name().equals(r.getString(first + 3));
        return new QuotedPerson(r.getLong(first), ResidentType.valueOf(r.getString(first + 1)),
                r.getObject(first + 2, LocalDate.class), residentId ? IdNumber.of(r.getString(first + 4)) : null,
                r.getObject(first + 5, LocalDate.class), r.getBoolean(first + 6), r.getBoolean(first + 7));
    }

    /** The quote request for this person with the identities on record, as {@code PersonQuotes.request} builds it. */
    public QuoteRequest request(List<HeldIdentity> held, int tier, LocalDate date) {
        return new QuoteRequest(tier, date, residentType, birthDate, idNumber, held, Set.of());
    }

    /** Reads a row of an {@link #enrollmentPage}: the enrollment's columns, and the person already read. */
    @FunctionalInterface
    public interface EnrollmentRow<T> {
        T read(ResultSet row, QuotedPerson person) throws SQLException;
    }

    /**
     * A keyset page of the enrollments of a village in a policy with one status, after {@code afterId}, ascending by
     * id, each joined to its person: {@code enrollmentColumns} (of {@code e}, the id first) then {@link #COLUMNS}, read
     * by {@code row}. The repricing and renewal jobs' readers page this way (index (policy, region, status, id)).
     */
    public static <T> List<T> enrollmentPage(Connection connection, List<String> enrollmentColumns, String policyId,
                                             String villageCode, EnrollmentStatus status, long afterId, int max,
                                             EnrollmentRow<T> row) throws SQLException {
        List<T> page = new ArrayList<>(max);
        try (PreparedStatement select = connection.prepareStatement("select " + String.join(", ", enrollmentColumns) + ", "
                + COLUMNS + " from canbao.enrollment e join canbao.person p on p.id = e.person_id where e.policy_id = ?"
                + " and e.region_code = ? and e.status = ? and e.id > ? order by e.id limit ?")) {
            select.setString(1, policyId);
            select.setString(2, villageCode);
            select.setString(3, status.name());
            select.setLong(4, afterId);
            select.setInt(5, max);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    page.add(row.read(r, read(r, enrollmentColumns.size() + 1)));
                }
            }
        }
        return page;
    }

    /** Every identity on record of these persons, by person, ordered as {@code SubsidyIdentities.heldByPerson}, in one statement. */
    public static Map<Long, List<HeldIdentity>> held(Connection connection, Collection<Long> personIds) throws SQLException {
        Map<Long, List<HeldIdentity>> held = new HashMap<>();
        if (personIds.isEmpty()) {
            return held;
        }
        try (PreparedStatement select = connection.prepareStatement("select person_id, code, valid_from, valid_to"
                + " from canbao.subsidy_identity where person_id in (" + ChunkJdbc.placeholders(personIds.size()) + ")"
                + " order by person_id, valid_from, id")) {
            ChunkJdbc.bind(select, 1, personIds);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    held.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(new HeldIdentity(r.getString(2),
                            r.getObject(3, LocalDate.class), r.getObject(4, LocalDate.class)));
                }
            }
        }
        return held;
    }
}
