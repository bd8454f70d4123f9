package de.fachplan.api.capacity.forecast;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import de.fachplan.api.capacity.facilities.AccommodationFacility;
import de.fachplan.api.capacity.facilities.FacilityState;
import de.fachplan.api.capacity.facilities.FacilityType;
import de.fachplan.api.capacity.figures.CitywideFigure;
import de.fachplan.api.capacity.figures.FigureCounts;
import de.fachplan.api.capacity.forecast.CapacityForecast.Capacity;
import de.fachplan.api.capacity.forecast.CapacityForecast.Facts;
import de.fachplan.api.capacity.forecast.CapacityForecast.Flow;
import de.fachplan.api.capacity.forecast.CapacityForecast.Parameters;
import de.fachplan.api.capacity.forecast.CapacityForecast.PersonsSource;
import de.fachplan.api.capacity.forecast.CapacityForecast.Point;
import de.fachplan.api.capacity.forecast.CapacityForecast.Stock;
import de.fachplan.api.capacity.ledger.SmallCountSuppression;
import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.cache.DataChanges;
import de.fachplan.api.common.cache.KeptReads;
import de.fachplan.api.common.cache.ReadCacheConfig;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.time.Period;

/**
 * Reads what is recorded for a plan's city (city-wide figures, the facility ledger, the facilities)
 * in a few aggregating queries and hands it to the pure computations of {@link CapacityForecast}
 * and {@link SmallCountSuppression}.
 */
@ApplicationScoped
public class CapacityChartService {

    private static final Logger LOG = Logger.getLogger(CapacityChartService.class);

    /** Twenty years of months: enough for any plan, small enough to answer quickly. */
    static final int MAX_MONTHS = 240;

    /** One city runs a deployment; a few more keep a shared one from reading on every request. */
    private static final int MUNICIPALITIES_KEPT = 16;

    @Inject
    EntityManager em;

    @Inject
    PlanService plans;

    @Inject
    ScenarioService scenarios;

    @Inject
    Caller caller;

    @Inject
    CapacityConfig config;

    /** The recorded facts of a city, by municipality: every chart and what-if starts from them. */
    private final KeptReads<String, Recorded> recorded;

    @Inject
    CapacityChartService(DataChanges changes, ReadCacheConfig readCache) {
        this.recorded = new KeptReads<>(changes, readCache, MUNICIPALITIES_KEPT);
    }

    /** A chart: the scenario it was computed with ({@code null} for a what-if) and its series. */
    public record Chart(String planCode, ForecastScenario scenario, Range range, YearMonth lastActual,
            YearMonth firstShortfall, List<Point> points, List<Shortfall> shortfalls) {
    }

    /** The months a chart covers, and the periods it shows them in. */
    public record Range(YearMonth from, YearMonth to, Period.Granularity granularity) {
    }

    public record Shortfall(String code, int version, YearMonth firstShortfall) {
    }

    /**
     * One month of the per-district figures, its cells and which of them are withheld; for figures
     * the city published, their source ({@code null} otherwise).
     */
    public record DistrictMonth(YearMonth month, PersonsSource source, Period.Granularity sourceGranularity,
            SmallCountSuppression.Result cells, boolean suppressionApplied, String publishedSource) {
    }

    /**
     * The chart of a plan. Without a scenario it uses the plan's reference scenario; without
     * {@code to} it ends with the plan (five years after its start for a plan without an end);
     * without {@code from} it starts with the first month recorded for the plan's city (the
     * plan's first month when nothing is), at most {@link #MAX_MONTHS} before {@code to}.
     */
    @Transactional
    public Chart chart(String planRef, String scenarioCode, Integer version, YearMonth from, YearMonth to,
            Period.Granularity granularity) {
        Plan plan = plans.resolve(planRef);
        Recorded recorded = load(plan.municipality);
        YearMonth last = to != null ? to
                : plan.validTo != null ? YearMonth.from(plan.validTo) : YearMonth.from(plan.validFrom).plusYears(5);
        YearMonth first = from != null ? from : defaultFrom(plan, recorded, last);
        checkRange(first, last);
        String code = scenarioCode != null ? scenarioCode : plan.referenceScenario;
        if (code == null) {
            throw ProblemException.invalid(List.of(new FieldError("#/query/scenario",
                    "is needed: plan " + plan.code + " has no reference scenario")));
        }
        ForecastScenario scenario = scenarios.get(code, plan, version, null);
        return compute(plan, recorded, scenario, scenario.parameters(), first, last, granularity);
    }

