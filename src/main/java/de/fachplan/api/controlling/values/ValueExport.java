package de.fachplan.api.controlling.values;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.persistence.Row;

/** Lists and exports reported values. The JSON list is paged by keyset; the CSV export streams. */
@ApplicationScoped
public class ValueExport {

    /** Rows fetched from the database per round trip while streaming. */
    static final int FETCH_SIZE = 1000;

    /** The CSV header line. */
    private static final byte[] HEADER = (String.join(",", ValueRow.CSV_HEADER) + "\r\n")
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] CRLF = { '\r', '\n' };

    /** Which CSV columns are text a spreadsheet could run. */
    private static final boolean[] TEXT = new boolean[ValueRow.CSV_COLUMNS.size()];

    static {
        for (int i = 0; i < TEXT.length; i++) {
            TEXT[i] = ValueRow.CSV_COLUMNS.get(i).text();
        }
    }

    /** A named parameter of {@link ValueQuery}'s conditions (not a {@code ::} cast). */
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([A-Za-z]\\w*)");

    @Inject
    EntityManager em;

    @Transactional
    public Page<ValueRow> page(ValueQuery.Filter filter, PageRequest page) {
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
        Map<UUID, ValueRow> byId = rows.stream().map(ValueRow::of)
                .collect(Collectors.toMap(ValueRow::id, Function.identity()));
        List<ValueRow> ordered = new ArrayList<>(ids.items().size());
        ids.items().forEach(id -> ordered.add(byId.get(id)));
        return new Page<>(ordered, ids.nextCursor());
    }

    /**
     * Writes every matching row as CSV, header first, in the list's order. The rows come straight
     * from a database cursor over plain JDBC ({@link #FETCH_SIZE} per round trip, so memory does
     * not grow with the export), each column as the text the database sends ({@link ValueRow#CSV_COLUMNS}
     * formats numbers and times as the JSON list shows them) and is copied to the response as bytes
     * by {@link CsvWriter#field}: no entity, no Java value and no string per row. A JFR profile of
     * the export through the ORM had most of its samples in reading and converting column values.
     * Runs its own read-only transaction: PostgreSQL streams a result by cursor only inside one.
     */
    public void csv(ValueQuery.Filter filter, OutputStream response) {
        ValueQuery query = new ValueQuery(filter);
        List<Object> parameters = new ArrayList<>();
        Matcher named = PARAMETER.matcher(query.where());
        StringBuilder where = new StringBuilder();
        while (named.find()) {
            parameters.add(query.parameters.get(named.group(1)));
            named.appendReplacement(where, "?");
        }
        named.appendTail(where);
        // As text: the driver may fetch other types in binary form, which is not what the CSV shows.
        String sql = "SELECT " + String.join(", ", ValueRow.CSV_COLUMNS.stream().map(c -> "CAST(" + c.sql() + " AS text)")
                .toList()) + ValueRow.FROM + where + ValueQuery.ORDER;
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                select.setFetchSize(FETCH_SIZE);
                OutputStream out = new BufferedOutputStream(response, 64 * 1024);
                out.write(HEADER);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        for (int column = 0; column < TEXT.length; column++) {
                            if (column > 0) {
                                out.write(',');
                            }
                            CsvWriter.field(out, rows.getBytes(column + 1), TEXT[column]);
                        }
                        out.write(CRLF);
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }
}
