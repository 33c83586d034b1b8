package cn.canbao.platform.boundary;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.eclipse.persistence.jpa.JpaEntityManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Plain JDBC for the batch jobs' bulk reads and writes, on the connection of the persistence context's transaction
 * (the chunk's), so that they commit or roll back with it. Used where a chunk reads or writes a thousand rows of a
 * few columns and EclipseLink's object building, change sets or native-query translation would cost more than the
 * statement (docs/benchmarks.md, "Batch jobs"). Ids for inserted rows come from EclipseLink's preallocated sequence,
 * exactly as an entity's would.
 */
public final class ChunkJdbc {

    private ChunkJdbc() {
    }

    /** The transaction's connection (EclipseLink begins its transaction early to hand it out). */
    public static Connection connection(EntityManager em) {
        return em.unwrap(Connection.class);
    }

    /** The next id of the sequence generator of an entity class, from EclipseLink's preallocated block. */
    public static long nextId(EntityManager em, Class<?> entity) {
        return ids(em, entity).getAsLong();
    }

    /**
     * The ids of an entity class's sequence generator, for many rows of one transaction: the container's
     * transaction-scoped entity manager is unwrapped once (each unwrap checks its synchronization type against the
     * factory's properties — a tenth of the bulk payment path's time when done per row, docs/benchmarks.md).
     */
    public static java.util.function.LongSupplier ids(EntityManager em, Class<?> entity) {
        org.eclipse.persistence.sessions.Session session = em.unwrap(JpaEntityManager.class).getActiveSession();
        return () -> session.getNextSequenceNumberValue(entity).longValue();
    }

    /** {@code ?, ?, …} for an IN list of {@code n} values ({@code n} ≥ 1). */
    public static String placeholders(int n) {
        StringBuilder b = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "?" : ", ?");
        }
        return b.toString();
    }

    /** Binds the values from parameter {@code first} on; returns the next free parameter index. */
    public static int bind(PreparedStatement statement, int first, Collection<?> values) throws SQLException {
        int i = first;
        for (Object value : values) {
            statement.setObject(i++, value);
        }
        return i;
    }

    /** A JDBC failure inside a chunk, as the persistence exception that rolls the chunk back. */
    public static PersistenceException failed(String what, SQLException e) {
        return new PersistenceException(what + ": " + e.getMessage(), e);
    }
}
