package de.fachplan.api.controlling.values;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.csv.DatabaseCsv;
import de.fachplan.api.common.csv.SpooledCopies;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.generated.model.IndicatorValueDto;

/** Lists and exports reported values. The JSON list is paged by keyset; the CSV export streams. */
@ApplicationScoped
public class ValueExport {

    /** The CSV header line. */
    private static final byte[] HEADER = (String.join(",", ValueRow.CSV_HEADER) + "\r\n")
            .getBytes(StandardCharsets.UTF_8);

    /** Where a filter's value waits for the COPY statement, which takes no bind parameters. */
    private static final String SETTING = "fachplan_export.";

    /** The setting of the indicator code at which the export's parts meet. */
    private static final String SPLIT = "split";

    /** A named parameter of {@link ValueQuery}'s conditions (not a {@code ::} cast). */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z]\\w*)");

    @Inject
    EntityManager em;

    @Inject
    SpooledCopies spooled;

    @Transactional
    public Page<IndicatorValueDto> page(ValueQuery.Filter filter, PageRequest page) {
        ValueQuery query = new ValueQuery(filter);
        KeysetQuery keyset = new KeysetQuery(ValueRow.FROM.substring(" FROM ".length()), "v.id")
                .orderBy(List.of(SortColumn.asc("i.code", SortColumn.ValueKind.TEXT),
                        SortColumn.asc("v.period_start", SortColumn.ValueKind.DATE),
                        SortColumn.asc("coalesce(d.code, '')", SortColumn.ValueKind.TEXT)));
        List<String> conditions = query.conditions();
        if (!conditions.isEmpty()) {
            keyset.where(String.join(" AND ", conditions), query.parameters);
        }
        Page<UUID> ids = keyset.fetch(em, page);
        if (ids.items().isEmpty()) {
            return new Page<>(List.of(), ids.nextCursor());
        }
        List<Row> rows = Row.list(em.createNativeQuery(ValueRow.SELECT + ValueRow.FROM + " WHERE v.id IN (:ids)")
                .setParameter("ids", ids.items()));
        Map<UUID, IndicatorValueDto> byId = rows.stream().map(ValueRow::of)
                .collect(Collectors.toMap(IndicatorValueDto::getId, Function.identity()));
        List<IndicatorValueDto> ordered = new ArrayList<>(ids.items().size());
        ids.items().forEach(id -> ordered.add(byId.get(id)));
        return new Page<>(ordered, ids.nextCursor());
    }

    /**
     * Writes every matching row as CSV, header first, in the list's order. PostgreSQL writes the
     * rows itself ({@code COPY ... TO STDOUT (FORMAT csv)}, see {@link DatabaseCsv}) and the
     * service copies its bytes to the response: no value or field becomes a Java object (the
     * driver hands over each row's bytes), so memory does not grow with the export.
     *
     * <p>One backend writing all rows was the export's limit (about 6 CPU-seconds for a million
     * rows, a quarter of it the sort for the order). So the rows are written in two parts,
     * split at an indicator code: this transaction copies the first part to the response while
     * {@link SpooledCopies} copies the second on another connection, in this transaction's
     * snapshot, into a temporary file that follows the first part (decision 32). The statement
     * reads the values indicator by indicator in code order and sorts only each indicator's rows
     * ({@link #statement}).
     *
     * <p>COPY takes no bind parameters: each filter value is set as a setting of the transaction
     * ({@code set_config}, bound as a parameter) and the statement reads it back once with
     * {@code current_setting}, cast to the parameter's type, so no value is ever spliced into SQL.
     * Runs its own transaction, which ends the settings with it.
     */
    public void csv(ValueQuery.Filter filter, OutputStream response) {
        ValueQuery query = new ValueQuery(filter);
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                // Before any query of the transaction: one snapshot for the whole export and its parts.
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            Map<String, Object> settings = new LinkedHashMap<>(query.parameters);
            settings(connection, settings);
            String split = split(connection, query);
            try {
                OutputStream out = new BufferedOutputStream(response, 64 * 1024);
                out.write(HEADER);
                if (split == null) {
                    DatabaseCsv.write(connection, statement(query, settings, null), out);
                } else {
                    settings(connection, Map.of(SPLIT, split));
                    settings.put(SPLIT, split);
                    String snapshot;
                    try (Statement statement = connection.createStatement();
                            ResultSet exported = statement.executeQuery("SELECT pg_export_snapshot()")) {
                        exported.next();
                        snapshot = exported.getString(1);
                    }
                    String secondPart = statement(query, settings, ">=");
                    try (SpooledCopies.Part second = spooled.start(snapshot, part -> settings(part, settings),
                            secondPart)) {
                        DatabaseCsv.write(connection, statement(query, settings, "<"), out);
                        if (second == null) {
                            DatabaseCsv.write(connection, secondPart, out);
                        } else {
                            second.appendTo(out);
                        }
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /**
     * The export's COPY of the rows {@code query} selects whose indicator code is {@code part}
     * ({@code <} or {@code >=}) the split's, or of all rows; {@code settings} are the values its
     * conditions read.
     *
     * <p>The list's order is the indicator's code, the period's start, the district's code (the
     * city-wide values, without district, first) and the id. The statement reads the indicators
     * in code order (a subquery sorted by code, which also computes their fields once per
     * indicator), each indicator's values through {@code indicator_value_order} joined to it, and
     * lets PostgreSQL sort only the rows of each code (an incremental sort) by the period's
     * start, the district's place among the district codes and the id: numbers, not text. The place
     * is counted in the same database and collation as the list's order and the empty code stands
     * for the city-wide values, so the order is exactly the list's. The district's fields and place
     * are computed once per district (the lateral subquery is cached by district).
     *
     * <p>The inner query puts the sort keys first, where PostgreSQL finds them in a sorted row
     * without walking the variable-length fields before them, sorts and stops there ({@code
     * OFFSET 0} keeps PostgreSQL from merging it into the outer one, which would compute every
     * field before the sort and sort the wide text); the outer query formats each row's fields and
     * orders by the inner query's keys, which the inner sort already gives.
     */
    private static String statement(ValueQuery query, Map<String, Object> settings, String part) {
        List<ValueRow.CsvColumn> columns = ValueRow.CSV_COLUMNS;
        List<String> onIndicator = new ArrayList<>(query.indicatorConditions);
        if (part != null) {
            onIndicator.add("i.code " + part + " :" + SPLIT);
        }
        StringBuilder indicators = new StringBuilder("SELECT i.id, i.code");
        StringBuilder districts = new StringBuilder("SELECT d.code");
        StringBuilder inner = new StringBuilder("SELECT v.period_start AS k1, coalesce(d.place, 0) AS k2, v.id AS k3,"
                + " i.code AS k0");
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            ValueRow.CsvColumn column = columns.get(i);
            String name = "c" + i;
            switch (column.scope()) {
                case INDICATOR -> {
                    indicators.append(", ").append(field(column, column.source())).append(" AS ").append(name);
                    inner.append(", i.").append(name);
                    fields.add("r." + name);
                }
                case DISTRICT -> {
                    districts.append(", ").append(field(column, column.source())).append(" AS ").append(name);
                    inner.append(", d.").append(name);
                    fields.add("r." + name);
                }
                case ROW -> {
                    inner.append(", ").append(column.source()).append(" AS ").append(name);
                    fields.add(field(column, "r." + name));
                }
            }
        }
        indicators.append(ValueRow.INDICATORS).append(where(onIndicator, settings)).append(" ORDER BY i.code OFFSET 0");
        districts.append(", (SELECT count(*) FROM (SELECT code FROM district UNION SELECT '') x WHERE x.code < d.code)"
                + " AS place FROM district d WHERE d.id = v.district_id OFFSET 0");
        inner.append(" FROM (").append(indicators).append(") i JOIN indicator_value v ON v.indicator_id = i.id")
                .append(" LEFT JOIN LATERAL (").append(districts).append(") d ON true")
                .append(where(query.valueConditions, settings)).append(" ORDER BY k0, k1, k2, k3 OFFSET 0");
        return DatabaseCsv.copy("SELECT " + String.join(", ", fields) + " FROM (" + inner
                + ") r ORDER BY r.k0, r.k1, r.k2, r.k3");
    }

    /** The SQL of {@code column}'s CSV field over {@code source}. */
    private static String field(ValueRow.CsvColumn column, String source) {
        return DatabaseCsv.column(column.field().formatted(source), column.text());
    }

    /** A {@code WHERE} of {@code conditions} that reads their parameters from {@code settings}, or nothing. */
    private static String where(List<String> conditions, Map<String, Object> settings) {
        return conditions.isEmpty() ? "" : fromSettings(" WHERE " + String.join(" AND ", conditions), settings);
    }

    /**
     * The indicator code at which the export splits into two parts: the middle one of the
     * indicators the filter selects, in the export's order, so the parts are about even when
     * indicators have about as many values; {@code null} for fewer than two indicators.
     */
    private static String split(Connection connection, ValueQuery query) throws SQLException {
        String sql = "SELECT i.code" + ValueRow.INDICATORS
                + (query.indicatorConditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", query.indicatorConditions))
                + " ORDER BY i.code";
        List<String> codes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet indicators = statement.executeQuery(fromSettings(sql, query.parameters))) {
            while (indicators.next()) {
                codes.add(indicators.getString(1));
            }
        }
        return codes.size() < 2 ? null : codes.get(codes.size() / 2);
    }

    /**
     * {@code sql} with each named parameter read from its setting, cast to the parameter's type,
     * in a subquery of its own: PostgreSQL computes it once for the statement, where the bare
     * expression in a condition on each row would read and parse the setting again for every row.
     */
    private static String fromSettings(String sql, Map<String, Object> parameters) {
        Matcher named = PARAMETER.matcher(sql);
        StringBuilder replaced = new StringBuilder();
        while (named.find()) {
            Object value = parameters.get(named.group(1));
            named.appendReplacement(replaced, Matcher.quoteReplacement("(SELECT CAST(current_setting('" + SETTING
                    + named.group(1) + "') AS " + sqlType(value) + "))"));
        }
        named.appendTail(replaced);
        return replaced.toString();
    }

    /** Sets each value as a setting of the transaction, for the statements that read it with {@link #fromSettings}. */
    private static void settings(Connection connection, Map<String, Object> settings) throws SQLException {
        if (settings.isEmpty()) {
            return;
        }
        String sql = settings.keySet().stream().map(name -> "set_config(?, ?, true)")
                .collect(Collectors.joining(", ", "SELECT ", ""));
        try (PreparedStatement set = connection.prepareStatement(sql)) {
            int index = 1;
            for (Map.Entry<String, Object> setting : settings.entrySet()) {
                set.setString(index++, SETTING + setting.getKey());
                set.setString(index++, setting.getValue().toString());
            }
            set.executeQuery().close();
        }
    }

    /** The SQL type a filter value is compared as; its text is what {@code toString()} gives. */
    private static String sqlType(Object value) {
        if (value instanceof UUID) {
            return "uuid";
        } else if (value instanceof String) {
            return "text";
        } else if (value instanceof LocalDate) {
            return "date";
        } else if (value instanceof OffsetDateTime) {
            return "timestamptz";
        } else if (value instanceof Long || value instanceof Integer) {
            return "bigint";
        }
        throw new IllegalStateException("no SQL type for a filter value of " + value.getClass());
    }
}
