package cn.canbao.platform.boundary;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Recognises, across PostgreSQL and H2, the database refusals that concurrent requests cause: a unique constraint
 * (SQLState 23505 on both) and lock timeouts / serialization failures. Concurrency is decided by the database, and
 * these tell the caller to look again rather than fail.
 */
public final class Constraints {

    private Constraints() {
    }

    /** Whether {@code thrown} (or a cause) is a unique-constraint violation, optionally of the named constraint. */
    public static boolean isUniqueViolation(Throwable thrown, String constraintName) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return constraintName == null || String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT)
                        .contains(constraintName.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** Whether {@code thrown} (or a cause) says "try again": lock timeout, deadlock, serialization failure. */
    public static boolean isTransient(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = String.valueOf(sql.getSQLState());
                // 40001 serialization failure, 40P01 deadlock (PostgreSQL), 55P03 lock not available,
                // HYT00 lock timeout and 90131 concurrent update (H2)
                if (state.startsWith("40") || state.equals("55P03") || state.equals("HYT00") || state.equals("90131")) {
                    return true;
                }
            }
        }
        return false;
    }
}
