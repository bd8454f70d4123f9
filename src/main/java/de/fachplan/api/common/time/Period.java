package de.fachplan.api.common.time;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.fachplan.api.common.problem.ProblemException;

/**
 * A reporting period, the one form and parser of the service: a year ({@code 2018}), a half year
 * ({@code 2016-H1}), a quarter ({@code 2019-Q1}) or a month ({@code 2019-03}).
 *
 * <p>Years run from {@value #FIRST_YEAR} to {@value #LAST_YEAR}: four digits without a leading
 * zero, so that every period has exactly one spelling, the one {@link #toString()} writes and
 * {@link #parse} reads back. {@code 0999-Q1} or {@code 0000} are refused, not stored as
 * {@code 999-Q1} or {@code 0}.
 */
public record Period(Granularity granularity, YearMonth first) implements Comparable<Period> {

    public static final int FIRST_YEAR = 1000;
    public static final int LAST_YEAR = 9999;
    /** What a client is told when a text is no period. */
    public static final String EXPECTED = "must be a period (2018, 2016-H1, 2019-Q1 or 2019-03) of a year from "
            + FIRST_YEAR + " to " + LAST_YEAR;

    private static final Pattern FORM = Pattern.compile("^([1-9][0-9]{3})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2]))?$");

    /** How long a period is; ordered from the finest to the coarsest. */
    public enum Granularity {
        MONTH(1), QUARTER(3), HALF_YEAR(6), YEAR(12);

        private final int months;

        Granularity(int months) {
            this.months = months;
        }

        public int months() {
            return months;
        }
    }

    public Period {
        if (first.getYear() < FIRST_YEAR || first.getYear() > LAST_YEAR) {
            throw new IllegalArgumentException("year " + first.getYear() + " is outside " + FIRST_YEAR + ".." + LAST_YEAR);
        }
        if ((first.getMonthValue() - 1) % granularity.months() != 0) {
            throw new IllegalArgumentException(first + " does not start a " + granularity);
        }
    }

    /** Reads a period; empty for text that is none, or of a year outside the range. */
    public static Optional<Period> parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return Optional.of(new Period(Granularity.HALF_YEAR, YearMonth.of(year, 1 + 6 * (Integer.parseInt(m.group(2)) - 1))));
        }
        if (m.group(3) != null) {
            return Optional.of(new Period(Granularity.QUARTER, YearMonth.of(year, 1 + 3 * (Integer.parseInt(m.group(3)) - 1))));
        }
        if (m.group(4) != null) {
            return Optional.of(new Period(Granularity.MONTH, YearMonth.of(year, Integer.parseInt(m.group(4)))));
        }
        return Optional.of(new Period(Granularity.YEAR, YearMonth.of(year, 1)));
    }

    /** Reads a query parameter that must be a period; a 400 naming it otherwise. */
    public static Period required(String text, String parameter) {
        return parse(text).orElseThrow(() -> ProblemException.badRequest("#/query/" + parameter, EXPECTED));
    }

    /** The period of the given granularity that contains the month. */
    /**
     * A month parameter or member, or {@code null} when it is absent. Its form ({@code 2019-03})
     * is checked by the contract before an operation runs.
     */
    public static YearMonth month(String text) {
        return text == null ? null : YearMonth.parse(text);
    }

    public static Period containing(Granularity granularity, YearMonth month) {
        int size = granularity.months();
        int firstMonth = (month.getMonthValue() - 1) / size * size + 1;
        return new Period(granularity, YearMonth.of(month.getYear(), firstMonth));
    }

    public YearMonth last() {
        return first.plusMonths(granularity.months() - 1L);
    }

    public LocalDate start() {
        return first.atDay(1);
    }

    public LocalDate end() {
        return last().atEndOfMonth();
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(first) && !month.isAfter(last());
    }

    /** By start; at the same start the longer period first. */
    @Override
    public int compareTo(Period other) {
        int byStart = first.compareTo(other.first);
        return byStart != 0 ? byStart : other.granularity.compareTo(granularity);
    }

    @Override
    public String toString() {
        return switch (granularity) {
            case YEAR -> String.valueOf(first.getYear());
            case HALF_YEAR -> first.getYear() + "-H" + (first.getMonthValue() == 1 ? 1 : 2);
            case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
            case MONTH -> first.toString();
        };
    }
}
