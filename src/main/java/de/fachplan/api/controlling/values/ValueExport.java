package de.fachplan.api.controlling.values;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import org.postgresql.PGConnection;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.csv.DatabaseCsv;
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

    /** The columns of the export as COPY writes them. */
    private static final String COLUMNS = ValueRow.CSV_COLUMNS.stream()
            .map(column -> DatabaseCsv.column(column.sql(), column.text())).collect(Collectors.joining(", "));

    /** Where a filter's value waits for the COPY statement, which takes no bind parameters. */
    private static final String SETTING = "fachplan_export.";

    /** A named parameter of {@link ValueQuery}'s conditions (not a {@code ::} cast). */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z]\\w*)");

    @Inject
    EntityManager em;

    @Transactional
    public Page<IndicatorValueDto> page(ValueQuery.Filter filter, PageRequest page) {
        ValueQuery query = new ValueQuery(filter);
        KeysetQuery keyset = new KeysetQuery(ValueRow.FROM.substring(" FROM ".length()), "v.id")
                .orderBy(List.of(SortColumn.asc("i.code", SortColumn.ValueKind.TEXT),
                        SortColumn.asc("v.period_start", SortColumn.ValueKind.DATE),
                        SortColumn.asc("coalesce(d.code, '')", SortColumn.ValueKind.TEXT)));
        if (!query.conditions.isEmpty()) {
            keyset.where(String.join(" AND ", query.conditions), query.parameters);
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
     * driver hands over each row's bytes), so memory does not grow with the export. Profiles of the earlier exports had their time in
     * converting values (through the ORM) and then in the sort of the database; the columns are
     * now the database's own text of each value.
     *
     * <p>COPY takes no bind parameters: each filter value is set as a setting of the transaction
     * ({@code set_config}, bound as a parameter) and the statement reads it back with
     * {@code current_setting}, cast to the parameter's type, so no value is ever spliced into SQL.
     * Runs its own transaction, which ends the settings with it.
     */
    public void csv(ValueQuery.Filter filter, OutputStream response) {
        ValueQuery query = new ValueQuery(filter);
        Matcher named = PARAMETER.matcher(query.where());
        StringBuilder where = new StringBuilder();
        while (named.find()) {
            Object value = query.parameters.get(named.group(1));
            named.appendReplacement(where, Matcher.quoteReplacement("CAST(current_setting('" + SETTING + named.group(1)
                    + "') AS " + sqlType(value) + ")"));
        }
        named.appendTail(where);
        String copy = DatabaseCsv.copy("SELECT " + COLUMNS + ValueRow.FROM + where + ValueQuery.ORDER);
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            if (!query.parameters.isEmpty()) {
                String settings = query.parameters.keySet().stream().map(name -> "set_config(?, ?, true)")
                        .collect(Collectors.joining(", ", "SELECT ", ""));
                try (PreparedStatement set = connection.prepareStatement(settings)) {
                    int index = 1;
                    for (Map.Entry<String, Object> parameter : query.parameters.entrySet()) {
                        set.setString(index++, SETTING + parameter.getKey());
                        set.setString(index++, parameter.getValue().toString());
                    }
                    set.executeQuery().close();
                }
            }
            try {
                OutputStream out = new BufferedOutputStream(response, 64 * 1024);
                out.write(HEADER);
                OutputStream records = DatabaseCsv.crlf(out);
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, records);
                records.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
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
