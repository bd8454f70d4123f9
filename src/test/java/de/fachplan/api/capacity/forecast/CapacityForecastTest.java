package de.fachplan.api.capacity.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import de.fachplan.api.capacity.forecast.CapacityForecast.Basis;
import de.fachplan.api.capacity.forecast.CapacityForecast.Capacity;
import de.fachplan.api.capacity.forecast.CapacityForecast.Facts;
import de.fachplan.api.capacity.forecast.CapacityForecast.Flow;
import de.fachplan.api.capacity.forecast.CapacityForecast.Parameters;
import de.fachplan.api.capacity.forecast.CapacityForecast.PersonsSource;
import de.fachplan.api.capacity.forecast.CapacityForecast.Point;
import de.fachplan.api.capacity.forecast.CapacityForecast.Stock;
import de.fachplan.api.common.time.Period;

/** The chart's formulas against cases computed by hand. */
class CapacityForecastTest {

    private static final Parameters STABLE = parameters("70", "0.025", "0.85", "0.10");
    private static final YearMonth MARCH_2019 = YearMonth.of(2019, 3);

    @Test
    void neededCapacityDividesByOccupancyAddsTheReserveAndRoundsUp() {
        // 2718 × 1.1 / 0.85 = 3517.41…
        assertEquals(3518, CapacityForecast.neededCapacity(2718, STABLE));
        // 85 / 0.85 = 100 exactly: no place is added by rounding
        assertEquals(100, CapacityForecast.neededCapacity(85, parameters("0", "0", "0.85", "0")));
        assertEquals(0, CapacityForecast.neededCapacity(0, STABLE));
    }

    @Test
    void departuresAreTheRateOfLastMonthsPersonsRoundedHalfUp() {
        assertEquals(68, CapacityForecast.departures(2718, new BigDecimal("0.025"))); // 67.95
        assertEquals(3, CapacityForecast.departures(100, new BigDecimal("0.025"))); // 2.5
        assertEquals(2, CapacityForecast.departures(99, new BigDecimal("0.025"))); // 2.475
    }

    @Test
    void fractionalMonthlyAllocationsAlternateWithoutDrift() {
        BigDecimal perMonth = new BigDecimal("70.5");
        assertEquals(List.of(71, 70, 71, 70), List.of(CapacityForecast.projectedAllocations(perMonth, 1),
                CapacityForecast.projectedAllocations(perMonth, 2), CapacityForecast.projectedAllocations(perMonth, 3),
                CapacityForecast.projectedAllocations(perMonth, 4)));
    }

    @Test
    void yearlyFiguresAreSpreadOverTheMonthsTheirHalfYearsLeaveOpen() {
        Map<YearMonth, Integer> months = CapacityForecast.spread(List.of(
                new Flow(Period.parse("2016").orElseThrow(), 1839),
                new Flow(Period.parse("2016-H1").orElseThrow(), 1269),
                new Flow(Period.parse("2019-Q1").orElseThrow(), 208)));
        // 1,269 / 6 = 211 remainder 3; (1,839 − 1,269) / 6 = 95
        assertEquals(List.of(212, 212, 212, 211, 211, 211, 95, 95, 95, 95, 95, 95),
                java.util.stream.IntStream.rangeClosed(1, 12).mapToObj(m -> months.get(YearMonth.of(2016, m))).toList());
        assertEquals(1839, months.entrySet().stream().filter(e -> e.getKey().getYear() == 2016)
                .mapToInt(Map.Entry::getValue).sum());
        assertEquals(List.of(70, 69, 69), List.of(months.get(YearMonth.of(2019, 1)), months.get(YearMonth.of(2019, 2)),
                months.get(YearMonth.of(2019, 3))));
    }

