package cn.canbao.platform.boundary;

import jakarta.ejb.ApplicationException;

/**
 * The database decided a race against this transaction (unique constraint, lock timeout): it is rolled back, and the
 * caller that owns the retry looks again in a new transaction. An application exception, so the server does not log
 * an expected outcome as an EJB failure.
 */
@ApplicationException(rollback = true)
public class LostRace extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LostRace(Throwable cause) {
        super(cause);
    }
}
