package de.fachplan.api.controlling.indicators;

import java.util.List;

import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.time.Period;

/** How often an indicator's values are reported (Berichtsturnus), and so the form of its periods. */
public enum Frequency {
    MONTHLY(Period.Granularity.MONTH, "2020-05"),
    QUARTERLY(Period.Granularity.QUARTER, "2020-Q2"),
    YEARLY(Period.Granularity.YEAR, "2020");

    private final Period.Granularity granularity;
    private final String example;

    Frequency(Period.Granularity granularity, String example) {
        this.granularity = granularity;
        this.example = example;
    }

    public Period.Granularity granularity() {
        return granularity;
    }

    /** The period of this frequency in which {@code period} ends ({@code 2020} quarterly: {@code 2020-Q4}). */
    public Period lastOf(Period period) {
        return Period.containing(granularity, period.last());
    }

    /**
     * Reads a period that must be of this frequency; adds an error under {@code pointer} and
     * returns {@code null} when it is not.
     */
    public Period period(String text, String pointer, List<FieldError> errors) {
        Period period = Period.parse(text).orElse(null);
        if (period == null) {
            errors.add(new FieldError(pointer, Period.EXPECTED));
            return null;
        }
        if (period.granularity() != granularity) {
            errors.add(new FieldError(pointer, "must be a " + name().toLowerCase() + " period (" + example
                    + ") for an indicator reported " + name().toLowerCase()));
            return null;
        }
        return period;
    }
}
