package de.fachplan.api.controlling.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which values each indicator unit admits, without a container. */
class UnitTest {

    @ParameterizedTest(name = "{1} fits {0}")
    @CsvSource({
            "COUNT, 0", "COUNT, 498", "COUNT, 12.00",
            "PERCENT, 0", "PERCENT, 100", "PERCENT, 99.95",
            "EUR, 1234.56", "HOURS, 0.25", "HOURS, 9999999999999999.99" })
    void admittedValues(Unit unit, BigDecimal value) {
        assertNull(unit.problemWith(value));
    }

    @ParameterizedTest(name = "{1} does not fit {0}")
    @CsvSource(delimiter = ';', value = {
            "COUNT; -1; must not be negative for unit COUNT",
            "COUNT; 1.5; must be a whole number for unit COUNT",
            "PERCENT; 100.01; must be between 0 and 100 for unit PERCENT",
            "EUR; 10.001; must have at most two decimals",
            "HOURS; -0.5; must not be negative for unit HOURS",
            "EUR; 10000000000000000; is too large" })
    void refusedValuesSayWhy(Unit unit, BigDecimal value, String problem) {
        assertEquals(problem, unit.problemWith(value));
    }
}
