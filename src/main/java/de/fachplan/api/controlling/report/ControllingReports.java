package de.fachplan.api.controlling.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fachplan.api.catalogue.ActionField;
import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.controlling.indicators.Frequency;
import de.fachplan.api.controlling.indicators.Indicator;
import de.fachplan.api.controlling.indicators.IndicatorService;

/**
 * Attainment of indicators and the controlling report: what a controlling dashboard shows.
 * Only approved city-wide values (without district) count as actual values.
 */
@ApplicationScoped
public class ControllingReports {

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    IndicatorService indicators;

    /**
     * The attainment of one indicator in one period; {@code correctionPending} when the actual
     * value is the approved revision and a correction of it awaits approval.
     */
    public record PeriodResult(String period, Attainment.Target target, BigDecimal actual, Attainment attainment,
            boolean correctionPending) {
    }

    /** The approved city-wide value of a period, and whether a correction of it is pending. */
    private record Actual(BigDecimal value, boolean correctionPending) {
    }

    /** An indicator's result in the report. */
    public record IndicatorResult(Indicator indicator, PeriodResult result) {
    }

    /** Counts per traffic light. */
    public static final class Counts {
        final Map<TrafficLight, Integer> counts = new EnumMap<>(TrafficLight.class);

        void add(TrafficLight light) {
            counts.merge(light, 1, Integer::sum);
        }

        public int of(TrafficLight light) {
            return counts.getOrDefault(light, 0);
        }
    }

    public record MeasureResult(String code, String actionField, TrafficLight status, Counts counts) {
    }

    public record FieldResult(ActionField field, Counts counts, Map<TrafficLight, List<String>> measures) {
    }

    public record Report(Plan plan, Period period, Counts totals, List<FieldResult> fields,
            List<MeasureResult> measures, List<IndicatorResult> indicators) {
    }

    @Transactional
    public List<PeriodResult> attainment(String ref, String planRef, String from, String to) {
        Indicator indicator = indicators.find(ref, planRef);
        IndicatorService.load(indicator);
        Period first = from == null ? null : Period.required(from, "periodFrom");
        Period last = to == null ? null : Period.required(to, "periodTo");
        Map<String, Actual> actuals = approvedCityValues(List.of(indicator.id), null).getOrDefault(indicator.id,
                Map.of());
        // A stored period that no longer reads (written around the service) is left out, not a 500.
        Map<Period, String> periods = new TreeMap<>();
        Stream.concat(indicator.targets.stream().map(t -> t.period), actuals.keySet().stream())
                .forEach(text -> Period.parse(text).ifPresent(period -> periods.put(period, text)));
        List<PeriodResult> results = new ArrayList<>();
        for (Map.Entry<Period, String> entry : periods.entrySet()) {
            Period period = entry.getKey();
            String text = entry.getValue();
            if (first != null && period.start().isBefore(first.start())
                    || last != null && period.start().isAfter(last.end())) {
                continue;
            }
            results.add(result(indicator, text, actuals.get(text)));
        }
        return results;
    }

