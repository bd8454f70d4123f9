package de.fachplan.api.common.persistence;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.Session;

/**
 * Inserts the rows a write leaves behind (audit events, change feed entries, webhook deliveries):
 * at once, or, in a transaction that {@link #collect collects} them, all rows of a table together
 * in one multi-row statement when the transaction {@link #write writes} them. A batch run of many
 * items thus pays one insert per table instead of one per item and row. The rows belong to the
 * transaction either way: a rollback drops them with the change.
 */
@ApplicationScoped
public class CollectedInserts {

    /** Rows per statement: PostgreSQL takes at most 65,535 parameters in one. */
    private static final int ROWS_PER_STATEMENT = 1000;

    /** A table and how one row of values goes into it: {@code (?, ?, CAST(? AS jsonb))}. */
    public record Table(String into, String row) {
        int width() {
            return (int) row.chars().filter(c -> c == '?').count();
        }
    }

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    EntityManager em;

    /** From now on, rows inserted in the current transaction wait for {@link #write}. */
    public void collect() {
        transactions.putResource(CollectedInserts.class, new LinkedHashMap<Table, List<Object[]>>());
    }

    /** Inserts a row into {@code table}: collected, if the current transaction collects, or else now. */
    public void insert(Table table, Object... values) {
        Map<Table, List<Object[]>> collected = collected();
        if (collected == null) {
            write(table, List.<Object[]>of(values));
        } else {
            collected.computeIfAbsent(table, t -> new ArrayList<>()).add(values);
        }
    }

    /** Writes the rows collected so far in the current transaction; later ones are inserted at once. */
    public void write() {
        Map<Table, List<Object[]>> collected = collected();
        transactions.putResource(CollectedInserts.class, null);
        if (collected != null) {
            collected.forEach(this::write);
        }
    }

    /**
     * Writes the rows collected so far in the current transaction and goes on collecting: a read
     * that must see them (or a change of a row that is still waiting) comes next.
     */
    public void writeSoFar() {
        Map<Table, List<Object[]>> collected = collected();
        if (collected != null) {
            collected.forEach(this::write);
            collected.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Table, List<Object[]>> collected() {
        return (Map<Table, List<Object[]>>) transactions.getResource(CollectedInserts.class);
    }

    private void write(Table table, List<Object[]> rows) {
        em.unwrap(Session.class).doWork(connection -> {
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Object[]> slice = rows.subList(from, Math.min(from + ROWS_PER_STATEMENT, rows.size()));
                StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.into()).append(" VALUES ");
                for (int i = 0; i < slice.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append(table.row());
                }
                try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                    int parameter = 1;
                    for (Object[] row : slice) {
                        if (row.length != table.width()) {
                            throw new IllegalArgumentException(row.length + " values for " + table.into());
                        }
                        for (Object value : row) {
                            insert.setObject(parameter++, value);
                        }
                    }
                    insert.executeUpdate();
                }
            }
        });
    }
}