    @Transactional
    public Chart whatIf(String planRef, Parameters parameters, YearMonth from, YearMonth to,
            Period.Granularity granularity) {
        checkRange(from, to);
        Plan plan = plans.resolve(planRef);
        return compute(plan, load(plan.municipality), null, parameters, from, to, granularity);
    }

    private static YearMonth defaultFrom(Plan plan, Recorded recorded, YearMonth to) {
        YearMonth first = Stream.concat(recorded.figures().stream().map(f -> f.period().first()),
                recorded.ledger().keySet().stream()).min(Comparator.naturalOrder())
                .orElse(YearMonth.from(plan.validFrom));
        YearMonth earliest = to.minusMonths(MAX_MONTHS - 1L);
        if (first.isBefore(earliest)) {
            return earliest;
        }
        return first.isAfter(to) ? to : first;
    }

    private Chart compute(Plan plan, Recorded recorded, ForecastScenario scenario, Parameters parameters,
            YearMonth from, YearMonth to, Period.Granularity granularity) {
        Facts facts = recorded.facts();
        List<Point> monthly = CapacityForecast.monthly(from, to, facts, parameters);
        List<Shortfall> shortfalls = scenario == null ? List.of() : scenarios.allLatest(plan).stream()
                .map(s -> new Shortfall(s.code, s.version, CapacityForecast
                        .firstShortfall(CapacityForecast.monthly(from, to, facts, s.parameters())).orElse(null)))
                .toList();
        return new Chart(plan.code, scenario, new Range(from, to, granularity),
                CapacityForecast.lastActual(facts, to).orElse(null),
                CapacityForecast.firstShortfall(monthly).orElse(null),
                CapacityForecast.aggregate(monthly, granularity), shortfalls);
    }

