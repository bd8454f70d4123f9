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

    /** The export's order: indicator, period, district (city-wide first), id. */
    static final String ORDER = " ORDER BY i.code, v.period_start, coalesce(d.code, ''), v.id";

    final List<String> conditions = new ArrayList<>();
    final Map<String, Object> parameters = new LinkedHashMap<>();

    /** The requested filters. {@code window} is a delta's part of the change feed, or {@code null}. */
    public record Filter(UUID plan, String actionField, String indicator, String periodFrom, String periodTo,
            String district, ValueState state, OffsetDateTime modifiedSince, UUID partner, Window window)
            implements ListFilter {
    }

    /** The values changed after {@code after} up to {@code upTo} in the change feed. */
    public record Window(ChangeFeed.Position after, ChangeFeed.Position upTo) {
    }

    ValueQuery(Filter filter) {
        add("i.plan_id = :plan", "plan", filter.plan());
        if (filter.actionField() != null) {
            add("af.code = :actionField", "actionField", filter.actionField());
        }
        if (filter.indicator() != null) {
            add("i.code = :indicator", "indicator", filter.indicator());
        }
        if (filter.periodFrom() != null) {
            add("v.period_start >= :periodFrom", "periodFrom", Period.required(filter.periodFrom(), "periodFrom").start());
        }
        if (filter.periodTo() != null) {
            LocalDate end = Period.required(filter.periodTo(), "periodTo").end();
            add("v.period_start <= :periodTo", "periodTo", end);
        }
        if (CITY.equals(filter.district())) {
            conditions.add("v.district_id IS NULL");
        } else if (filter.district() != null) {
            add("d.code = :district", "district", filter.district());
        }
        if (filter.state() != null) {
            add("v.state = :state", "state", filter.state().name());
        } else if (filter.window() == null) {
            conditions.add("v.state <> 'WITHDRAWN'");
        }
        if (filter.modifiedSince() != null) {
            add("v.updated_at >= :modifiedSince", "modifiedSince", filter.modifiedSince());
        }
        if (filter.partner() != null) {
            add("i.reporting_organisation_id = :partner", "partner", filter.partner());
        }
        if (filter.window() != null) {
            ChangeFeed.Condition changed = ChangeFeed.changedBetween("v.id", ResourceType.INDICATOR_VALUE.wireName(),
                    filter.window().after(), filter.window().upTo());
            conditions.add(changed.sql());
            parameters.putAll(changed.parameters());
        }
    }

    private void add(String condition, String parameter, Object value) {
        conditions.add(condition);
        parameters.put(parameter, value);
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
