package de.fachplan.api.common.paging;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.StringJoiner;

import de.fachplan.api.common.problem.ProblemException;

/**
 * A requested page: the size and the decoded position after which it starts. The cursor carries a
 * fingerprint of the query it came from, so a cursor replayed with other filters or another sort
 * is a 400 instead of a page that silently skips or repeats rows.
 */
public record PageRequest(int limit, List<String> after, String fingerprint) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /**
     * A page of a list whose filters are one record: the fingerprint is built from every component
     * of it, so a filter added to the record can never be left out of the cursor check.
     */
    public static PageRequest of(Integer limit, String cursor, ListFilter filter) {
        return of(limit, cursor, fingerprint(filter));
    }

    public static PageRequest of(Integer limit, String cursor, String fingerprint) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("#/query/limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<String> after = cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor, fingerprint);
        return new PageRequest(size, after, fingerprint);
    }

    /**
     * The filter's type and every component by name, components of nested records by their path;
     * times compare as instants, like the query.
     */
    static String fingerprint(ListFilter filter) {
        if (!(filter instanceof Record record)) {
            throw new IllegalArgumentException(filter.getClass() + " must be a record");
        }
        StringJoiner joined = new StringJoiner("|", filter.getClass().getSimpleName() + "|", "");
        addComponents(joined, "", record);
        return joined.toString();
    }

    private static void addComponents(StringJoiner joined, String prefix, Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("filter component " + component.getName() + " not readable", e);
            }
            String name = prefix + component.getName();
            if (value instanceof Record nested) {
                addComponents(joined, name + ".", nested);
                continue;
            }
            if (value instanceof OffsetDateTime time) {
                value = time.toInstant();
            }
            joined.add(name + "=" + value);
        }
    }
}
