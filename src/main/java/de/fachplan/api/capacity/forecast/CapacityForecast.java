package de.fachplan.api.capacity.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import de.fachplan.api.common.time.Period;

/**
 * The computations behind the plan's capacity chart (slide 3: Kapazität, benötigte Kapazität,
 * unterzubringende Personen). Pure functions: no database, no clock, so that every rule can be
 * checked against hand-computed cases.
 *
 * <p>Rounding: persons are whole people, rates are not. Projected departures are rounded half up
 * month by month; projected allocations are the differences of the rounded running total, so that
 * 70.5 a month gives 71, 70, 71, 70 … and never drifts; needed capacity is rounded up, because a
 * part of a place houses nobody.
 */
public final class CapacityForecast {

    private static final int SCALE = 10;

    private CapacityForecast() {
    }

    /** A scenario's assumptions. */
    public record Parameters(BigDecimal monthlyAllocations, BigDecimal departureRate, BigDecimal targetOccupancy,
            BigDecimal reserveShare) {
    }

    public enum Basis {
        ACTUAL, PROJECTED, NO_DATA
    }

    public enum PersonsSource {
        FACILITY_LEDGER, CITYWIDE_FIGURE, PROJECTION
    }

    /** Persons housed at the end of a month, as recorded. */
    public record Stock(int persons, PersonsSource source, Period.Granularity granularity) {
    }

    /** Usable places of active facilities and of facilities in reserve; {@code null} where unknown. */
    public record Capacity(Integer active, Integer reserve) {
        public static final Capacity UNKNOWN = new Capacity(null, null);
    }

    /** A flow (allocations or departures) recorded for a whole period. */
    public record Flow(Period period, int value) {
    }

    /**
     * What is known: recorded stocks and flows per month, the granularity of the figure a month's
     * flow was spread from (absent where it was recorded for the month), and the capacity of any
     * month.
     */
    public record Facts(Map<YearMonth, Stock> stocks, Map<YearMonth, Integer> allocations,
            Map<YearMonth, Integer> departures, Map<YearMonth, Period.Granularity> allocationsSpreadFrom,
            Map<YearMonth, Period.Granularity> departuresSpreadFrom, Function<YearMonth, Capacity> capacity) {

        public Facts(Map<YearMonth, Stock> stocks, Map<YearMonth, Integer> allocations,
                Map<YearMonth, Integer> departures, Function<YearMonth, Capacity> capacity) {
            this(stocks, allocations, departures, Map.of(), Map.of(), capacity);
        }
    }

    /**
     * One period of the chart. Members are {@code null} where there is nothing to show; the
     * spread-from members name the granularity of a coarser figure the flow is a share of.
     */
    public record Point(Period period, Housed housed, Flows flows, Coverage coverage) {
    }

    /** The persons to house at the period's end, whether recorded or projected, and where the count comes from. */
    public record Housed(Basis basis, PersonsSource source, Period.Granularity sourceGranularity, Integer persons) {
    }

    /**
     * Allocations (Zuweisungen) and departures in the period; a spread-from granularity says the
     * flow is a share of a coarser figure.
     */
    public record Flows(Integer allocations, Period.Granularity allocationsSpreadFrom, Integer departures,
            Period.Granularity departuresSpreadFrom) {
    }

    /** The capacity the persons need against the active and reserve places, and the gap (active − needed). */
    public record Coverage(Integer neededCapacity, Integer capacity, Integer reserveCapacity, Integer gap) {
    }

    /**
     * The monthly series from {@code from} to {@code to}: recorded persons up to the last month
     * that has a count, projected after it as persons(m−1) + allocations(m) − departures(m).
     */
    public static List<Point> monthly(YearMonth from, YearMonth to, Facts facts, Parameters parameters) {
        Optional<YearMonth> lastActual = lastActual(facts, to);
        YearMonth start = lastActual.filter(m -> m.isBefore(from)).orElse(from);
        List<Point> points = new ArrayList<>();
        Integer previous = null;
        int projectedMonths = 0;
        for (YearMonth month = start; !month.isAfter(to); month = month.plusMonths(1)) {
            Stock stock = facts.stocks().get(month);
            Integer allocations = facts.allocations().get(month);
            Integer departures = facts.departures().get(month);
            Period.Granularity allocationsSpreadFrom = facts.allocationsSpreadFrom().get(month);
            Period.Granularity departuresSpreadFrom = facts.departuresSpreadFrom().get(month);
            Basis basis;
            Integer persons;
            PersonsSource source = null;
            Period.Granularity granularity = null;
            if (lastActual.isPresent() && !month.isAfter(lastActual.get())) {
                basis = stock == null ? Basis.NO_DATA : Basis.ACTUAL;
                persons = stock == null ? null : stock.persons();
                if (stock != null) {
                    source = stock.source();
                    granularity = stock.granularity();
                }
            } else if (previous != null) {
                projectedMonths++;
                if (allocations == null) {
                    allocations = projectedAllocations(parameters.monthlyAllocations(), projectedMonths);
                }
                if (departures == null) {
                    departures = departures(previous, parameters.departureRate());
                }
                basis = Basis.PROJECTED;
                source = PersonsSource.PROJECTION;
                persons = Math.max(0, previous + allocations - departures);
            } else {
                basis = Basis.NO_DATA;
                persons = null;
            }
            if (persons != null) {
                previous = persons;
            }
            if (month.isBefore(from)) {
                continue;
            }
            Capacity capacity = facts.capacity().apply(month);
            Integer needed = persons == null ? null : neededCapacity(persons, parameters);
            Integer gap = needed == null || capacity.active() == null ? null : capacity.active() - needed;
            points.add(new Point(Period.containing(Period.Granularity.MONTH, month),
                    new Housed(basis, source, granularity, persons),
                    new Flows(allocations, allocationsSpreadFrom, departures, departuresSpreadFrom),
                    new Coverage(needed, capacity.active(), capacity.reserve(), gap)));
        }
        return points;
    }