    @Test
    void aMonthlyFigureInsideAYearKeepsItsValueAndTheRestIsSpread() {
        Map<YearMonth, Integer> months = CapacityForecast.spread(List.of(
                new Flow(Period.parse("2017").orElseThrow(), 788),
                new Flow(Period.parse("2017-H1").orElseThrow(), 389),
                new Flow(Period.parse("2017-06").orElseThrow(), 57)));
        assertEquals(57, months.get(YearMonth.of(2017, 6)));
        // (389 − 57) / 5 = 66.4: two months of 67, three of 66
        assertEquals(List.of(67, 67, 66, 66, 66), java.util.stream.IntStream.rangeClosed(1, 5)
                .mapToObj(m -> months.get(YearMonth.of(2017, m))).toList());
        assertEquals(788, months.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void personsAreActualUpToTheLastCountAndProjectedAfter() {
        List<Point> points = CapacityForecast.monthly(YearMonth.of(2019, 2), YearMonth.of(2019, 5),
                facts(Map.of(), 3608), STABLE);
        assertEquals(4, points.size());
        Point february = points.get(0);
        assertEquals(Basis.NO_DATA, february.housed().basis());
        assertNull(february.housed().persons());
        assertEquals(3608, february.coverage().capacity());

        Point march = points.get(1);
        assertEquals(Basis.ACTUAL, march.housed().basis());
        assertEquals(PersonsSource.CITYWIDE_FIGURE, march.housed().source());
        assertEquals(2718, march.housed().persons());
        assertEquals(3518, march.coverage().neededCapacity());
        assertEquals(90, march.coverage().gap());

        Point april = points.get(2);
        assertEquals(Basis.PROJECTED, april.housed().basis());
        assertEquals(70, april.flows().allocations());
        assertEquals(68, april.flows().departures()); // 2718 × 0.025 = 67.95
        assertEquals(2720, april.housed().persons());
        assertEquals(3520, april.coverage().neededCapacity()); // 2720 × 1.1 / 0.85 = 3520 exactly
        assertEquals(88, april.coverage().gap());

        Point may = points.get(3);
        assertEquals(68, may.flows().departures()); // 2720 × 0.025 = 68
        assertEquals(2722, may.housed().persons());
        assertEquals(3523, may.coverage().neededCapacity()); // 3522.59 rounded up
        assertEquals(85, may.coverage().gap());
    }

    @Test
    void aRecordedAllocationReplacesTheScenarioInAProjectedMonth() {
        List<Point> points = CapacityForecast.monthly(YearMonth.of(2019, 4), YearMonth.of(2019, 4),
                facts(Map.of(YearMonth.of(2019, 4), 80), 3608), STABLE);
        assertEquals(80, points.get(0).flows().allocations());
        assertEquals(2718 + 80 - 68, points.get(0).housed().persons());
    }

    @Test
    void aProjectionStartsFromTheLastCountEvenWhenItIsBeforeTheRange() {
        List<Point> points = CapacityForecast.monthly(YearMonth.of(2019, 5), YearMonth.of(2019, 5),
                facts(Map.of(), 3608), STABLE);
        assertEquals(1, points.size());
        assertEquals(2722, points.get(0).housed().persons());
    }

    @Test
    void withoutAnyCountNothingIsProjected() {
        Facts nothing = new Facts(Map.of(), Map.of(), Map.of(), m -> Capacity.UNKNOWN);
        List<Point> points = CapacityForecast.monthly(YearMonth.of(2019, 1), YearMonth.of(2019, 3), nothing, STABLE);
        assertTrue(points.stream().allMatch(p -> p.housed().basis() == Basis.NO_DATA && p.housed().persons() == null
                && p.coverage().gap() == null));
    }

    @Test
    void theFirstShortfallIsTheFirstMonthWithANegativeGap() {
        // 120 a month against 68 departures: the need grows by about 60 places a month, the 90 spare
        // places of March are gone in May.
        List<Point> points = CapacityForecast.monthly(MARCH_2019, YearMonth.of(2019, 12), facts(Map.of(), 3608),
                parameters("120", "0.025", "0.85", "0.10"));
        assertEquals(YearMonth.of(2019, 5), CapacityForecast.firstShortfall(points).orElseThrow());
        assertTrue(points.get(1).coverage().gap() >= 0);
        assertTrue(points.get(2).coverage().gap() < 0);
    }

    @Test
    void quartersTakeStocksOfTheirLastMonthAndSumTheirFlows() {
        List<Point> monthly = CapacityForecast.monthly(YearMonth.of(2019, 4), YearMonth.of(2019, 6),
                facts(Map.of(), 3608), STABLE);
        List<Point> quarters = CapacityForecast.aggregate(monthly, Period.Granularity.QUARTER);
        assertEquals(1, quarters.size());
        Point q2 = quarters.get(0);
        assertEquals("2019-Q2", q2.period().toString());
        assertEquals(210, q2.flows().allocations());
        assertEquals(monthly.get(2).housed().persons(), q2.housed().persons());
        assertEquals(monthly.stream().mapToInt(p -> p.flows().departures()).sum(), q2.flows().departures());
        assertEquals(Basis.PROJECTED, q2.housed().basis());
    }

    @Test
    void periodsParseAndPrintInTheApiForm() {
        assertEquals("2016-H2", Period.containing(Period.Granularity.HALF_YEAR, YearMonth.of(2016, 9)).toString());
        assertEquals(YearMonth.of(2019, 3), Period.parse("2019-Q1").orElseThrow().last());
        assertEquals(YearMonth.of(2018, 12), Period.parse("2018").orElseThrow().last());
        assertTrue(Period.parse("2019-Q5").isEmpty());
        assertTrue(Period.parse("2019-13").isEmpty());
    }

    private static Facts facts(Map<YearMonth, Integer> allocations, int capacity) {
        return new Facts(Map.of(MARCH_2019, new Stock(2718, PersonsSource.CITYWIDE_FIGURE, Period.Granularity.MONTH)),
                allocations, Map.of(), m -> new Capacity(capacity, 150));
    }

    private static Parameters parameters(String allocations, String departureRate, String occupancy, String reserve) {
        return new Parameters(new BigDecimal(allocations), new BigDecimal(departureRate), new BigDecimal(occupancy),
                new BigDecimal(reserve));
    }
}