    /**
     * Persons housed and places per district and month. Figures the city published per district
     * are served as published, to everyone. Otherwise the ledger where the month is complete, else
     * the city's unpublished figures by district, which only staff see. Cells derived from the
     * ledger are shown to everyone but staff after small-count suppression; a published figure is
     * public already, so withholding it would protect nobody.
     */
    @Transactional
    public List<DistrictMonth> byDistrict(String planRef, YearMonth from, YearMonth to) {
        checkRange(from, to);
        Plan plan = plans.resolve(planRef);
        Recorded recorded = load(plan.municipality);
        Map<YearMonth, List<SmallCountSuppression.Cell>> ledgerCells = ledgerCellsByDistrict(plan.municipality, from, to);
        Map<YearMonth, List<CitywideRow>> published = new HashMap<>();
        Map<YearMonth, List<CitywideRow>> unpublished = new HashMap<>();
        for (CitywideRow row : recorded.figures()) {
            if (row.district() != null && row.facilityType() == null
                    && (row.counts().personsHoused() != null || row.counts().places() != null)) {
                (row.published() ? published : unpublished).computeIfAbsent(row.period().last(), k -> new ArrayList<>())
                        .add(row);
            }
        }
        boolean staff = caller.isStaff();
        List<DistrictMonth> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            if (published.containsKey(month)) {
                List<CitywideRow> rows = finest(published.get(month));
                String sources = rows.stream().map(CitywideRow::source).distinct().sorted()
                        .collect(Collectors.joining("; "));
                months.add(new DistrictMonth(month, PersonsSource.CITYWIDE_FIGURE, rows.get(0).period().granularity(),
                        new SmallCountSuppression.Result(cells(rows), Set.of(), false), false, sources));
            } else if (recorded.complete(month) && ledgerCells.containsKey(month)) {
                List<SmallCountSuppression.Cell> cells = ledgerCells.get(month);
                SmallCountSuppression.Result result = staff ? new SmallCountSuppression.Result(cells, Set.of(), false)
                        : SmallCountSuppression.apply(cells, config.suppressionThreshold());
                months.add(new DistrictMonth(month, PersonsSource.FACILITY_LEDGER, Period.Granularity.MONTH, result,
                        !staff, null));
            } else if (staff && unpublished.containsKey(month)) {
                List<CitywideRow> rows = finest(unpublished.get(month));
                months.add(new DistrictMonth(month, PersonsSource.CITYWIDE_FIGURE, rows.get(0).period().granularity(),
                        new SmallCountSuppression.Result(cells(rows), Set.of(), false), false, null));
            }
        }
        return months;
    }

    /** The rows of the finest granularity among them, by district. */
    private static List<CitywideRow> finest(List<CitywideRow> rows) {
        Period.Granularity finest = rows.stream().map(r -> r.period().granularity()).min(Comparator.naturalOrder())
                .orElseThrow();
        return rows.stream().filter(r -> r.period().granularity() == finest)
                .sorted(Comparator.comparing(CitywideRow::district)).toList();
    }

    private static List<SmallCountSuppression.Cell> cells(List<CitywideRow> rows) {
        return rows.stream()
                .map(r -> new SmallCountSuppression.Cell(r.district(), r.counts().personsHoused(), r.counts().places(), null))
                .toList();
    }

    public int suppressionThreshold() {
        return config.suppressionThreshold();
    }

    private static void checkRange(YearMonth from, YearMonth to) {
        for (var end : List.of(Map.entry("from", from), Map.entry("to", to))) {
            int year = end.getValue().getYear();
            if (year < Period.FIRST_YEAR || year > Period.LAST_YEAR) {
                throw ProblemException.invalid(List.of(new FieldError("#/query/" + end.getKey(),
                        "must be a month of a year from " + Period.FIRST_YEAR + " to " + Period.LAST_YEAR)));
            }
        }
        if (to.isBefore(from)) {
            throw ProblemException.invalid(List.of(new FieldError("#/query/to", "must not be before from")));
        }
        if (from.plusMonths(MAX_MONTHS - 1L).isBefore(to)) {
            throw ProblemException.invalid(List.of(new FieldError("#/query/to",
                    "the range may span at most " + MAX_MONTHS + " months")));
        }
    }

    /** A city-wide figure as the computations need it. */
    record CitywideRow(Period period, String district, FacilityType facilityType, FigureCounts counts,
            boolean published, String source) {
    }

    /** A facility as the projection of capacity needs it: its dates, state and last usable places. */
    record FacilityRow(FacilityState state, LocalDate openedOn, LocalDate closedOn, int plannedPlaces,
            Integer lastUsablePlaces) {
        boolean openIn(YearMonth month) {
            return AccommodationFacility.openIn(openedOn, closedOn, state, month);
        }

        int usablePlaces() {
            return lastUsablePlaces != null ? lastUsablePlaces : plannedPlaces;
        }
    }

    /** The ledger of one month, summed over the city's facilities. */
    record LedgerMonth(int records, int persons, int activePlaces, int reservePlaces) {
    }

    /** Everything recorded for a city, and the facts the forecast reads from it. */
    record Recorded(List<CitywideRow> figures, Map<YearMonth, LedgerMonth> ledger, List<FacilityRow> facilities) {

        /** Kept and shared between requests, so nothing may change it. */
        Recorded {
            figures = List.copyOf(figures);
            ledger = Collections.unmodifiableMap(new LinkedHashMap<>(ledger));
            facilities = List.copyOf(facilities);
        }

        boolean complete(YearMonth month) {
            LedgerMonth recorded = ledger.get(month);
            if (recorded == null) {
                return false;
            }
            long expected = facilities.stream().filter(f -> f.openIn(month)).count();
            return recorded.records() >= expected;
        }

        Facts facts() {
            Map<YearMonth, Stock> stocks = new HashMap<>();
            Map<YearMonth, Integer> places = new HashMap<>();
            List<Flow> allocations = new ArrayList<>();
            List<Flow> departures = new ArrayList<>();
            List<CitywideRow> finestFirst = new ArrayList<>(figures);
            finestFirst.sort(Comparator.comparing(r -> r.period().granularity()));
            for (CitywideRow row : finestFirst) {
                if (row.district() != null || row.facilityType() != null) {
                    continue;
                }
                YearMonth end = row.period().last();
                FigureCounts counts = row.counts();
                if (counts.personsHoused() != null) {
                    stocks.putIfAbsent(end, new Stock(counts.personsHoused(), PersonsSource.CITYWIDE_FIGURE,
                            row.period().granularity()));
                }
                if (counts.places() != null) {
                    places.putIfAbsent(end, counts.places());
                }
                if (counts.allocations() != null) {
                    allocations.add(new Flow(row.period(), counts.allocations()));
                }
                if (counts.departures() != null) {
                    departures.add(new Flow(row.period(), counts.departures()));
                }
            }
            ledger.forEach((month, recorded) -> {
                if (complete(month)) {
                    stocks.putIfAbsent(month, new Stock(recorded.persons(), PersonsSource.FACILITY_LEDGER, Period.Granularity.MONTH));
                }
            });
            Optional<YearMonth> lastKnown = Stream.concat(ledger.keySet().stream(), stocks.keySet().stream())
                    .max(Comparator.naturalOrder());
            return new Facts(stocks, CapacityForecast.spread(allocations), CapacityForecast.spread(departures),
                    CapacityForecast.spreadFrom(allocations), CapacityForecast.spreadFrom(departures),
                    month -> capacity(month, places, lastKnown));
        }

        private Capacity capacity(YearMonth month, Map<YearMonth, Integer> places, Optional<YearMonth> lastKnown) {
            LedgerMonth recorded = ledger.get(month);
            if (recorded != null && complete(month)) {
                return new Capacity(recorded.activePlaces(), recorded.reservePlaces());
            }
            if (places.containsKey(month)) {
                return new Capacity(places.get(month), null);
            }
            if (lastKnown.isPresent() && !month.isAfter(lastKnown.get())) {
                return Capacity.UNKNOWN;
            }
            int active = 0;
            int reserve = 0;
            for (FacilityRow facility : facilities) {
                if (!facility.openIn(month)) {
                    continue;
                }
                if (facility.state() == FacilityState.ACTIVE) {
                    active += facility.usablePlaces();
                } else if (facility.state() == FacilityState.RESERVE) {
                    reserve += facility.usablePlaces();
                }
            }
            return new Capacity(active, reserve);
        }
    }

    /**
     * The recorded facts, from memory while no write could have changed them since they were read
     * (a what-if is a computation on them, asked for again and again with other parameters).
     */
    private Recorded load(String municipality) {
        if (!recorded.usable()) {
            return read(municipality);
        }
        long generation = recorded.generation();
        Recorded kept = recorded.find(municipality);
        if (kept != null) {
            return kept;
        }
        Recorded read = read(municipality);
        recorded.keep(municipality, generation, read);
        return read;
    }

    private Recorded read(String municipality) {
        List<CitywideRow> figures = new ArrayList<>();
        for (CitywideFigure figure : CitywideFigure.<CitywideFigure>list("municipality", municipality)) {
            Optional<Period> period = figure.reportingPeriod();
            if (period.isEmpty()) {
                // One bad row must not take the public chart down; the operator finds it by its id.
                LOG.warnf("City-wide figure %s has the unreadable period '%s' and is left out", figure.id, figure.period);
                continue;
            }
            figures.add(new CitywideRow(period.get(), figure.district == null ? null : figure.district.code,
                    figure.facilityType,
                    new FigureCounts(figure.allocations, figure.departures, figure.personsHoused, figure.places),
                    figure.published, figure.source));
        }
        Map<YearMonth, LedgerMonth> ledger = new LinkedHashMap<>();
        List<Row> months = Row.list(em.createNativeQuery("SELECT r.month, count(*) AS records,"
                + " sum(r.persons_housed) AS persons_housed,"
                + " sum(CASE WHEN r.state = 'ACTIVE' THEN r.places_available - r.places_blocked ELSE 0 END) AS active_places,"
                + " sum(CASE WHEN r.state = 'RESERVE' THEN r.places_available - r.places_blocked ELSE 0 END) AS reserve_places"
                + " FROM capacity_record r JOIN accommodation_facility f ON f.id = r.facility_id"
                + " JOIN district d ON d.id = f.district_id WHERE d.municipality = :municipality GROUP BY r.month")
                .setParameter("municipality", municipality));
        for (Row row : months) {
            ledger.put(YearMonth.from(date(row.get("month"))), new LedgerMonth(number(row.get("records")),
                    number(row.get("persons_housed")), number(row.get("active_places")), number(row.get("reserve_places"))));
        }
        List<FacilityRow> facilities = new ArrayList<>();
        List<Row> rows = Row.list(em.createNativeQuery("SELECT f.state, f.opened_on, f.closed_on, f.planned_places,"
                + " (SELECT r.places_available - r.places_blocked FROM capacity_record r WHERE r.facility_id = f.id"
                + " ORDER BY r.month DESC LIMIT 1) AS last_usable_places"
                + " FROM accommodation_facility f JOIN district d ON d.id = f.district_id WHERE d.municipality = :municipality")
                .setParameter("municipality", municipality));
        for (Row row : rows) {
            facilities.add(new FacilityRow(FacilityState.valueOf(row.text("state")), date(row.get("opened_on")),
                    date(row.get("closed_on")), number(row.get("planned_places")),
                    row.get("last_usable_places") == null ? null : number(row.get("last_usable_places"))));
        }
        return new Recorded(figures, ledger, facilities);
    }

    private Map<YearMonth, List<SmallCountSuppression.Cell>> ledgerCellsByDistrict(String municipality, YearMonth from,
            YearMonth to) {
        List<Row> rows = Row.list(em.createNativeQuery("SELECT r.month, d.code, sum(r.persons_housed) AS persons_housed,"
                + " sum(CASE WHEN r.state = 'ACTIVE' THEN r.places_available - r.places_blocked ELSE 0 END) AS active_places,"
                // Only facilities that contribute persons or places make the cell: one open but
                // housing nobody neither hides the others' figures nor is revealed by them.
                + " count(*) FILTER (WHERE r.persons_housed > 0"
                + " OR (r.state = 'ACTIVE' AND r.places_available - r.places_blocked > 0)) AS facilities"
                + " FROM capacity_record r JOIN accommodation_facility f ON f.id = r.facility_id"
                + " JOIN district d ON d.id = f.district_id"
                + " WHERE d.municipality = :municipality AND r.month BETWEEN :from AND :to"
                + " GROUP BY r.month, d.code"
                // A district whose facilities house nobody and offer no places shows nothing worth a cell,
                // and its cell would only tell that some facility (a reserve one, say) is there.
                + " HAVING sum(r.persons_housed) > 0"
                + " OR sum(CASE WHEN r.state = 'ACTIVE' THEN r.places_available - r.places_blocked ELSE 0 END) > 0"
                + " ORDER BY r.month, d.code")
                .setParameter("municipality", municipality).setParameter("from", from.atDay(1))
                .setParameter("to", to.atDay(1)));
        Map<YearMonth, List<SmallCountSuppression.Cell>> cells = new HashMap<>();
        for (Row row : rows) {
            cells.computeIfAbsent(YearMonth.from(date(row.get("month"))), k -> new ArrayList<>())
                    .add(new SmallCountSuppression.Cell(row.text("code"), number(row.get("persons_housed")),
                            number(row.get("active_places")), number(row.get("facilities"))));
        }
        return cells;
    }

    private static int number(Object value) {
        return ((Number) value).intValue();
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate local) {
            return local;
        }
        return value == null ? null : ((java.sql.Date) value).toLocalDate();
    }
}
