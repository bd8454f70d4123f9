package de.fachplan.api.capacity.forecast;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

import de.fachplan.api.capacity.forecast.CapacityForecast.Point;
import de.fachplan.api.common.csv.CsvWriter;

/** The chart's series as CSV for scripts: one row per period, the members of the JSON points. */
public final class CapacityCsv {

    static final List<String> HEADER = List.of("scenario", "scenarioVersion", "period", "basis", "personsSource",
            "sourceGranularity", "allocations", "departures", "personsToHouse", "neededCapacity", "capacity",
            "reserveCapacity", "gap");

    private CapacityCsv() {
    }

    public static void write(CapacityChartService.Chart chart, OutputStream out) throws IOException {
        CsvWriter csv = new CsvWriter(out);
        csv.record(HEADER);
        for (Point point : chart.points()) {
            CapacityForecast.Housed housed = point.housed();
            CapacityForecast.Coverage coverage = point.coverage();
            csv.record(Arrays.asList(chart.scenario().code, chart.scenario().version, point.period(), housed.basis(),
                    housed.source(), housed.sourceGranularity(), point.flows().allocations(), point.flows().departures(),
                    housed.persons(), coverage.neededCapacity(), coverage.capacity(), coverage.reserveCapacity(),
                    coverage.gap()));
        }
        csv.flush();
    }
}
