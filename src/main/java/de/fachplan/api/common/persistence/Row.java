package de.fachplan.api.common.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Query;

import org.hibernate.query.NativeQuery;

/**
 * One row of a native query, read by column name. The names are resolved to positions once per
 * query, not once per value: a page of fifty rows of twenty columns would otherwise spend more
 * time finding columns than reading them.
 */
public final class Row {

    private final Object[] values;
    private final Map<String, Integer> columns;

    private Row(Object[] values, Map<String, Integer> columns) {
        this.values = values;
        this.columns = columns;
    }

    /** The rows of a native query, each read by the names its statement gives the columns. */
    @SuppressWarnings("unchecked")
    public static List<Row> list(Query query) {
        Factory rows = factory();
        return query.unwrap(NativeQuery.class).setTupleTransformer((values, aliases) -> rows.row(values, aliases))
                .getResultList();
    }

    /** Makes rows of one result: {@code aliases} are the column names as the statement gives them. */
    private static Factory factory() {
        return new Factory();
    }

    public Object get(String column) {
        Integer position = columns.get(column);
        if (position == null) {
            throw new IllegalArgumentException("no column " + column + " in " + columns.keySet());
        }
        return values[position];
    }

    public <T> T get(String column, Class<T> type) {
        return type.cast(get(column));
    }

    public String text(String column) {
        return get(column, String.class);
    }

    public UUID uuid(String column) {
        return get(column, UUID.class);
    }

    /** A number column of any integer SQL type; null stays null. */
    public Long number(String column) {
        Number value = get(column, Number.class);
        return value == null ? null : value.longValue();
    }

    /** Builds the rows of one result, resolving the column names with the first. */
    private static final class Factory {

        private Map<String, Integer> columns;

        Row row(Object[] values, String[] aliases) {
            if (columns == null) {
                Map<String, Integer> resolved = new HashMap<>();
                for (int i = 0; i < aliases.length; i++) {
                    resolved.putIfAbsent(aliases[i], i);
                }
                columns = resolved;
            }
            return new Row(values, columns);
        }
    }
}
