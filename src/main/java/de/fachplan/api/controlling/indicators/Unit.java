package de.fachplan.api.controlling.indicators;

import java.math.BigDecimal;

/** The unit of an indicator, with the values it admits. */
public enum Unit {
    /** Whole and not negative: persons, courses, volunteers. */
    COUNT,
    /** 0 to 100. */
    PERCENT,
    /** Not negative, cents at most. */
    EUR,
    /** Not negative, at most two decimals (specialist service hours, Fachleistungsstunden). */
    HOURS;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** What numeric(18, 2) holds. */
    private static final BigDecimal MAX = new BigDecimal("9999999999999999.99");

    /** Why {@code value} does not fit this unit, or {@code null} when it does. */
    public String problemWith(BigDecimal value) {
        if (value.signum() < 0) {
            return "must not be negative for unit " + name();
        }
        if (value.compareTo(MAX) > 0) {
            return "is too large";
        }
        if (this == COUNT && value.stripTrailingZeros().scale() > 0) {
            return "must be a whole number for unit COUNT";
        }
        if (value.stripTrailingZeros().scale() > 2) {
            return "must have at most two decimals";
        }
        if (this == PERCENT && value.compareTo(HUNDRED) > 0) {
            return "must be between 0 and 100 for unit PERCENT";
        }
        return null;
    }
}
