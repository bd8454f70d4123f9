package de.fachplan.api.common.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.agroal.api.AgroalDataSource;

/**
 * Inserts the rows a write leaves behind (audit events, change feed entries, webhook deliveries):
 * collected in the transaction and written together just before it commits, all rows of a table
 * in one multi-row statement and all tables in one round trip to the database. A batch run of many
 * items thus pays one insert per table instead of one per item and row, and a single write one
 * round trip for all its history. The rows belong to the transaction: a rollback drops them with
 * the change, and a transaction that is rolled back never sends them at all.
 */
@ApplicationScoped
public class CollectedInserts {

    /** Rows per statement, and parameters per round trip: PostgreSQL takes at most 65,535 in one statement. */
    private static final int ROWS_PER_STATEMENT = 1000;
    private static final int PARAMETERS_PER_ROUND_TRIP = 60_000;

    /** A table and how one row of values goes into it: {@code (?, ?, CAST(? AS jsonb))}. */
    public record Table(String into, String row) {
        int width() {
            return (int) row.chars().filter(c -> c == '?').count();
        }
    }

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    AgroalDataSource dataSource;

    /**
     * Inserts a row into {@code table}, collected until the current transaction {@link #write writes}
     * its rows or commits; outside a transaction at once.
     */
    public void insert(Table table, Object... values) {
        if (table.width() != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + table.into());
        }
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            write(Map.of(table, List.<Object[]>of(values)));
            return;
        }
        collected().computeIfAbsent(table, t -> new ArrayList<>()).add(values);
    }

    /**
     * Writes the rows collected so far in the current transaction now, rather than when it commits:
     * a batch run's history thus goes out after what the run wrote itself.
     */
    public void write() {
        Map<Table, List<Object[]>> collected = collected();
        if (!collected.isEmpty()) {
            Map<Table, List<Object[]>> rows = new LinkedHashMap<>(collected);
            collected.clear();
            write(rows);
        }
    }

    /** The current transaction's rows; the first call of a transaction has them written when it commits. */
    private Map<Table, List<Object[]>> collected() {
        @SuppressWarnings("unchecked")
        Map<Table, List<Object[]>> collected = (Map<Table, List<Object[]>>) transactions.getResource(CollectedInserts.class);
        if (collected == null) {
            collected = new LinkedHashMap<>();
            transactions.putResource(CollectedInserts.class, collected);
            if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                        write();
                    }

                    @Override
                    public void afterCompletion(int status) {
                    }
                });
            }
        }
        return collected;
    }

    /** One multi-row INSERT per table and slice, as many of them per round trip as the parameter limit allows. */
    private void write(Map<Table, List<Object[]>> rows) {
        StringBuilder sql = new StringBuilder();
        List<Object[]> values = new ArrayList<>();
        int parameters = 0;
        for (Map.Entry<Table, List<Object[]>> table : rows.entrySet()) {
            List<Object[]> all = table.getValue();
            for (int from = 0; from < all.size(); from += ROWS_PER_STATEMENT) {
                List<Object[]> slice = all.subList(from, Math.min(from + ROWS_PER_STATEMENT, all.size()));
                int width = table.getKey().width();
                if (parameters + slice.size() * width > PARAMETERS_PER_ROUND_TRIP) {
                    send(sql.toString(), values);
                    sql.setLength(0);
                    values.clear();
                    parameters = 0;
                }
                sql.append(sql.isEmpty() ? "" : "; ").append("INSERT INTO ").append(table.getKey().into()).append(" VALUES ");
                for (int i = 0; i < slice.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append(table.getKey().row());
                }
                values.addAll(slice);
                parameters += slice.size() * width;
            }
        }
        if (!values.isEmpty()) {
            send(sql.toString(), values);
        }
    }

    /**
     * Over the transaction's own connection, taken from the pool rather than from the ORM session:
     * at commit the session has already given its connection back.
     */
    private void send(String sql, List<Object[]> rows) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    insert.setObject(parameter++, value);
                }
            }
            insert.execute();
        } catch (SQLException e) {
            throw new PersistenceException("history rows could not be inserted", e);
        }
    }
}
