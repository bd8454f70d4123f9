package de.fachplan.api.controlling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import de.fachplan.api.common.time.Period;
import de.fachplan.api.controlling.indicators.Direction;
import de.fachplan.api.controlling.indicators.Frequency;

class AttainmentTest {

    private static Attainment of(Direction direction, String target, String actual) {
        return Attainment.of(direction, new Attainment.Target(new BigDecimal(target), null, null), new BigDecimal(actual));
    }

    private static Attainment range(String min, String max, String actual) {
        return Attainment.of(Direction.TARGET_RANGE,
                new Attainment.Target(null, new BigDecimal(min), new BigDecimal(max)), new BigDecimal(actual));
    }

    @Test
    void higherIsBetterComparesActualWithTargetAtTheDocumentedThresholds() {
        assertEquals(TrafficLight.ON_TRACK, of(Direction.HIGHER_IS_BETTER, "100", "95").status());
        assertEquals(TrafficLight.AT_RISK, of(Direction.HIGHER_IS_BETTER, "100", "94.99").status());
        assertEquals(TrafficLight.AT_RISK, of(Direction.HIGHER_IS_BETTER, "100", "80").status());
        assertEquals(TrafficLight.OFF_TRACK, of(Direction.HIGHER_IS_BETTER, "100", "79.99").status());
        assertEquals(new BigDecimal("1.2000"), of(Direction.HIGHER_IS_BETTER, "100", "120").ratio());
    }

    @Test
    void lowerIsBetterInvertsTheRatio() {
        assertEquals(TrafficLight.ON_TRACK, of(Direction.LOWER_IS_BETTER, "50", "40").status());
        assertEquals(new BigDecimal("0.8000"), of(Direction.LOWER_IS_BETTER, "40", "50").ratio());
        assertEquals(TrafficLight.OFF_TRACK, of(Direction.LOWER_IS_BETTER, "40", "60").status());
        assertEquals(TrafficLight.ON_TRACK, of(Direction.LOWER_IS_BETTER, "40", "0").status());
    }

    @Test
    void aRangeIsMetInsideAndMeasuredByTheNearerBoundOutside() {
        assertEquals(BigDecimal.ONE.setScale(4), range("70", "85", "85").ratio());
        assertEquals(TrafficLight.AT_RISK, range("70", "85", "60").status());
        assertEquals(new BigDecimal("0.8500"), range("70", "85", "100").ratio());
    }

    @Test
    void withoutTargetOrActualThereIsNoStatus() {
        assertEquals(TrafficLight.WITHOUT_DATA, Attainment.of(Direction.HIGHER_IS_BETTER, null, BigDecimal.TEN).status());
        assertEquals(TrafficLight.WITHOUT_DATA, Attainment.of(Direction.HIGHER_IS_BETTER,
                new Attainment.Target(BigDecimal.TEN, null, null), null).status());
    }

    @Test
    void aYearCountsWithTheLastPeriodOfEachFrequency() {
        Period year = Period.parse("2020").orElseThrow();
        assertEquals("2020-Q4", Frequency.QUARTERLY.lastOf(year).toString());
        assertEquals("2020-12", Frequency.MONTHLY.lastOf(year).toString());
        assertEquals("2020-Q2", Frequency.QUARTERLY.lastOf(Period.parse("2020-05").orElseThrow()).toString());
    }
}
