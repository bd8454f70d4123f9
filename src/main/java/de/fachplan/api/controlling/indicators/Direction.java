package de.fachplan.api.controlling.indicators;

/** What counts as better for an indicator (IATI's measure of ascending or descending). */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER, TARGET_RANGE
}
