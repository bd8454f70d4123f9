package de.fachplan.api.measures;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * The set-based SQL of status batches: a run of updates reads and locks its measures in one
 * statement and writes what it changed back in one, where the entity would cost a load, a flush
 * and an UPDATE of every column per item. The rules stay in {@link StatusUpdates}.
 */
@ApplicationScoped
class StatusRows {

    private static final String LOCK = "SELECT m.id, m.plan_id, p.code AS plan, m.code, m.status, m.progress,"
            + " m.status_note, m.version, m.public, m.lead_organisation_id,"
            + " ARRAY(SELECT mp.organisation_id FROM measure_partner mp WHERE mp.measure_id = m.id) AS partners,"
            + " (SELECT r.reference FROM measure_external_reference r WHERE r.measure_id = m.id"
            + " AND r.organisation_id = ?) AS reference"
            + " FROM measure m JOIN plan p ON p.id = m.plan_id"
            + " WHERE m.id = ANY (?) OR (m.plan_id, m.code) IN (SELECT * FROM unnest(?::uuid[], ?::text[]))"
            + " OR m.id IN (SELECT r.measure_id FROM measure_external_reference r"
            + " WHERE r.organisation_id = ? AND r.reference = ANY (?))"
            // One order for every run: two runs that share measures wait for each other instead of deadlocking.
            + " ORDER BY m.id FOR UPDATE OF m";

    private static final String WRITE = "UPDATE measure m SET status = v.status, progress = v.progress,"
            + " status_note = v.status_note, updated_at = v.updated_at, version = v.version"
            + " FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[]::timestamptz[], ?::bigint[])"
            + " AS v(id, status, progress, status_note, updated_at, version) WHERE m.id = v.id";

    @Inject
    EntityManager em;

    /** A measure as a status batch reads it; a run changes the status members item by item. */
    static final class Locked {
        final UUID id;
        final UUID planId;
        final String plan;
        final String code;
        final boolean publiclyVisible;
        final Set<UUID> organisations;
        /** The caller's own reference for the measure, if the caller is a partner that set one. */
        final String reference;
        private final long readVersion;
        MeasureStatus status;
        int progress;
        String statusNote;
        long version;
        OffsetDateTime updatedAt;

        private Locked(ResultSet row) throws SQLException {
            id = row.getObject("id", UUID.class);
            planId = row.getObject("plan_id", UUID.class);
            plan = row.getString("plan");
            code = row.getString("code");
            status = MeasureStatus.valueOf(row.getString("status"));
            progress = row.getInt("progress");
            statusNote = row.getString("status_note");
            version = row.getLong("version");
            readVersion = version;
            publiclyVisible = row.getBoolean("public");
            organisations = new HashSet<>(Arrays.asList((UUID[]) row.getArray("partners").getArray()));
            UUID lead = row.getObject("lead_organisation_id", UUID.class);
            if (lead != null) {
                organisations.add(lead);
            }
            reference = row.getString("reference");
        }

        boolean changed() {
            return version != readVersion;
        }
    }

    /**
     * Reads and locks, until the transaction ends, the measures named by id, by code within a plan
     * ({@code planIds} and {@code codes} pairwise), or by the {@code references} of {@code organisation}.
     */
    List<Locked> lock(List<UUID> ids, List<UUID> planIds, List<String> codes, UUID organisation,
            List<String> references) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(LOCK)) {
                select.setObject(1, organisation, Types.OTHER);
                select.setArray(2, array(connection, "uuid", ids));
                select.setArray(3, array(connection, "uuid", planIds));
                select.setArray(4, array(connection, "text", codes));
                select.setObject(5, organisation, Types.OTHER);
                select.setArray(6, array(connection, "text", references));
                List<Locked> locked = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        locked.add(new Locked(rows));
                    }
                }
                return locked;
            }
        });
    }

    /** Writes the status members of the measures that changed, all in one statement. */
    void write(List<Locked> measures) {
        List<Locked> changed = measures.stream().filter(Locked::changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement update = connection.prepareStatement(WRITE)) {
                update.setArray(1, array(connection, "uuid", changed.stream().map(m -> m.id).toList()));
                update.setArray(2, array(connection, "text", changed.stream().map(m -> m.status.name()).toList()));
                update.setArray(3, array(connection, "int4", changed.stream().map(m -> m.progress).toList()));
                update.setArray(4, array(connection, "text", changed.stream().map(m -> m.statusNote).toList()));
                update.setArray(5, array(connection, "text", changed.stream().map(m -> m.updatedAt.toString()).toList()));
                update.setArray(6, array(connection, "int8", changed.stream().map(m -> m.version).toList()));
                update.executeUpdate();
            }
        });
    }

    private static Array array(Connection connection, String type, List<?> values) throws SQLException {
        return connection.createArrayOf(type, values.toArray());
    }
}
