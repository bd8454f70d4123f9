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

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

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
        List<SortColumn> columns = new ArrayList<>(order);
        columns.add(SortColumn.asc(idExpression, idKind));
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
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).expression());
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

        Query query = em.createNativeQuery(sql.toString());
        bound.forEach(query::setParameter);
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
            Object[] values = last instanceof Object[] array ? array : new Object[] { last };
            List<String> encoded = new ArrayList<>(values.length);
            for (Object value : values) {
                encoded.add(encode(value));
            }
            next = Cursors.encode(encoded, page.fingerprint());
        }
        return new Page<>(ids, next);
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
