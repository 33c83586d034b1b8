package cn.canbao.person.entity;

import cn.canbao.platform.entity.IdNumber;
import cn.canbao.policy.entity.HeldIdentity;
import cn.canbao.policy.entity.QuoteRequest;
import cn.canbao.policy.entity.ResidentType;

import java.io.Serializable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What the repricing and renewal jobs need of a person — what the quote engine reads (resident type, birth date, ID
 * number, identities) and the flags that end resident insurance — read with the enrollments of a page by plain JDBC
 * ({@link #COLUMNS} of {@code person p}), not as {@code Person} entities: a page of a thousand entities registered in
 * the chunk's persistence context was built, copied for change detection and compared again at every commit, for
 * data the jobs only read. {@code idNumber} is set for resident ID cards only, as {@code Person.idNumberValue()}.
 * The one builder of a person's quote request: {@link Person#quoted()} gives the same record for an entity.
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

    /** The quote request for this person with the identities on record (the engine keeps those valid on the date). */
    public QuoteRequest request(List<HeldIdentity> held, int tier, LocalDate date) {
        return new QuoteRequest(tier, date, residentType, birthDate, idNumber, held, Set.of());
    }

}
