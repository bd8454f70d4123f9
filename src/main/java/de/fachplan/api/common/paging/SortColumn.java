package de.fachplan.api.common.paging;

/**
 * One column of a keyset order: the SQL expression it sorts by, its direction and how its value
 * travels in a cursor. Expressions must be NOT NULL so that row comparisons are total.
 */
public record SortColumn(String expression, boolean descending, ValueKind kind) {

    public enum ValueKind {
        TEXT, INTEGER, TIMESTAMP, DATE, UUID
    }

    public static SortColumn asc(String expression, ValueKind kind) {
        return new SortColumn(expression, false, kind);
    }

    public static SortColumn desc(String expression, ValueKind kind) {
        return new SortColumn(expression, true, kind);
    }

    public SortColumn reversed(boolean reverse) {
        return reverse ? new SortColumn(expression, !descending, kind) : this;
    }
}
