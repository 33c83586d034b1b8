package cn.canbao.web.platform;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the database refuses reaches the caller as a problem of theirs, never a 500, and never in the database's words. */
class ProblemMapperTest {

    private static Throwable wrapped(Throwable root) {
        // as an EJB's commit delivers it: EJBTransactionRolledbackException ← RollbackException ← PersistenceException ← root
        return new EJBTransactionRolledbackException("rolled back",
                new RollbackException("commit failed", new PersistenceException("flush failed", root)));
    }

    @ParameterizedTest
    @CsvSource({
            "22001, 400, VALUE_TOO_LONG",
            "22003, 400, VALUE_OUT_OF_RANGE",
            "22008, 400, VALUE_OUT_OF_RANGE",
            "23505, 409, DUPLICATE",
            "23503, 422, CONSTRAINT_VIOLATED",
            "23506, 422, CONSTRAINT_VIOLATED",
            "23514, 422, CONSTRAINT_VIOLATED",
            "40001, 409, CONCURRENT_CHANGE"})
    void aRefusalOfTheDatabaseIsTheCallersProblem(String state, int status, String code) {
        ProblemMapper.StoreRefusal refusal = ProblemMapper.refusalOfStore(
                wrapped(new SQLException("ERROR: value too long for type character varying(40) in canbao.person", state)));
        assertEquals(status, refusal.status());
        assertEquals(code, refusal.code());
        assertFalse(refusal.detail().contains("canbao.person") || refusal.detail().contains("varying"), refusal.detail());
    }

    @Test
    void anOptimisticLockAtCommitIsAConcurrentChange() {
        assertEquals(409, ProblemMapper.refusalOfStore(wrapped(new OptimisticLockException("row changed"))).status());
    }

    @Test
    void anythingElseStaysAnIncident() {
        assertNull(ProblemMapper.refusalOfStore(wrapped(new SQLException("connection lost", "08006"))));
        assertNull(ProblemMapper.refusalOfStore(new IllegalStateException("bug")));
    }
}
