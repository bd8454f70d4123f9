package de.fachplan.api.controlling.indicators;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Hibernate;

import de.fachplan.api.catalogue.ActionField;
import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Refs;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.problem.FieldChecks;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.measures.Measure;
import de.fachplan.api.organisations.Organisation;

/**
 * The definitions of indicators. Staff read all of them; a partner reads the indicators its
 * organisation reports. Editors, controllers and admins define them (checked on the resource).
 */
@ApplicationScoped
public class IndicatorService {

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    WriteHistory history;

    @Inject
    Caller caller;

    public record Baseline(String period, BigDecimal value) {
    }

    /** A target for one period: a value, or for {@link Direction#TARGET_RANGE} a range. */
    public record TargetInput(String period, BigDecimal value, BigDecimal min, BigDecimal max) {

        /** What is wrong with this target for an indicator of that direction and unit; empty if nothing. */
        public List<FieldError> problems(Direction direction, Unit unit, String pointer) {
            List<FieldError> errors = new ArrayList<>();
            if (direction == Direction.TARGET_RANGE) {
                if (min == null || max == null || value != null) {
                    errors.add(new FieldError(pointer, "a target range gives min and max, not value"));
                    return errors;
                }
                checkValue(unit, min, pointer + "/min", errors);
                checkValue(unit, max, pointer + "/max", errors);
                if (min.compareTo(max) > 0) {
                    errors.add(new FieldError(pointer + "/max", "must not be below min"));
                }
            } else {
                if (value == null || min != null || max != null) {
                    errors.add(new FieldError(pointer, "a target of direction " + direction
                            + " gives value, not min and max"));
                    return errors;
                }
                checkValue(unit, value, pointer + "/value", errors);
            }
            return errors;
        }
    }

    /**
     * An indicator with every association {@link IndicatorMapper} reads, in one statement: loaded
     * one by one, a page of indicators cost a statement per association and row.
     */
    private static final String WITH_WHAT_THE_API_SHOWS = "SELECT DISTINCT i FROM Indicator i JOIN FETCH i.plan"
            + " LEFT JOIN FETCH i.actionField LEFT JOIN FETCH i.measure LEFT JOIN FETCH i.reportingOrganisation"
            + " LEFT JOIN FETCH i.targets";

    @Transactional
    public Page<Indicator> list(String planRef, String actionField, String measure, UUID organisation,
            PageRequest page) {
        Plan plan = plans.resolve(planRef);
        KeysetQuery query = new KeysetQuery("indicator i LEFT JOIN action_field af ON af.id = i.action_field_id"
                + " LEFT JOIN measure m ON m.id = i.measure_id", "i.id")
                .where("i.plan_id = :plan", "plan", plan.id);
        if (actionField != null) {
            query.where("af.code = :field", "field", actionField);
        }
        if (measure != null) {
            query.where("m.code = :measure", "measure", measure);
        }
        if (organisation != null) {
            query.where("i.reporting_organisation_id = :organisation", "organisation", organisation);
        }
        UUID partner = caller.partnerScope();
        if (partner != null) {
            query.where("i.reporting_organisation_id = :partner", "partner", partner);
        }
        Page<UUID> ids = query.orderBy(List.of(SortColumn.asc("i.code", SortColumn.ValueKind.TEXT))).fetch(em, page);
        return new Page<>(Entities.inOrder(Indicator.list(WITH_WHAT_THE_API_SHOWS + " WHERE i.id IN ?1", ids.items()),
                ids.items(), i -> i.id), ids.nextCursor());
    }

    @Transactional
    public Indicator get(String ref, String planRef) {
        Indicator indicator = find(ref, planRef);
        load(indicator);
        return indicator;
    }

