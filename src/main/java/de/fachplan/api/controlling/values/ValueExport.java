package de.fachplan.api.controlling.values;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.query.NativeQuery;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;

/**
 * Lists and exports reported values. The JSON list is paged by keyset; the CSV export reads the
 * rows through a forward-only database cursor in batches and writes each as it comes, so memory
 * does not grow with the number of rows.
 */
@ApplicationScoped
public class ValueExport {

    /** Rows fetched from the database per round trip while streaming. */
    static final int FETCH_SIZE = 1000;

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
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(ValueRow.SELECT + ValueRow.FROM + " WHERE v.id IN (:ids)")
                .setParameter("ids", ids.items()).getResultList();
        Map<UUID, ValueRow> byId = rows.stream().map(ValueRow::of)
                .collect(Collectors.toMap(ValueRow::id, Function.identity()));
        List<ValueRow> ordered = new ArrayList<>(ids.items().size());
        ids.items().forEach(id -> ordered.add(byId.get(id)));
        return new Page<>(ordered, ids.nextCursor());
    }

    /**
     * Writes every matching row as CSV, header first, in the list's order. Runs its own read-only
     * transaction: PostgreSQL streams a result by cursor only inside one.
     */
    public void csv(ValueQuery.Filter filter, OutputStream out) {
        ValueQuery query = new ValueQuery(filter);
        CsvWriter csv = new CsvWriter(out);
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                csv.record(ValueRow.CSV_HEADER);
                NativeQuery<?> select = em.createNativeQuery(ValueRow.SELECT + ValueRow.FROM + query.where()
                        + ValueQuery.ORDER).unwrap(NativeQuery.class);
                query.parameters.forEach(select::setParameter);
                select.setFetchSize(FETCH_SIZE).setReadOnly(true);
                try (ScrollableResults<?> rows = select.scroll(ScrollMode.FORWARD_ONLY)) {
                    while (rows.next()) {
                        csv.record(ValueRow.of((Object[]) rows.get()).csv());
                    }
                }
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
