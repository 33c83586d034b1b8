package cn.canbao.platform.boundary;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL's {@code COPY … FROM STDIN} on the transaction's connection (pgJDBC's {@code CopyManager}): bulk rows at
 * the database's own loading speed, several times a JDBC batch's. Used only when {@link #available} says the
 * connection is PostgreSQL's and the driver's classes are visible (module org.postgresql, an optional dependency of
 * the ejb jar in jboss-deployment-structure.xml); elsewhere (the H2 default) callers write JDBC batches. Rows are
 * written as CSV: {@link #text} quotes a value, null stays empty and unquoted (NULL in COPY's CSV format).
 */
public final class PgCopy {

    private PgCopy() {
    }

    /** Whether COPY can be used on this connection. */
    public static boolean available(Connection connection) {
        try {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return false;
            }
            Class.forName("org.postgresql.copy.CopyManager", false, PgCopy.class.getClassLoader());
            return connection.isWrapperFor(org.postgresql.core.BaseConnection.class);
        } catch (ClassNotFoundException | NoClassDefFoundError | SQLException e) {
            return false;
        }
    }

    /** {@code COPY table (columns) FROM STDIN WITH (FORMAT csv)} of the CSV lines; returns the rows copied. */
    public static long copyIn(Connection connection, String tableAndColumns, CharSequence csv) throws SQLException {
        try {
            org.postgresql.core.BaseConnection pg = connection.unwrap(org.postgresql.core.BaseConnection.class);
            return new org.postgresql.copy.CopyManager(pg).copyIn("copy " + tableAndColumns + " from stdin with (format csv)",
                    new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        }
    }

    /** A CSV field: null → empty (NULL), text → quoted with inner quotes doubled. */
    public static void text(StringBuilder line, String value) {
        if (value == null) {
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }
}
