package de.fachplan.api.controlling.values;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.paging.ListFilter;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.sync.ChangeFeed;

/**
 * The filters of the value list and export as SQL conditions over {@link ValueRow#FROM}, with
 * their parameters. Both the paged JSON list and the streamed CSV use them, in the same order.
 */
public final class ValueQuery {

    /** The district filter's name for the city-wide values (without district). */
    static final String CITY = "CITY";

    /** The conditions on the indicator alone (over {@link ValueRow#INDICATORS}). */
    final List<String> indicatorConditions = new ArrayList<>();
    /** The other conditions: on the value and its district. */
    final List<String> valueConditions = new ArrayList<>();
    final Map<String, Object> parameters = new LinkedHashMap<>();

    /**
     * The requested filters, grouped: which indicators, which periods, which changes. A
     * {@code null} member (or group member) does not filter.
     */
    public record Filter(UUID plan, Indicators indicators, Periods periods, String district, ValueState state,
            Changes changes, UUID partner) implements ListFilter {
    }

    /** The indicators of an action field, or one indicator. */
    public record Indicators(String actionField, String indicator) {
    }

    /** The periods from one up to another (each a period of any frequency). */
    public record Periods(String from, String to) {
    }

    /** The values modified since a time, and a delta's part of the change feed ({@code window}). */
    public record Changes(OffsetDateTime modifiedSince, Window window) {
    }

    /** The values changed after {@code after} up to {@code upTo} in the change feed. */
    public record Window(ChangeFeed.Position after, ChangeFeed.Position upTo) {
    }

    ValueQuery(Filter filter) {
        addOnIndicator("i.plan_id = :plan", "plan", filter.plan());
        if (filter.indicators().actionField() != null) {
            addOnIndicator("af.code = :actionField", "actionField", filter.indicators().actionField());
        }
        if (filter.indicators().indicator() != null) {
            addOnIndicator("i.code = :indicator", "indicator", filter.indicators().indicator());
        }
        if (filter.periods().from() != null) {
            LocalDate start = Period.required(filter.periods().from(), "periodFrom").start();
            add("v.period_start >= :periodFrom", "periodFrom", start);
        }
        if (filter.periods().to() != null) {
            LocalDate end = Period.required(filter.periods().to(), "periodTo").end();
            add("v.period_start <= :periodTo", "periodTo", end);
        }
        if (CITY.equals(filter.district())) {
            valueConditions.add("v.district_id IS NULL");
        } else if (filter.district() != null) {
            add("d.code = :district", "district", filter.district());
        }
        if (filter.state() != null) {
            add("v.state = :state", "state", filter.state().name());
        } else if (filter.changes().window() == null) {
            valueConditions.add("v.state <> 'WITHDRAWN'");
        }
        if (filter.changes().modifiedSince() != null) {
            add("v.updated_at >= :modifiedSince", "modifiedSince", filter.changes().modifiedSince());
        }
        if (filter.partner() != null) {
            addOnIndicator("i.reporting_organisation_id = :partner", "partner", filter.partner());
        }
        if (filter.changes().window() != null) {
            ChangeFeed.Condition changed = ChangeFeed.changedBetween("v.id", ResourceType.INDICATOR_VALUE.wireName(),
                    filter.changes().window().after(), filter.changes().window().upTo());
            valueConditions.add(changed.sql());
            parameters.putAll(changed.parameters());
        }
    }

    /** Every condition, over {@link ValueRow#FROM}. */
    List<String> conditions() {
        List<String> all = new ArrayList<>(indicatorConditions);
        all.addAll(valueConditions);
        return all;
    }

    private void add(String condition, String parameter, Object value) {
        valueConditions.add(condition);
        parameters.put(parameter, value);
    }

    private void addOnIndicator(String condition, String parameter, Object value) {
        indicatorConditions.add(condition);
        parameters.put(parameter, value);
    }
}
