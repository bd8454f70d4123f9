package de.fachplan.api.controlling.values;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import io.quarkus.security.identity.SecurityIdentity;

import de.fachplan.api.catalogue.District;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.patch.Patch;
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

    /** A new value: indicator reference, period, district code (or none), value, note, initial state. */
    public record NewValue(String indicator, String period, String district, BigDecimal value, String note,
            ValueState state) {
    }

    /** A change of a value; {@code null} members stay, {@code note} may be cleared. */
    public record ValueChange(BigDecimal value, Patch<String> note, ValueState state) {
    }

    /** One revision of a value, the current one included. */
    public record Revision(int revision, BigDecimal value, String state, String reason, String note,
            OffsetDateTime recordedAt, String recordedBy, OffsetDateTime approvedAt, String approvedBy) {
    }

    @Transactional
    public ValueRow get(UUID id) {
        return ValueRow.of(find(id));
    }

    /** What reporting a value did: created it (or reported a withdrawn one again), or changed an open one. */
    public record Reported(ValueRow row, boolean created) {
    }

    @Transactional
    public ValueRow create(String planRef, NewValue input) {
        return report(planRef, input, false).row();
    }

    /**
     * Reports the value of an indicator, period and district: creates it, or reports a withdrawn
     * one again as its next revision. An open value there is changed when {@code changeOpen} (the
     * bulk path) and a conflict otherwise; an approved one is locked either way.
     */
    @Transactional
    public Reported report(String planRef, NewValue input, boolean changeOpen) {
        Indicator indicator = indicators.find(input.indicator(), planRef);
        List<FieldError> errors = new ArrayList<>();
        Period period = indicator.frequency.period(input.period(), "/period", errors);
        IndicatorService.checkValue(indicator.unit, input.value(), "/value", errors);
        District district = null;
        if (input.district() != null) {
            district = District.<District>find("code", input.district()).firstResult();
            if (district == null) {
                errors.add(new FieldError("/district", "unknown district " + input.district()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        IndicatorValue existing = (district == null
                ? IndicatorValue.<IndicatorValue>find("indicator = ?1 and period = ?2 and district is null", indicator,
                        period.toString())
                : IndicatorValue.<IndicatorValue>find("indicator = ?1 and period = ?2 and district = ?3", indicator,
                        period.toString(), district)).firstResult();
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
            Map<String, Object> before = history.snapshot(ValueRow.of(existing).toDto());
            archive(existing);
            existing.revision++;
            existing.revisionReason = null;
            record(existing, input.value(), input.note(), initial, now);
            em.flush();
            history.updated(ResourceType.INDICATOR_VALUE, existing.id, indicator.code, existing.version, before,
                    history.snapshot(ValueRow.of(existing).toDto()), IndicatorService.audience(indicator));
            return new Reported(ValueRow.of(existing), true);
        }
        IndicatorValue value = new IndicatorValue();
        value.indicator = indicator;
        value.period = period.toString();
        value.periodStart = period.start();
        value.district = district;
        value.createdAt = now;
        record(value, input.value(), input.note(), initial, now);
        value.persist();
        em.flush();
        IndicatorService.load(indicator);
        history.created(ResourceType.INDICATOR_VALUE, value.id, indicator.code, value.version,
                history.snapshot(ValueRow.of(value).toDto()), IndicatorService.audience(indicator));
        return new Reported(ValueRow.of(value), true);
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
    public ValueRow update(UUID id, String ifMatch, ValueChange change) {
        IndicatorValue value = find(id);
        ETags.requireMatch(ifMatch, value.version);
        return change(value, change);
    }

    private ValueRow change(IndicatorValue value, ValueChange change) {
        requireOpen(value);
        Map<String, Object> before = history.snapshot(ValueRow.of(value).toDto());
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
                history.snapshot(ValueRow.of(value).toDto()), IndicatorService.audience(value.indicator));
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
        Map<String, Object> before = history.snapshot(ValueRow.of(value).toDto());
        archive(value);
        value.revision++;
        value.revisionReason = null;
        record(value, null, null, ValueState.WITHDRAWN, Timestamps.now());
        em.flush();
        history.updated(ResourceType.INDICATOR_VALUE, value.id, value.indicator.code, value.version, before,
                history.snapshot(ValueRow.of(value).toDto()), IndicatorService.audience(value.indicator));
    }

    @Transactional
    public ValueRow revise(UUID id, String ifMatch, BigDecimal figure, String reason, String note) {
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
        Map<String, Object> before = history.snapshot(ValueRow.of(value).toDto());
        archive(value);
        value.revision++;
        value.revisionReason = reason;
        record(value, figure, note == null ? value.note : note, ValueState.SUBMITTED, Timestamps.now());
        em.flush();
        history.updated(ResourceType.INDICATOR_VALUE, value.id, value.indicator.code, value.version, before,
                history.snapshot(ValueRow.of(value).toDto()), IndicatorService.audience(value.indicator));
        return ValueRow.of(value);
    }

    @Transactional
    public List<Revision> revisions(UUID id) {
        IndicatorValue value = find(id);
        List<Row> rows = Row.list(em.createNativeQuery("SELECT revision, value, state, reason, note, recorded_at,"
                + " recorded_by, approved_at, approved_by FROM indicator_value_revision WHERE value_id = :id"
                + " ORDER BY revision").setParameter("id", id));
        List<Revision> revisions = new ArrayList<>(rows.size() + 1);
        for (Row row : rows) {
            revisions.add(new Revision(row.number("revision").intValue(), row.get("value", BigDecimal.class),
                    row.text("state"), row.text("reason"), row.text("note"), Timestamps.fromColumn(row.get("recorded_at")),
                    row.text("recorded_by"), row.get("approved_at") == null ? null : Timestamps.fromColumn(row.get("approved_at")),
                    row.text("approved_by")));
        }
        revisions.add(new Revision(value.revision, value.value, value.state.name(), value.revisionReason, value.note,
                value.recordedAt, value.recordedBy, value.approvedAt, value.approvedBy));
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
