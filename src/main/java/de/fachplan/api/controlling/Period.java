package de.fachplan.api.controlling;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;

/**
 * A reporting period: a year ({@code 2020}), a quarter ({@code 2020-Q2}) or a month
 * ({@code 2020-05}). Periods of every frequency order by their start.
 */
public record Period(String text, Frequency frequency, LocalDate start) {

    private static final Pattern FORM = Pattern.compile("^([0-9]{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$");

    /** Reads a period; {@code null} for text that is none. */
    public static Period parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            int quarter = Integer.parseInt(m.group(2));
            return new Period(text, Frequency.QUARTERLY, LocalDate.of(year, quarter * 3 - 2, 1));
        }
        if (m.group(3) != null) {
            return new Period(text, Frequency.MONTHLY, LocalDate.of(year, Integer.parseInt(m.group(3)), 1));
        }
        return new Period(text, Frequency.YEARLY, LocalDate.of(year, 1, 1));
    }

    /**
     * Reads a period that must be of {@code frequency}; adds an error under {@code pointer} and
     * returns {@code null} when it is not.
     */
    public static Period of(String text, Frequency frequency, String pointer, java.util.List<FieldError> errors) {
        Period period = parseOrNull(text);
        if (period == null) {
            errors.add(new FieldError(pointer, "is not a period (2020, 2020-Q2 or 2020-05)"));
            return null;
        }
        if (period.frequency != frequency) {
            errors.add(new FieldError(pointer, "must be a " + describe(frequency) + " period ("
                    + example(frequency) + ") for an indicator reported " + frequency.name().toLowerCase()));
            return null;
        }
        return period;
    }

    /** Reads a query parameter that must be a period; a 400 naming it otherwise. */
    public static Period required(String text, String parameter) {
        Period period = parseOrNull(text);
        if (period == null) {
            throw ProblemException.badRequest("#/query/" + parameter, "is not a period (2020, 2020-Q2 or 2020-05)");
        }
        return period;
    }

    /** The last day of the period. */
    public LocalDate end() {
        return switch (frequency) {
            case YEARLY -> start.plusYears(1).minusDays(1);
            case QUARTERLY -> start.plusMonths(3).minusDays(1);
            case MONTHLY -> start.plusMonths(1).minusDays(1);
        };
    }

    /** The period of {@code frequency} in which this period ends ({@code 2020} quarterly: {@code 2020-Q4}). */
    public Period lastOf(Frequency target) {
        LocalDate last = end();
        return switch (target) {
            case YEARLY -> parseOrNull(String.valueOf(last.getYear()));
            case QUARTERLY -> parseOrNull(last.getYear() + "-Q" + ((last.getMonthValue() - 1) / 3 + 1));
            case MONTHLY -> parseOrNull(String.format("%d-%02d", last.getYear(), last.getMonthValue()));
        };
    }

    private static String describe(Frequency frequency) {
        return switch (frequency) {
            case YEARLY -> "yearly";
            case QUARTERLY -> "quarterly";
            case MONTHLY -> "monthly";
        };
    }

    private static String example(Frequency frequency) {
        return switch (frequency) {
            case YEARLY -> "2020";
            case QUARTERLY -> "2020-Q2";
            case MONTHLY -> "2020-05";
        };
    }
}