    /** The indicator as the caller may see it; 404 for one that is unknown or not the partner's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Indicator find(String ref, String planRef) {
        Indicator indicator = Refs.asUuid(ref).map(id -> Indicator.<Indicator>findById(id))
                .orElseGet(() -> Indicator.<Indicator>find("plan = ?1 and code = ?2", plans.resolve(planRef), ref)
                        .firstResult());
        UUID partner = caller.partnerScope();
        if (indicator == null || partner != null && (indicator.reportingOrganisation == null
                || !partner.equals(indicator.reportingOrganisation.id))) {
            throw ProblemException.notFound("No indicator " + ref + ".");
        }
        return indicator;
    }

    @Transactional
    public Indicator create(String planRef, IndicatorDefinition definition) {
        Plan plan = plans.resolve(planRef);
        List<FieldError> errors = new ArrayList<>();
        Indicator indicator = new Indicator();
        indicator.plan = plan;
        indicator.code = definition.code();
        indicator.unit = definition.unit();
        indicator.frequency = definition.frequency();
        indicator.illustrative = Boolean.TRUE.equals(definition.illustrative());
        Measure measure = null;
        if (definition.measure() != null) {
            measure = Measure.<Measure>find("plan = ?1 and code = ?2", plan, definition.measure()).firstResult();
            if (measure == null) {
                errors.add(new FieldError("/measure", "unknown measure " + definition.measure() + " in plan " + plan.code));
            }
        }
        ActionField field = null;
        if (definition.actionField() != null) {
            field = ActionField.<ActionField>find("plan = ?1 and code = ?2", plan, definition.actionField()).firstResult();
            if (field == null) {
                errors.add(new FieldError("/actionField", "unknown action field " + definition.actionField()
                        + " in plan " + plan.code));
            }
        }
        if (measure != null && field != null && !measure.actionField.id.equals(field.id)) {
            errors.add(new FieldError("/actionField", "must be the measure's action field " + measure.actionField.code));
        }
        if (definition.measure() == null && definition.actionField() == null) {
            errors.add(new FieldError("/actionField", "give the action field or the measure the indicator belongs to"));
        }
        indicator.measure = measure;
        indicator.actionField = measure != null ? measure.actionField : field;
        apply(indicator, definition, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (Indicator.count("plan = ?1 and code = ?2", plan, definition.code()) > 0) {
            throw ProblemException.conflict("Indicator " + definition.code() + " exists already in plan " + plan.code + ".");
        }
        OffsetDateTime now = Timestamps.now();
        indicator.createdAt = now;
        indicator.updatedAt = now;
        indicator.persist();
        em.flush();
        load(indicator);
        history.created(ResourceType.INDICATOR, indicator.id, indicator.code, indicator.version,
                history.snapshot(IndicatorMapper.toDto(indicator)), audience(indicator));
        return indicator;
    }

    @Transactional
    public Indicator update(String ref, String planRef, String ifMatch, IndicatorDefinition change) {
        Indicator indicator = find(ref, planRef);
        ETags.requireMatch(ifMatch, indicator.version);
        load(indicator);
        Map<String, Object> before = history.snapshot(IndicatorMapper.toDto(indicator));
        WriteHistory.Audience audienceBefore = audience(indicator);
        List<FieldError> errors = new ArrayList<>();
        apply(indicator, change, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        indicator.updatedAt = Timestamps.now();
        // The targets live in their own table; a change of them alone must still count as a new version.
        em.lock(indicator, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        em.flush();
        Set<UUID> organisations = new HashSet<>(audienceBefore.organisations());
        organisations.addAll(audience(indicator).organisations());
        history.updated(ResourceType.INDICATOR, indicator.id, indicator.code, indicator.version, before,
                history.snapshot(IndicatorMapper.toDto(indicator)), new WriteHistory.Audience(false, organisations));
        return indicator;
    }

    /** Who may see an indicator's changes in the feed besides staff: the organisation that reports it. */
    public static WriteHistory.Audience audience(Indicator indicator) {
        return new WriteHistory.Audience(false, indicator.reportingOrganisation == null ? Set.of()
                : Set.of(indicator.reportingOrganisation.id));
    }

    private void apply(Indicator indicator, IndicatorDefinition d, List<FieldError> errors) {
        if (d.nameDe() != null) {
            indicator.nameDe = d.nameDe();
            indicator.nameEn = d.nameEn();
        }
        indicator.descriptionDe = d.descriptionDe().applyTo(indicator.descriptionDe);
        indicator.descriptionEn = d.descriptionEn().applyTo(indicator.descriptionEn);
        if (d.direction() != null) {
            indicator.direction = d.direction();
        }
        if (d.illustrative() != null) {
            indicator.illustrative = d.illustrative();
        }
        d.reportingOrganisation().ifPresent(id -> {
            Organisation organisation = id == null ? null : Organisation.findById(id);
            if (id != null && organisation == null) {
                errors.add(new FieldError("/reportingOrganisation", "unknown organisation " + id));
            }
            indicator.reportingOrganisation = organisation;
        });
        d.baseline().ifPresent(baseline -> {
            if (baseline == null) {
                indicator.baselinePeriod = null;
                indicator.baselineValue = null;
            } else {
                indicator.frequency.period(baseline.period(), "/baseline/period", errors);
                checkValue(indicator.unit, baseline.value(), "/baseline/value", errors);
                indicator.baselinePeriod = baseline.period();
                indicator.baselineValue = baseline.value();
            }
        });
        // A merge patch's targets arrive unconstrained by bean validation (see MeasureService).
        if (d.targets() != null && FieldChecks.size(errors, "/targets", d.targets(), 240)) {
            indicator.targets.clear();
            Set<String> periods = new HashSet<>();
            for (int i = 0; i < d.targets().size(); i++) {
                indicator.targets.add(target(indicator, d.targets().get(i), "/targets/" + i, periods, errors));
            }
            indicator.targets.sort(java.util.Comparator.comparing(t -> t.period));
        } else if (d.direction() != null) {
            for (int i = 0; i < indicator.targets.size(); i++) {
                Indicator.Target t = indicator.targets.get(i);
                errors.addAll(new TargetInput(t.period, t.value, t.min, t.max).problems(indicator.direction, indicator.unit,
                        "/targets/" + i));
            }
        }
    }

    private static Indicator.Target target(Indicator indicator, TargetInput input, String pointer, Set<String> periods,
            List<FieldError> errors) {
        indicator.frequency.period(input.period(), pointer + "/period", errors);
        if (!periods.add(input.period())) {
            errors.add(new FieldError(pointer + "/period", "appears twice; give one target per period"));
        }
        errors.addAll(input.problems(indicator.direction, indicator.unit, pointer));
        Indicator.Target target = new Indicator.Target();
        target.period = input.period();
        target.value = input.value();
        target.min = input.min();
        target.max = input.max();
        return target;
    }

    public static void checkValue(Unit unit, BigDecimal value, String pointer, List<FieldError> errors) {
        String problem = unit.problemWith(value);
        if (problem != null) {
            errors.add(new FieldError(pointer, problem));
        }
    }

    public static void load(Indicator indicator) {
        Hibernate.initialize(indicator.plan);
        Hibernate.initialize(indicator.actionField);
        Hibernate.initialize(indicator.measure);
        Hibernate.initialize(indicator.reportingOrganisation);
        Hibernate.initialize(indicator.targets);
    }
}
