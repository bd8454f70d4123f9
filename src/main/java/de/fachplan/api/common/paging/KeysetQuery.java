package de.fachplan.api.common.paging;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.problem.ProblemException;

/**
 * Keyset pagination over a native query that selects ids. The order always ends with the id, so
 * it is total and stable: a client paging through a list that changes meanwhile never sees a row
 * twice or misses one that existed throughout.
 *
 * <p>Callers add their filters as SQL fragments with named parameters; the class adds the keyset
 * condition (an OR-chain, since columns may sort in different directions), the order and the
 * limit, and reads back the id and sort values of each row.
 */
public final class KeysetQuery {

    private final String from;
    private final String idExpression;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final List<SortColumn> order = new ArrayList<>();

    public KeysetQuery(String from, String idExpression) {
        this.from = from;
        this.idExpression = idExpression;
    }

    public KeysetQuery where(String condition, String parameter, Object value) {
        conditions.add(condition);
        parameters.put(parameter, value);
        return this;
    }

    public KeysetQuery where(String condition, Map<String, Object> values) {
        conditions.add(condition);
        parameters.putAll(values);
        return this;
    }

    /** Binds a parameter that only the selected columns use, not a condition. */
    public KeysetQuery parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public KeysetQuery orderBy(List<SortColumn> columns) {
        order.addAll(columns);
        return this;
    }

    /** Runs the query and returns the page of ids with the cursor of the next page. */
    public Page<UUID> fetch(EntityManager em, PageRequest page) {
        return fetch(em, page, SortColumn.ValueKind.UUID, UUID.class);
    }

    /** The same for tables whose id is text. */
    public Page<String> fetchKeys(EntityManager em, PageRequest page) {
        return fetch(em, page, SortColumn.ValueKind.TEXT, String.class);
    }

    private <K> Page<K> fetch(EntityManager em, PageRequest page, SortColumn.ValueKind idKind, Class<K> idType) {
        Rendered rendered = render(page, idKind, false);
        Query query = em.createNativeQuery(rendered.sql());
        rendered.parameters().forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<Object> rows = query.getResultList();

        boolean more = rows.size() > page.limit();
        List<Object> pageRows = more ? rows.subList(0, page.limit()) : rows;
        List<K> ids = new ArrayList<>(pageRows.size());
        for (Object row : pageRows) {
            Object[] values = row instanceof Object[] array ? array : new Object[] { row };
            ids.add(idType.cast(values[values.length - 1]));
        }
        String next = null;
        if (more) {
            Object last = pageRows.get(pageRows.size() - 1);
            next = cursorOf(last instanceof Object[] array ? array : new Object[] { last }, page);
        }
        return new Page<>(ids, next);
    }

    /**
     * Reads whole rows in one statement: the keyset query becomes a CTE named {@code page} with
     * the sort values {@code k0, k1, ...} and the row's id as {@code page_id}; {@code select}
     * selects from {@code page}, joins what it needs and is ordered by the keyset here. Reads that
     * need no entity skip entity loading, dirty checking and flushing this way; the columns are
     * read by name.
     */
    public <R> Page<R> fetchRows(EntityManager em, PageRequest page, String select, Function<Row, R> reader) {
        Rendered rendered = render(page, SortColumn.ValueKind.UUID, true);
        List<SortColumn> columns = columns(SortColumn.ValueKind.UUID);
        StringBuilder sql = new StringBuilder("WITH page AS (").append(rendered.sql()).append(") ").append(select)
                .append(" ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("page.k").append(i)
                    .append(columns.get(i).descending() ? " DESC" : " ASC");
        }
        Query query = em.createNativeQuery(sql.toString());
        rendered.parameters().forEach(query::setParameter);
        List<Row> found = Row.list(query);
        boolean more = found.size() > page.limit();
        List<Row> pageRows = more ? found.subList(0, page.limit()) : found;
        List<R> items = new ArrayList<>(pageRows.size());
        pageRows.forEach(row -> items.add(reader.apply(row)));
        String next = null;
        if (more) {
            Row last = pageRows.get(pageRows.size() - 1);
            Object[] keys = new Object[columns.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = last.get("k" + i);
            }
            next = cursorOf(keys, page);
        }
        return new Page<>(items, next);
    }

    /** The id query of one page: its SQL with named parameters, and their values. */
    private record Rendered(String sql, Map<String, Object> parameters) {
    }

    private List<SortColumn> columns(SortColumn.ValueKind idKind) {
        List<SortColumn> columns = new ArrayList<>(order);
        columns.add(SortColumn.asc(idExpression, idKind));
        return columns;
    }

    private Rendered render(PageRequest page, SortColumn.ValueKind idKind, boolean withRowId) {
        List<SortColumn> columns = columns(idKind);
        Map<String, Object> bound = new HashMap<>(parameters);
        List<String> where = new ArrayList<>(conditions);
        if (page.after() != null) {
            if (page.after().size() != columns.size()) {
                throw ProblemException.badRequest("#/query/cursor", "does not belong to this list");
            }
            where.add(keysetCondition(columns, page.after(), bound));
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).expression()).append(" AS k").append(i);
        }
        if (withRowId) {
            sql.append(", ").append(idExpression).append(" AS page_id");
        }
        sql.append(" FROM ").append(from);
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            SortColumn c = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(c.expression()).append(c.descending() ? " DESC" : " ASC");
        }
        sql.append(" LIMIT ").append(page.limit() + 1);
        return new Rendered(sql.toString(), bound);
    }

    private static String cursorOf(Object[] values, PageRequest page) {
        List<String> encoded = new ArrayList<>(values.length);
        for (Object value : values) {
            encoded.add(encode(value));
        }
        return Cursors.encode(encoded, page.fingerprint());
    }

    private static String keysetCondition(List<SortColumn> columns, List<String> after, Map<String, Object> bound) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(columns.get(j).expression() + " = :k" + j);
            }
            SortColumn c = columns.get(i);
            parts.add(c.expression() + (c.descending() ? " < " : " > ") + ":k" + i);
            alternatives.add("(" + String.join(" AND ", parts) + ")");
        }
        for (int i = 0; i < columns.size(); i++) {
            bound.put("k" + i, decode(after.get(i), columns.get(i).kind()));
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static String encode(Object value) {
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().toString();
        }
        if (value instanceof java.time.Instant instant) {
            return instant.toString();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant().toString();
        }
        return String.valueOf(value);
    }

    private static Object decode(String value, SortColumn.ValueKind kind) {
        try {
            return switch (kind) {
                case TEXT -> value;
                case INTEGER -> Integer.valueOf(value);
                case TIMESTAMP -> OffsetDateTime.parse(value.endsWith("Z") ? value : value + "Z")
                        .withOffsetSameInstant(ZoneOffset.UTC);
                case DATE -> LocalDate.parse(value);
                case UUID -> java.util.UUID.fromString(value);
            };
        } catch (RuntimeException e) {
            throw ProblemException.badRequest("#/query/cursor", "does not belong to this list");
        }
    }
}
