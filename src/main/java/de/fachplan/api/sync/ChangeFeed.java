package de.fachplan.api.sync;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.time.Timestamps;

/**
 * Reads the change feed.
 *
 * <p>Why no change is ever skipped: positions are ordered by (transaction id, sequence). A
 * transaction id is fixed when a transaction first writes, so a transaction that is still running
 * has an id at or above the oldest running one ({@code pg_snapshot_xmin}); the feed only shows
 * rows below that bound, whose transactions have all ended. Rows of an ended transaction never
 * change, and every later row gets a larger id, so nothing can appear behind a cursor once it was
 * handed out, no matter in which order transactions commit.
 */
@ApplicationScoped
public class ChangeFeed {

    /** One entry of the feed, as read from the table. */
    public record Entry(Position position, String type, UUID resourceId, String code, String operation,
            Long version, OffsetDateTime changedAt) {
    }

    public record Batch(List<Entry> entries, String nextCursor, boolean hasMore) {
    }

    @Inject
    EntityManager em;

    @Transactional
    /**
     * @param partner the organisation of a partner caller, who sees the changes of the measures
     *        that were visible to it when they were made; {@code null} for staff
     */
    public Batch read(String cursor, Set<String> types, int limit, UUID partner) {
        long[] after = cursor == null ? new long[] { -1, -1 } : decode(cursor);
        StringBuilder sql = new StringBuilder("SELECT txid, position, resource_type, resource_id, resource_code,"
                + " operation, version, changed_at FROM change_event"
                + " WHERE (txid, position) > (:txid, :position)"
                + " AND txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
        if (!types.isEmpty()) {
            sql.append(" AND resource_type IN (:types)");
        }
        if (partner != null) {
            sql.append(" AND (public OR CAST(:partner AS uuid) = ANY (organisations))");
        }
        sql.append(" ORDER BY txid, position LIMIT :limit");
        var query = em.createNativeQuery(sql.toString())
                .setParameter("txid", after[0]).setParameter("position", after[1]).setParameter("limit", limit + 1);
        if (!types.isEmpty()) {
            query.setParameter("types", types);
        }
        if (partner != null) {
            query.setParameter("partner", partner);
        }
        List<Row> rows = Row.list(query);
        boolean more = rows.size() > limit;
        List<Entry> entries = new ArrayList<>();
        for (Row row : more ? rows.subList(0, limit) : rows) {
            entries.add(new Entry(new Position(row.number("txid"), row.number("position")), row.text("resource_type"),
                    row.uuid("resource_id"), row.text("resource_code"), row.text("operation"), row.number("version"),
                    Timestamps.fromColumn(row.get("changed_at"))));
        }
        String next = entries.isEmpty() ? encode(after[0], after[1]) : entries.get(entries.size() - 1).position().cursor();
        return new Batch(entries, next, more);
    }

    /** A position in the feed: after the change at (txid, position). */
    public record Position(long txid, long position) {
        public String cursor() {
            return encode(txid, position);
        }
    }

    /**
     * The position up to which the feed is final now: every change at or before it belongs to a
     * transaction that has ended, and every later change will come after it. A client that read
     * something as of this position and stores it misses nothing when it next asks for the changes
     * after it.
     */
    @Transactional
    public Position head() {
        List<Row> rows = Row.list(em.createNativeQuery("SELECT txid, position FROM change_event"
                + " WHERE txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
                + " ORDER BY txid DESC, position DESC LIMIT 1"));
        return rows.isEmpty() ? new Position(-1, -1) : new Position(rows.get(0).number("txid"), rows.get(0).number("position"));
    }

    /** Reads a cursor of this feed handed out earlier; a 400 naming {@code parameter} if it is none. */
    public static Position parse(String cursor, String parameter) {
        try {
            long[] at = decode(cursor);
            return new Position(at[0], at[1]);
        } catch (ProblemException e) {
            throw ProblemException.badRequest("#/query/" + parameter, "is not a position of the change feed");
        }
    }

    /**
     * A SQL condition (with its parameters) that holds for the resources of {@code type} changed
     * after {@code after} up to {@code upTo}: the feed's order, so a late commit is never missed.
     */
    public static Condition changedBetween(String idExpression, String type, Position after, Position upTo) {
        return new Condition(idExpression + " IN (SELECT ce.resource_id FROM change_event ce"
                + " WHERE ce.resource_type = :feedType AND (ce.txid, ce.position) > (:feedAfterTxid, :feedAfterPosition)"
                + " AND (ce.txid, ce.position) <= (:feedUpToTxid, :feedUpToPosition))",
                java.util.Map.of("feedType", type, "feedAfterTxid", after.txid(), "feedAfterPosition", after.position(),
                        "feedUpToTxid", upTo.txid(), "feedUpToPosition", upTo.position()));
    }

    /** A SQL fragment and its named parameters. */
    public record Condition(String sql, java.util.Map<String, Object> parameters) {
    }

    static String encode(long txid, long position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((txid + ":" + position).getBytes(StandardCharsets.US_ASCII));
    }

    static long[] decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(cursor);
            }
            return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("#/query/cursor", "is not a cursor of the change feed");
        }
    }
}
