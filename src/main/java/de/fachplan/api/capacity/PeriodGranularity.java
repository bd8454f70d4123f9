package de.fachplan.api.capacity;

/** How long a reporting period is; ordered from the finest to the coarsest. */
public enum PeriodGranularity {
    MONTH(1), QUARTER(3), HALF_YEAR(6), YEAR(12);

    private final int months;

    PeriodGranularity(int months) {
        this.months = months;
    }

    public int months() {
        return months;
    }
}
