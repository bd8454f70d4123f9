package de.fachplan.api.controlling.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import de.fachplan.api.controlling.indicators.Direction;

/**
 * How far an actual value attains its target, respecting the indicator's direction, and the
 * traffic light that follows from it. The thresholds are part of the contract:
 * {@value #ON_TRACK_FROM} and more is on track, {@value #AT_RISK_FROM} and more at risk, less off
 * track; no target or no actual value is "without data".
 */
public record Attainment(BigDecimal ratio, TrafficLight status) {

    public static final double ON_TRACK_FROM = 0.95;
    public static final double AT_RISK_FROM = 0.80;

    private static final Attainment WITHOUT_DATA = new Attainment(null, TrafficLight.WITHOUT_DATA);
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    /** A period's target: {@code value}, or {@code min} and {@code max} for a target range. */
    public record Target(BigDecimal value, BigDecimal min, BigDecimal max) {
    }

    public static Attainment of(Direction direction, Target target, BigDecimal actual) {
        if (target == null || actual == null) {
            return WITHOUT_DATA;
        }
        BigDecimal ratio = switch (direction) {
            case HIGHER_IS_BETTER -> target.value() == null ? null : divide(actual, target.value());
            case LOWER_IS_BETTER -> target.value() == null ? null : divide(target.value(), actual);
            case TARGET_RANGE -> range(target, actual);
        };
        if (ratio == null) {
            return WITHOUT_DATA;
        }
        ratio = ratio.setScale(4, RoundingMode.HALF_UP);
        double r = ratio.doubleValue();
        TrafficLight light = r >= ON_TRACK_FROM ? TrafficLight.ON_TRACK
                : r >= AT_RISK_FROM ? TrafficLight.AT_RISK : TrafficLight.OFF_TRACK;
        return new Attainment(ratio, light);
    }

    private static BigDecimal range(Target target, BigDecimal actual) {
        if (target.min() == null || target.max() == null) {
            return null;
        }
        if (actual.compareTo(target.min()) < 0) {
            return divide(actual, target.min());
        }
        if (actual.compareTo(target.max()) > 0) {
            return divide(target.max(), actual);
        }
        return BigDecimal.ONE;
    }

    /**
     * {@code a / b}. A zero divisor is a target of 0 to reach (any value reaches it) or an actual
     * of 0 below a "lower is better" target (the best there is): attained either way.
     */
    private static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            return BigDecimal.ONE;
        }
        return a.divide(b, PRECISION);
    }
}
