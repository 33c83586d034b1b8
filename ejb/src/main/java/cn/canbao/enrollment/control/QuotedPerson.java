package cn.canbao.enrollment.control;

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
