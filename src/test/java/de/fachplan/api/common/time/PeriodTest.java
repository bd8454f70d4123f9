package de.fachplan.api.common.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest
    @ValueSource(strings = { "2018", "2016-H1", "2016-H2", "2019-Q1", "2019-Q4", "2019-03", "2019-12", "1000", "9999-12" })
    void everyPeriodHasOneSpellingThatReadsBack(String text) {
        Period period = Period.parse(text).orElseThrow();
        assertEquals(text, period.toString());
        assertEquals(period, Period.parse(period.toString()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = { "0000", "0999", "0999-Q1", "0001-01", "999", "999-Q1", "0", "10000", "2019-Q0", "2019-Q5",
            "2019-H3", "2019-00", "2019-13", "2019-3", "2019-q1", " 2019", "2019 ", "2019-W01", "", "2019-01-01" })
    void whatIsNoPeriodOfARepresentableYearIsRefused(String text) {
        assertTrue(Period.parse(text).isEmpty(), text);
    }

    @Test
    void aNullIsNoPeriod() {
        assertTrue(Period.parse(null).isEmpty());
    }

    @Test
    void aPeriodOutsideTheYearsCannotBeMade() {
        assertThrows(IllegalArgumentException.class, () -> new Period(Period.Granularity.YEAR, YearMonth.of(999, 1)));
        assertThrows(IllegalArgumentException.class, () -> Period.containing(Period.Granularity.MONTH, YearMonth.of(0, 5)));
    }

    @Test
    void aPeriodMustStartWhereItsGranularityStarts() {
        assertThrows(IllegalArgumentException.class, () -> new Period(Period.Granularity.QUARTER, YearMonth.of(2019, 2)));
    }

    @Test
    void startsEndsAndMonthsFollowTheGranularity() {
        Period half = Period.parse("2016-H2").orElseThrow();
        assertEquals(LocalDate.of(2016, 7, 1), half.start());
        assertEquals(LocalDate.of(2016, 12, 31), half.end());
        assertEquals(YearMonth.of(2016, 12), half.last());
        assertTrue(half.contains(YearMonth.of(2016, 9)));
        assertFalse(half.contains(YearMonth.of(2016, 6)));
        assertEquals(LocalDate.of(2019, 2, 28), Period.parse("2019-02").orElseThrow().end());
    }

    @Test
    void thePeriodContainingAMonthIsFoundForEveryGranularity() {
        YearMonth may = YearMonth.of(2020, 5);
        assertEquals("2020-05", Period.containing(Period.Granularity.MONTH, may).toString());
        assertEquals("2020-Q2", Period.containing(Period.Granularity.QUARTER, may).toString());
        assertEquals("2020-H1", Period.containing(Period.Granularity.HALF_YEAR, may).toString());
        assertEquals("2020", Period.containing(Period.Granularity.YEAR, may).toString());
    }

    @Test
    void periodsOrderByStartAndTheLongerFirst() {
        List<Period> sorted = java.util.stream.Stream.of("2020-Q2", "2020-04", "2020", "2019-12", "2020-H1")
                .map(t -> Period.parse(t).orElseThrow()).sorted().toList();
        assertEquals(List.of("2019-12", "2020", "2020-H1", "2020-Q2", "2020-04"), sorted.stream().map(Period::toString).toList());
    }
}
