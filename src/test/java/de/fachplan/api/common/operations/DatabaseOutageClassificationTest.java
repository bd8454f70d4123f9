package de.fachplan.api.common.operations;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * The shapes in which a lost database reached the exception mappers in the multi-replica run
 * (src/test/replicas), and failures that must stay a 500.
 */
class DatabaseOutageClassificationTest {

    @Test
    void aCommitOnAConnectionTheServerTerminatedIsAnOutage() {
        // Narayana keeps the driver's error only as a suppressed exception of its RollbackException.
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(xa);
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(rollback)));
    }

    @Test
    void aRefusedConnectionAndAnExhaustedPoolAreOutages() {
        assertTrue(DatabaseOutage.causedBy(new PSQLException("Connection to 127.0.0.1:5432 refused.",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT)));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException(
                new SQLException("Acquisition timeout while waiting for new connection"))));
    }

    @Test
    void constraintViolationsAndBugsAreNot() {
        assertFalse(DatabaseOutage.causedBy(new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION)));
        assertFalse(DatabaseOutage.causedBy(new NullPointerException()));
        RollbackException rollback = new RollbackException("marked rollback only");
        rollback.addSuppressed(new IllegalArgumentException("bad value"));
        assertFalse(DatabaseOutage.causedBy(rollback));
    }
}
