package cn.canbao.platform.boundary;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The widths of the text columns as the database declares them (its {@code information_schema}, after Flyway's
 * migrations), read once: what {@link FitsColumn} measures a request against. A name that is not a text column with
 * a width is a programming error and fails loudly in the server log at the first check.
 */
public final class ColumnWidths {

    static final String DATA_SOURCE = "java:jboss/datasources/CanbaoDS";

    private static volatile Map<String, Integer> widths;

    private ColumnWidths() {
    }

    /** The width of {@code table.column}. */
    public static int of(String tableDotColumn) {
        Integer width = all().get(tableDotColumn.toLowerCase(Locale.ROOT));
        if (width == null) {
            throw new IllegalStateException("no text column with a width: " + tableDotColumn);
        }
        return width;
    }

    private static Map<String, Integer> all() {
        Map<String, Integer> known = widths;
        if (known == null) {
            try {
                known = read((DataSource) new InitialContext().lookup(DATA_SOURCE));
            } catch (NamingException | SQLException e) {
                throw new IllegalStateException("column widths unreadable", e);
            }
            widths = known;
        }
        return known;
    }

    static Map<String, Integer> read(DataSource dataSource) throws SQLException {
        Map<String, Integer> read = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("select table_name, column_name, character_maximum_length"
                     + " from information_schema.columns where character_maximum_length is not null"
                     + " and lower(table_schema) not in ('information_schema', 'pg_catalog')")) {
            while (rs.next()) {
                long width = rs.getLong(3);
                if (width > 0 && width < Integer.MAX_VALUE) {
                    read.putIfAbsent((rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT), (int) width);
                }
            }
        }
        return read;
    }
}