    @Transactional
    public Report report(String planRef, String periodText) {
        Plan plan = plans.resolve(planRef);
        Period period = Period.required(periodText, "period");
        List<Indicator> all = Indicator.list("plan = ?1 order by code", plan);
        all.forEach(IndicatorService::load);
        Map<Frequency, String> periodOf = new EnumMap<>(Frequency.class);
        for (Frequency frequency : Frequency.values()) {
            periodOf.put(frequency, frequency.lastOf(period).toString());
        }
        Map<UUID, Map<String, Actual>> actuals = approvedCityValues(all.stream().map(i -> i.id).toList(),
                Set.copyOf(periodOf.values()));
        Counts totals = new Counts();
        Map<String, Counts> byField = new HashMap<>();
        Map<String, Counts> byMeasure = new TreeMap<>();
        Map<String, String> fieldOfMeasure = new HashMap<>();
        Map<String, TrafficLight> measureStatus = new HashMap<>();
        List<IndicatorResult> results = new ArrayList<>();
        for (Indicator indicator : all) {
            String p = periodOf.get(indicator.frequency);
            PeriodResult result = result(indicator, p, actuals.getOrDefault(indicator.id, Map.of()).get(p));
            results.add(new IndicatorResult(indicator, result));
            TrafficLight light = result.attainment().status();
            totals.add(light);
            if (indicator.actionField != null) {
                byField.computeIfAbsent(indicator.actionField.code, c -> new Counts()).add(light);
            }
            if (indicator.measure != null) {
                String code = indicator.measure.code;
                byMeasure.computeIfAbsent(code, c -> new Counts()).add(light);
                fieldOfMeasure.put(code, indicator.actionField.code);
                measureStatus.merge(code, light, ControllingReports::worse);
            }
        }
        List<MeasureResult> measures = new ArrayList<>();
        Map<String, Map<TrafficLight, List<String>>> measuresByField = new HashMap<>();
        List<String> measureOrder = new ArrayList<>(byMeasure.keySet());
        measureOrder.sort(java.util.Comparator.comparing((String c) -> c.substring(0, 1))
                .thenComparingInt(c -> number(c)));
        for (String code : measureOrder) {
            TrafficLight status = measureStatus.get(code);
            measures.add(new MeasureResult(code, fieldOfMeasure.get(code), status, byMeasure.get(code)));
            measuresByField.computeIfAbsent(fieldOfMeasure.get(code), f -> new EnumMap<>(TrafficLight.class))
                    .computeIfAbsent(status, s -> new ArrayList<>()).add(code);
        }
        List<FieldResult> fields = new ArrayList<>();
        for (ActionField field : ActionField.<ActionField>list("plan = ?1 order by position", plan)) {
            Map<TrafficLight, List<String>> lists = new LinkedHashMap<>();
            for (TrafficLight light : TrafficLight.values()) {
                lists.put(light, measuresByField.getOrDefault(field.code, Map.of()).getOrDefault(light, List.of()));
            }
            fields.add(new FieldResult(field, byField.getOrDefault(field.code, new Counts()), lists));
        }
        return new Report(plan, period, totals, fields, measures, results);
    }

    /**
     * The worse of two statuses of a measure's indicators; an indicator without data never makes
     * a measure with data look worse.
     */
    static TrafficLight worse(TrafficLight a, TrafficLight b) {
        if (a == TrafficLight.WITHOUT_DATA) {
            return b;
        }
        if (b == TrafficLight.WITHOUT_DATA) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    private static int number(String measureCode) {
        try {
            return Integer.parseInt(measureCode.substring(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static PeriodResult result(Indicator indicator, String period, Actual actual) {
        Attainment.Target target = indicator.targetOf(period);
        BigDecimal value = actual == null ? null : actual.value();
        return new PeriodResult(period, target, value, Attainment.of(indicator.direction, target, value),
                actual != null && actual.correctionPending());
    }

    /**
     * The approved city-wide values. While a correction of an approved value waits for approval
     * (the row holds the new revision as draft or submitted), the approved revision still counts;
     * a withdrawn value counts no more.
     */
    private Map<UUID, Map<String, Actual>> approvedCityValues(List<UUID> indicatorIds, Set<String> periods) {
        if (indicatorIds.isEmpty()) {
            return Map.of();
        }
        var query = em.createNativeQuery("SELECT v.indicator_id, v.period, CASE WHEN v.state = 'APPROVED' THEN v.value"
                + " ELSE (SELECT r.value FROM indicator_value_revision r WHERE r.value_id = v.id AND r.state = 'APPROVED'"
                + " ORDER BY r.revision DESC LIMIT 1) END AS value, v.state <> 'APPROVED' AS correction_pending"
                + " FROM indicator_value v WHERE v.indicator_id IN (:ids) AND v.district_id IS NULL"
                + " AND (v.state = 'APPROVED' OR v.state IN ('DRAFT', 'SUBMITTED') AND EXISTS (SELECT 1"
                + " FROM indicator_value_revision r WHERE r.value_id = v.id AND r.state = 'APPROVED'))"
                + (periods == null ? "" : " AND v.period IN (:periods)"))
                .setParameter("ids", indicatorIds);
        if (periods != null) {
            query.setParameter("periods", periods);
        }
        Map<UUID, Map<String, Actual>> values = new HashMap<>();
        for (Row row : Row.list(query)) {
            values.computeIfAbsent(row.uuid("indicator_id"), id -> new HashMap<>()).put(row.text("period"),
                    new Actual(row.get("value", BigDecimal.class), row.get("correction_pending", Boolean.class)));
        }
        return values;
    }
}
