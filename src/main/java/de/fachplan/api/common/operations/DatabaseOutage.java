package de.fachplan.api.common.operations;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a failure to reach the database apart from a bug: a refused or broken connection, a pool
 * that could not get one in time, or a server that is shutting down or starting. Those are a 503
 * that the client may retry, not a 500; the service itself is fine and recovers with the database.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * Looks through causes and suppressed exceptions: a commit that fails on a dropped connection
     * surfaces as a JTA {@code RollbackException} whose SQL cause is only among the suppressed.
     */
    public static boolean causedBy(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (failure != null) {
            pending.push(failure);
        }
        while (!pending.isEmpty()) {
            Throwable cause = pending.pop();
            if (!seen.add(cause)) {
                continue;
            }
            if (isOutage(cause)) {
                return true;
            }
            if (cause.getCause() != null) {
                pending.push(cause.getCause());
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable cause) {
        if (cause instanceof org.hibernate.exception.JDBCConnectionException
                || cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                || cause instanceof ConnectException) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            // Agroal's answer when no connection could be had within the acquisition timeout.
            return isConnectionState(sql.getSQLState())
                    || sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout");
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and the operator-intervention states of a server
     * that is going down or not up yet (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
     * connect now).
     */
    private static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }
}
