package de.fachplan.api.common.persistence;

import java.util.HashMap;
import java.util.Map;

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

    /** Makes rows of one result: {@code aliases} are the column names as the statement gives them. */
    public static Factory factory() {
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

    /** Builds the rows of one result, resolving the column names with the first. */
    public static final class Factory {

        private Map<String, Integer> columns;

        public Row row(Object[] values, String[] aliases) {
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