    /** The last month up to {@code to} with a recorded count of persons housed. */
    public static Optional<YearMonth> lastActual(Facts facts, YearMonth to) {
        return facts.stocks().keySet().stream().filter(m -> !m.isAfter(to)).max(Comparator.naturalOrder());
    }

    /** Needed capacity = persons ÷ target occupancy × (1 + reserve share), rounded up. */
    public static int neededCapacity(int persons, Parameters parameters) {
        return BigDecimal.valueOf(persons).multiply(BigDecimal.ONE.add(parameters.reserveShare()))
                .divide(parameters.targetOccupancy(), SCALE, RoundingMode.HALF_UP)
                .setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** Departures of a month: the persons housed at the end of the month before times the rate, rounded half up. */
    public static int departures(int previousPersons, BigDecimal rate) {
        return BigDecimal.valueOf(previousPersons).multiply(rate).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** Allocations of the n-th projected month: the step of the rounded running total. */
    public static int projectedAllocations(BigDecimal perMonth, int n) {
        return runningTotal(perMonth, n) - runningTotal(perMonth, n - 1);
    }

    private static int runningTotal(BigDecimal perMonth, int months) {
        return perMonth.multiply(BigDecimal.valueOf(months)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** The first month whose gap is negative. */
    public static Optional<YearMonth> firstShortfall(List<Point> monthly) {
        return monthly.stream().filter(p -> p.coverage().gap() != null && p.coverage().gap() < 0)
                .map(p -> p.period().first()).findFirst();
    }

    /**
     * Flows recorded per year, half year, quarter or month, spread over months. A finer figure wins
     * over a coarser one; what a coarser figure holds beyond the finer figures inside it is spread
     * evenly over its remaining months, by largest remainder so that the months add up to the
     * figure (1,839 in 2016 with 1,269 in its first half gives 212, 212, 212, 211, 211, 211, then
     * 95 for each month of the second half). A coarser figure smaller than the finer ones inside it
     * spreads nothing.
     */
    public static Map<YearMonth, Integer> spread(List<Flow> flows) {
        Map<YearMonth, Integer> months = new HashMap<>();
        spread(flows, months, new HashMap<>());
        return months;
    }

    /**
     * For every month whose flow {@link #spread} took from a figure of several months, that
     * figure's granularity: such a month's value is a share, not a count.
     */
    public static Map<YearMonth, Period.Granularity> spreadFrom(List<Flow> flows) {
        Map<YearMonth, Period.Granularity> origins = new HashMap<>();
        spread(flows, new HashMap<>(), origins);
        origins.values().removeIf(granularity -> granularity == Period.Granularity.MONTH);
        return origins;
    }

    private static void spread(List<Flow> flows, Map<YearMonth, Integer> months,
            Map<YearMonth, Period.Granularity> origins) {
        List<Flow> finestFirst = new ArrayList<>(flows);
        finestFirst.sort(Comparator.comparing((Flow f) -> f.period().granularity()).thenComparing(f -> f.period().first()));
        for (Flow flow : finestFirst) {
            List<YearMonth> open = new ArrayList<>();
            int assigned = 0;
            for (YearMonth m = flow.period().first(); !m.isAfter(flow.period().last()); m = m.plusMonths(1)) {
                Integer known = months.get(m);
                if (known == null) {
                    open.add(m);
                } else {
                    assigned += known;
                }
            }
            int rest = Math.max(0, flow.value() - assigned);
            if (open.isEmpty()) {
                continue;
            }
            int base = rest / open.size();
            int remainder = rest % open.size();
            for (int i = 0; i < open.size(); i++) {
                months.put(open.get(i), base + (i < remainder ? 1 : 0));
                origins.put(open.get(i), flow.period().granularity());
            }
        }
    }

    /**
     * The monthly series in quarters or years: stocks (persons, capacities, gap) are those of the
     * period's last month in the series, flows are summed.
     */
    public static List<Point> aggregate(List<Point> monthly, Period.Granularity granularity) {
        if (granularity == Period.Granularity.MONTH) {
            return monthly;
        }
        Map<Period, List<Point>> byPeriod = new LinkedHashMap<>();
        for (Point point : monthly) {
            byPeriod.computeIfAbsent(Period.containing(granularity, point.period().first()), k -> new ArrayList<>())
                    .add(point);
        }
        List<Point> result = new ArrayList<>();
        byPeriod.forEach((period, points) -> {
            Point last = points.get(points.size() - 1);
            result.add(new Point(period, last.housed(),
                    new Flows(sum(points, p -> p.flows().allocations()),
                            coarserThan(granularity, points, p -> p.flows().allocationsSpreadFrom()),
                            sum(points, p -> p.flows().departures()),
                            coarserThan(granularity, points, p -> p.flows().departuresSpreadFrom())),
                    last.coverage()));
        });
        return result;
    }

    /**
     * A period's flow is still a share when one of its months was spread from a figure coarser
     * than the period (a quarter of a yearly figure); then the coarsest such granularity.
     */
    private static Period.Granularity coarserThan(Period.Granularity granularity, List<Point> points,
            Function<Point, Period.Granularity> member) {
        return points.stream().map(member).filter(g -> g != null && g.compareTo(granularity) > 0)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    /** The sum of the values that are there; {@code null} when none is. */
    public static <T> Integer sum(List<T> items, Function<T, Integer> member) {
        Integer total = null;
        for (T item : items) {
            Integer value = member.apply(item);
            if (value != null) {
                total = (total == null ? 0 : total) + value;
            }
        }
        return total;
    }
}
