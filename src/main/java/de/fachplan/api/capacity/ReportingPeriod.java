package de.fachplan.api.capacity;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period as the API writes it: {@code 2018} (year), {@code 2016-H1} (half year),
 * {@code 2019-Q1} (quarter) or {@code 2019-03} (month).
 */
public record ReportingPeriod(PeriodGranularity granularity, YearMonth first) {

    private static final Pattern FORM = Pattern.compile("^([0-9]{4})(?:-H([12])|-Q([1-4])|-(0[1-9]|1[0-2]))?$");

    public static Optional<ReportingPeriod> parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return Optional.of(new ReportingPeriod(PeriodGranularity.HALF_YEAR,
                    YearMonth.of(year, 1 + 6 * (Integer.parseInt(m.group(2)) - 1))));
        }
        if (m.group(3) != null) {
            return Optional.of(new ReportingPeriod(PeriodGranularity.QUARTER,
                    YearMonth.of(year, 1 + 3 * (Integer.parseInt(m.group(3)) - 1))));
        }
        if (m.group(4) != null) {
            return Optional.of(new ReportingPeriod(PeriodGranularity.MONTH, YearMonth.of(year, Integer.parseInt(m.group(4)))));
        }
        return Optional.of(new ReportingPeriod(PeriodGranularity.YEAR, YearMonth.of(year, 1)));
    }

    /** The period of the given granularity that contains the month. */
    public static ReportingPeriod containing(PeriodGranularity granularity, YearMonth month) {
        int size = granularity.months();
        int firstMonth = (month.getMonthValue() - 1) / size * size + 1;
        return new ReportingPeriod(granularity, YearMonth.of(month.getYear(), firstMonth));
    }

    public YearMonth last() {
        return first.plusMonths(granularity.months() - 1L);
    }

    public boolean contains(YearMonth month) {
        return !month.isBefore(first) && !month.isAfter(last());
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
