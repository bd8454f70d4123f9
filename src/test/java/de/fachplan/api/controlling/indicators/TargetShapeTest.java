package de.fachplan.api.controlling.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.controlling.indicators.IndicatorService.TargetInput;

/** The shape of a target follows the indicator's direction: a value, or a range for TARGET_RANGE. */
class TargetShapeTest {

    private static List<String> pointers(TargetInput target, Direction direction, Unit unit) {
        return target.problems(direction, unit, "/targets/0").stream().map(FieldError::pointer).toList();
    }

    @Test
    void aRangeIndicatorTakesMinAndMaxAndNoValue() {
        assertTrue(pointers(new TargetInput("2020", null, BigDecimal.ONE, BigDecimal.TEN), Direction.TARGET_RANGE,
                Unit.PERCENT).isEmpty());
        assertEquals(List.of("/targets/0"), pointers(new TargetInput("2020", BigDecimal.ONE, null, null),
                Direction.TARGET_RANGE, Unit.PERCENT));
        assertEquals(List.of("/targets/0"), pointers(new TargetInput("2020", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.TEN), Direction.TARGET_RANGE, Unit.PERCENT));
    }

    @Test
    void aRangeMayNotEndBelowItsStart() {
        assertEquals(List.of("/targets/0/max"), pointers(new TargetInput("2020", null, BigDecimal.TEN, BigDecimal.ONE),
                Direction.TARGET_RANGE, Unit.COUNT));
    }

    @Test
    void aDirectedIndicatorTakesAValueAndNoRange() {
        for (Direction direction : new Direction[] { Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER }) {
            assertTrue(pointers(new TargetInput("2020", BigDecimal.TEN, null, null), direction, Unit.COUNT).isEmpty());
            assertEquals(List.of("/targets/0"), pointers(new TargetInput("2020", null, BigDecimal.ONE, BigDecimal.TEN),
                    direction, Unit.COUNT));
        }
    }

    @Test
    void theValuesFollowTheUnitAndNameTheMemberThatIsWrong() {
        assertEquals(List.of("/targets/0/value"), pointers(new TargetInput("2020", new BigDecimal("2.5"), null, null),
                Direction.HIGHER_IS_BETTER, Unit.COUNT));
        assertEquals(List.of("/targets/0/min"), pointers(new TargetInput("2020", null, new BigDecimal("-1"),
                BigDecimal.TEN), Direction.TARGET_RANGE, Unit.EUR));
    }
}
