package de.fachplan.api.controlling.values;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;
import org.hibernate.Session;

import io.quarkus.security.identity.SecurityIdentity;

import de.fachplan.api.catalogue.District;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.common.persistence.CollectedInserts;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.controlling.indicators.Indicator;
import de.fachplan.api.controlling.indicators.IndicatorService;
import de.fachplan.api.generated.model.IndicatorValueDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionDto;

/**
 * Reported values and their approval (Freigabe): {@code DRAFT → SUBMITTED → APPROVED}. The
 * organisation that reports an indicator (its partner credentials) and city staff record and
 * submit values; controllers and admins approve. An approved value is locked; a correction is a
 * new revision with a reason, and the approved one is kept.
 */
@ApplicationScoped
public class IndicatorValueService {

    @Inject
    EntityManager em;

    @Inject
    IndicatorService indicators;

    @Inject
    WriteHistory history;

    @Inject
    Caller caller;

    @Inject
    SecurityIdentity identity;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    CollectedInserts inserts;

    /** A new value's row, inserted over plain JDBC (see {@link #report}). */
    private static final CollectedInserts.Table INDICATOR_VALUE = new CollectedInserts.Table("indicator_value (id,"
            + " indicator_id, period, period_start, district_id, value, state, revision, note, recorded_at, recorded_by,"
            + " created_at, updated_at, version)", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    /** A new value: indicator reference, period, district code (or none), value, note, initial state. */
    public record NewValue(String indicator, String period, String district, BigDecimal value, String note,
            ValueState state) {
    }

    /** A change of a value; {@code null} members stay, {@code note} may be cleared. */
    public record ValueChange(BigDecimal value, Patch<String> note, ValueState state) {
    }

    @Transactional
    public IndicatorValueDto get(UUID id) {
        return ValueRow.of(find(id));
    }

    /** What reporting a value did: created it (or reported a withdrawn one again), or changed an open one. */
    public record Reported(IndicatorValueDto value, boolean created) {
    }

    /**
     * What a run of a batch looked up, kept for its transaction: indicators by plan and reference
     * and districts by code as the first item that named them found them, and the values already
     * stored for the indicator codes and periods of the run, read at once by {@link #load}.
     */
    private static final class Lookups {
        final Map<String, Indicator> indicators = new HashMap<>();
        final Map<String, District> districts = new HashMap<>();
        final Map<String, IndicatorValue> values = new HashMap<>();
        final Set<String> codes;
        final Set<String> periods;

        Lookups(Set<String> codes, Set<String> periods) {
            this.codes = codes;
            this.periods = periods;
        }

        boolean covers(Indicator indicator, String period) {
            return codes.contains(indicator.code) && periods.contains(period);
        }

        static String slot(Indicator indicator, String period, District district) {
            return indicator.id + "/" + period + "/" + (district == null ? "" : district.id);
        }
    }

    /**
     * Reads, for a run of a batch, the values already stored for its indicator codes (in any plan)
     * and periods, and keeps lookups for the run's transaction: {@link #report} then needs no
     * statement to find an indicator, a district or an existing value again. Which values exist is
     * asked over plain JDBC with one statement text for every run (arrays, not a list of
     * parameters per item): a profile of an import job of new values had a third of its samples in
     * the ORM translating and running the query, whose text changed with each run's number of
     * codes and periods. Only values that exist are loaded as entities.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void load(List<NewValue> inputs) {
        Set<String> codes = new HashSet<>();
        Set<String> periods = new HashSet<>();
        inputs.stream().filter(v -> v != null && v.indicator() != null && v.period() != null).forEach(v -> {
            codes.add(v.indicator());
            periods.add(v.period());
        });
        Lookups lookups = new Lookups(codes, periods);
        List<UUID> stored = codes.isEmpty() ? List.of() : stored(codes, periods);
        if (!stored.isEmpty()) {
            IndicatorValue.<IndicatorValue>list("id in ?1", stored)
                    .forEach(v -> lookups.values.put(Lookups.slot(v.indicator, v.period, v.district), v));
        }
        transactions.putResource(Lookups.class, lookups);
    }

    /** The ids of the values stored for any of these indicator codes (in any plan) and periods. */
    private List<UUID> stored(Set<String> codes, Set<String> periods) {
        List<UUID> ids = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            // One probe of the slot index per indicator and period: the subquery's OFFSET 0 keeps the
            // planner from joining the whole table instead. An import fills the table faster than
            // autovacuum analyses it, and the driver's prepared statement soon runs a generic plan:
            // with the statistics of a nearly empty table, that plan scanned every value for each run
            // (in a 50,000-row import, 43 of 79 s of the worker waited on this query).
            try (PreparedStatement select = connection.prepareStatement("SELECT v.id FROM indicator i"
                    + " CROSS JOIN unnest(CAST(? AS text[])) AS p(period) CROSS JOIN LATERAL (SELECT s.id"
                    + " FROM indicator_value s WHERE s.indicator_id = i.id AND s.period = p.period OFFSET 0) v"
                    + " WHERE i.code = ANY (?)")) {
                select.setArray(1, connection.createArrayOf("text", periods.toArray()));
                select.setArray(2, connection.createArrayOf("text", codes.toArray()));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        return ids;
    }

    @Transactional
    public IndicatorValueDto create(String planRef, NewValue input) {
        return report(planRef, input, false).value();
    }

    /**
     * Reports the value of an indicator, period and district: creates it, or reports a withdrawn
     * one again as its next revision. An open value there is changed when {@code changeOpen} (the
     * bulk path) and a conflict otherwise; an approved one is locked either way.
     */
    @Transactional
    public Reported report(String planRef, NewValue input, boolean changeOpen) {
        Lookups lookups = (Lookups) transactions.getResource(Lookups.class);
        Indicator indicator = lookups == null ? indicators.find(input.indicator(), planRef)
                : lookups.indicators.computeIfAbsent(String.valueOf(planRef) + "\n" + input.indicator(),
                        ref -> indicators.find(input.indicator(), planRef));
        List<FieldError> errors = new ArrayList<>();
        Period period = indicator.frequency.period(input.period(), "/period", errors);
        IndicatorService.checkValue(indicator.unit, input.value(), "/value", errors);
        District district = null;
        if (input.district() != null) {
            district = lookups == null ? District.<District>find("code", input.district()).firstResult()
                    : lookups.districts.computeIfAbsent(input.district(),
                            code -> District.<District>find("code", code).firstResult());
            if (district == null) {
                errors.add(new FieldError("/district", "unknown district " + input.district()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        IndicatorValue existing;
        if (lookups != null && lookups.covers(indicator, period.toString())) {
            existing = lookups.values.get(Lookups.slot(indicator, period.toString(), district));
            if (existing != null && !em.contains(existing)) {
                // Created earlier in this run and not yet inserted: insert it, then change it as stored.
                inserts.write();
                existing = em.find(IndicatorValue.class, existing.id);
                lookups.values.put(Lookups.slot(indicator, period.toString(), district), existing);
            }
        } else {
            // The query must see the values this run created and has not inserted yet.
            inserts.write();
            existing = (district == null
                    ? IndicatorValue.<IndicatorValue>find("indicator = ?1 and period = ?2 and district is null",
                            indicator, period.toString())
                    : IndicatorValue.<IndicatorValue>find("indicator = ?1 and period = ?2 and district = ?3",
                            indicator, period.toString(), district)).firstResult();
        }
        OffsetDateTime now = Timestamps.now();
        ValueState initial = input.state() == null ? ValueState.DRAFT : input.state();
        if (existing != null && changeOpen && existing.state != ValueState.WITHDRAWN) {
            IndicatorService.load(indicator);
            return new Reported(change(existing, new ValueChange(input.value(),
                    Patch.ofNullable(input.note()), input.state())), false);
        }
        if (existing != null && existing.state != ValueState.WITHDRAWN) {
            throw ProblemException.conflict("Indicator " + indicator.code + " has a value for " + period.toString()
                    + (district == null ? " (city-wide)" : " in " + district.code) + " already (" + existing.id
                    + "); change or correct that one.");
        }
        if (existing != null) {
            Map<String, Object> before = history.snapshot(ValueRow.of(existing));
            archive(existing);
            existing.revision++;
            existing.revisionReason = null;
            record(existing, input.value(), input.note(), initial, now);
            em.flush();
            history.updated(ResourceType.INDICATOR_VALUE, existing.id, indicator.code, existing.version, before,
                    history.snapshot(ValueRow.of(existing)), IndicatorService.audience(indicator));
            return new Reported(ValueRow.of(existing), true);
        }
        IndicatorValue value = new IndicatorValue();
        value.indicator = indicator;
        value.period = period.toString();
        value.periodStart = period.start();
        value.district = district;
        value.createdAt = now;
        record(value, input.value(), input.note(), initial, now);
        insert(value);
        if (lookups != null) {
            lookups.values.put(Lookups.slot(indicator, value.period, district), value);
        }
        IndicatorService.load(indicator);
        history.created(ResourceType.INDICATOR_VALUE, value.id, indicator.code, value.version,
                history.snapshot(ValueRow.of(value)), IndicatorService.audience(indicator));
        return new Reported(ValueRow.of(value), true);
    }

    /**
     * Inserts a new value over plain JDBC instead of through the ORM: its row waits with the
     * transaction's audit and feed rows, and in a batch run goes in with the run's other new
     * values in one multi-row statement ({@link CollectedInserts}). In a profile of a 50,000-row
     * import job, two fifths of the worker's samples were in the ORM's persist and flush of each
     * new value. The id and the first version are set here as the ORM would set them; the value is
     * not managed, so a later change of it in the same run loads it first ({@link #report}).
     */
    private void insert(IndicatorValue value) {
        value.id = UUID.randomUUID();
        value.version = 0;
        inserts.insert(INDICATOR_VALUE, value.id, value.indicator.id, value.period, value.periodStart,
                value.district == null ? null : value.district.id, value.value, value.state.name(), value.revision,
                value.note, value.recordedAt, value.recordedBy, value.createdAt, value.updatedAt, value.version);
    }

    private void record(IndicatorValue value, BigDecimal figure, String note, ValueState state, OffsetDateTime now) {
        value.value = figure;
        value.note = note;
        value.state = state;
        value.recordedAt = now;
        value.recordedBy = caller.displayName();
        value.approvedAt = null;
        value.approvedBy = null;
        value.updatedAt = now;
    }

    @Transactional
    public IndicatorValueDto update(UUID id, String ifMatch, ValueChange change) {
        IndicatorValue value = find(id);
        ETags.requireMatch(ifMatch, value.version);
        return change(value, change);
    }

    private IndicatorValueDto change(IndicatorValue value, ValueChange change) {
        requireOpen(value);
        Map<String, Object> before = history.snapshot(ValueRow.of(value));
        List<FieldError> errors = new ArrayList<>();
        boolean figuresChange = change.value() != null || change.note().isPresent();
        if (change.value() != null) {
            IndicatorService.checkValue(value.indicator.unit, change.value(), "/value", errors);
        }
        if (change.state() == ValueState.APPROVED && figuresChange) {
            errors.add(new FieldError("/state", "approve a value as it was submitted; change value and note first"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        OffsetDateTime now = Timestamps.now();
        if (change.state() != null && change.state() != value.state) {
            transition(value, change.state(), now);
        }
        if (change.value() != null) {
            value.value = change.value();
        }
        value.note = change.note().applyTo(value.note);
        value.updatedAt = now;
        em.flush();
        history.updated(ResourceType.INDICATOR_VALUE, value.id, value.indicator.code, value.version, before,
                history.snapshot(ValueRow.of(value)), IndicatorService.audience(value.indicator));
        return ValueRow.of(value);
    }

    private void transition(IndicatorValue value, ValueState to, OffsetDateTime now) {
        boolean allowed = switch (value.state) {
            case DRAFT -> to == ValueState.SUBMITTED;
            case SUBMITTED -> to == ValueState.APPROVED || to == ValueState.DRAFT;
            default -> false;
        };
        if (!allowed) {
            throw new ProblemException(ProblemType.ILLEGAL_STATUS_TRANSITION, "A value in state " + value.state
                    + " cannot change to " + to + "; the way is DRAFT → SUBMITTED → APPROVED.");
        }
        if (to == ValueState.APPROVED) {
            if (!identity.hasRole(Role.CONTROLLER_NAME) && !identity.hasRole(Role.ADMIN_NAME)) {
                throw new ProblemException(ProblemType.FORBIDDEN, "Only the controlling unit approves values.");
            }
            value.approvedAt = now;
            value.approvedBy = caller.displayName();
        }
        value.state = to;
    }

    @Transactional
    public void withdraw(UUID id, String ifMatch) {
        IndicatorValue value = find(id);
        ETags.requireMatch(ifMatch, value.version);
        requireOpen(value);
        Map<String, Object> before = history.snapshot(ValueRow.of(value));
        archive(value);
        value.revision++;
        value.revisionReason = null;
        record(value, null, null, ValueState.WITHDRAWN, Timestamps.now());
        em.flush();
        history.updated(ResourceType.INDICATOR_VALUE, value.id, value.indicator.code, value.version, before,
                history.snapshot(ValueRow.of(value)), IndicatorService.audience(value.indicator));
    }

    @Transactional
    public IndicatorValueDto revise(UUID id, String ifMatch, BigDecimal figure, String reason, String note) {
        IndicatorValue value = find(id);
        ETags.requireMatch(ifMatch, value.version);
        if (value.state != ValueState.APPROVED) {
            throw ProblemException.conflict("Only an approved value is corrected by a revision; this one is "
                    + value.state + " and is changed with PATCH.");
        }
        List<FieldError> errors = new ArrayList<>();
        IndicatorService.checkValue(value.indicator.unit, figure, "/value", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Map<String, Object> before = history.snapshot(ValueRow.of(value));
        archive(value);
        value.revision++;
        value.revisionReason = reason;
        record(value, figure, note == null ? value.note : note, ValueState.SUBMITTED, Timestamps.now());
        em.flush();
        history.updated(ResourceType.INDICATOR_VALUE, value.id, value.indicator.code, value.version, before,
                history.snapshot(ValueRow.of(value)), IndicatorService.audience(value.indicator));
        return ValueRow.of(value);
    }

    /** Every revision of a value, oldest first, the current one last. */
    @Transactional
    public List<IndicatorValueRevisionDto> revisions(UUID id) {
        IndicatorValue value = find(id);
        List<Row> rows = Row.list(em.createNativeQuery("SELECT revision, value, state, reason, note, recorded_at,"
                + " recorded_by, approved_at, approved_by FROM indicator_value_revision WHERE value_id = :id"
                + " ORDER BY revision").setParameter("id", id));
        List<IndicatorValueRevisionDto> revisions = new ArrayList<>(rows.size() + 1);
        rows.forEach(row -> revisions.add(ValueMapper.revision(row)));
        revisions.add(ValueMapper.revision(value));
        return revisions;
    }

    /** Keeps the current revision readable before the row takes the next one. */
    private void archive(IndicatorValue value) {
        em.createNativeQuery("INSERT INTO indicator_value_revision (value_id, revision, value, state, reason, note,"
                + " recorded_at, recorded_by, approved_at, approved_by)"
                + " VALUES (:id, :revision, :value, :state, :reason, :note, :recordedAt, :recordedBy, :approvedAt,"
                + " :approvedBy)")
                .setParameter("id", value.id).setParameter("revision", value.revision)
                .setParameter("value", value.value).setParameter("state", value.state.name())
                .setParameter("reason", value.revisionReason).setParameter("note", value.note)
                .setParameter("recordedAt", value.recordedAt).setParameter("recordedBy", value.recordedBy)
                .setParameter("approvedAt", value.approvedAt).setParameter("approvedBy", value.approvedBy)
                .executeUpdate();
    }

    private static void requireOpen(IndicatorValue value) {
        if (value.state == ValueState.APPROVED) {
            throw ProblemException.conflict("The value is approved and locked; correct it with a new revision"
                    + " (POST /indicator-values/" + value.id + "/revisions).");
        }
        if (value.state == ValueState.WITHDRAWN) {
            throw ProblemException.conflict("The value was withdrawn; report it again with POST /indicator-values.");
        }
    }

    /** The value if the caller may see it: staff always, a partner for the indicators it reports. */
    private IndicatorValue find(UUID id) {
        IndicatorValue value = IndicatorValue.findById(id);
        UUID partner = caller.partnerScope();
        if (value == null || partner != null && (value.indicator.reportingOrganisation == null
                || !partner.equals(value.indicator.reportingOrganisation.id))) {
            throw ProblemException.notFound("No indicator value " + id + ".");
        }
        IndicatorService.load(value.indicator);
        Hibernate.initialize(value.district);
        return value;
    }
}
