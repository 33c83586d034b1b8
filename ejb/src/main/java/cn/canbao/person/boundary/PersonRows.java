package cn.canbao.person.boundary;

import cn.canbao.person.entity.DocumentType;
import cn.canbao.platform.boundary.ChunkJdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Persons read by plain JDBC on a batch chunk's connection, many in one statement, as the jobs that check file rows
 * against the record need them (the roster import). Not entities: the chunk only reads them.
 */
public final class PersonRows {

    private PersonRows() {
    }

    /** A resident on record as a file row is checked against it. */
    public record Resident(long id, String name, String householdRegionCode) {
    }

    /** The persons with these resident ID numbers, by number, in one statement. */
    public static Map<String, Resident> residents(Connection connection, Set<String> numbers) throws SQLException {
        Map<String, Resident> found = new HashMap<>();
        if (numbers.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement("select id, id_number, name, household_region_code"
                + " from canbao.person where document_type = ? and id_number in (" + ChunkJdbc.placeholders(numbers.size()) + ")")) {
            select.setString(1, DocumentType.RESIDENT_ID.name());
            ChunkJdbc.bind(select, 2, numbers);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(2), new Resident(r.getLong(1), r.getString(3), r.getString(4)));
                }
            }
        }
        return found;
    }
}
