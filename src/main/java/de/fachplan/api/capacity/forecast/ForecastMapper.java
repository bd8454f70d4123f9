package de.fachplan.api.capacity.forecast;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import de.fachplan.api.capacity.ledger.SmallCountSuppression;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.generated.model.CapacityChartDto;
import de.fachplan.api.generated.model.CapacityChartPointDto;
import de.fachplan.api.generated.model.ChartGranularityDto;
import de.fachplan.api.generated.model.DistrictCapacityCellDto;
import de.fachplan.api.generated.model.DistrictCapacityDto;
import de.fachplan.api.generated.model.DistrictCapacityMonthDto;
import de.fachplan.api.generated.model.ForecastScenarioCreateDto;
import de.fachplan.api.generated.model.ForecastScenarioDto;
import de.fachplan.api.generated.model.ForecastScenarioVersionCreateDto;
import de.fachplan.api.generated.model.PeriodGranularityDto;
import de.fachplan.api.generated.model.ScenarioParametersDto;
import de.fachplan.api.generated.model.ScenarioRefDto;
import de.fachplan.api.generated.model.ScenarioShortfallDto;
import de.fachplan.api.generated.model.SpreadFromDto;

/** Scenarios, the computed chart and the district figures on the wire. */
public final class ForecastMapper {

    private ForecastMapper() {
    }

    public static ForecastScenarioDto toDto(ForecastScenario scenario) {
        var dto = new ForecastScenarioDto();
        dto.setId(scenario.id);
        dto.setCode(scenario.code);
        dto.setVersion(scenario.version);
        dto.setPlanCode(scenario.plan.code);
        dto.setName(scenario.name);
        dto.setDescription(scenario.description);
        dto.setParameters(toDto(scenario.parameters()));
        dto.setIssuedOn(scenario.issuedOn);
        dto.setIllustrative(scenario.illustrative);
        dto.setCreatedAt(scenario.createdAt);
        return dto;
    }

    public static ScenarioParametersDto toDto(CapacityForecast.Parameters parameters) {
        ScenarioParametersDto dto = new ScenarioParametersDto();
        dto.setMonthlyAllocations(parameters.monthlyAllocations().doubleValue());
        dto.setDepartureRate(parameters.departureRate().doubleValue());
        dto.setTargetOccupancy(parameters.targetOccupancy().doubleValue());
        dto.setReserveShare(parameters.reserveShare().doubleValue());
        return dto;
    }

    public static CapacityForecast.Parameters fromDto(ScenarioParametersDto dto) {
        return new CapacityForecast.Parameters(BigDecimal.valueOf(dto.getMonthlyAllocations()),
                BigDecimal.valueOf(dto.getDepartureRate()), BigDecimal.valueOf(dto.getTargetOccupancy()),
                BigDecimal.valueOf(dto.getReserveShare()));
    }

    private static CapacityChartPointDto toDto(CapacityForecast.Point point) {
        CapacityForecast.Housed housed = point.housed();
        CapacityForecast.Flows flows = point.flows();
        CapacityForecast.Coverage coverage = point.coverage();
        CapacityChartPointDto dto = new CapacityChartPointDto();
        dto.setPeriod(point.period().toString());
        dto.setBasis(CapacityChartPointDto.BasisEnum.fromValue(housed.basis().name()));
        dto.setPersonsSource(housed.source() == null ? null
                : CapacityChartPointDto.PersonsSourceEnum.fromValue(housed.source().name()));
        dto.setSourceGranularity(housed.sourceGranularity() == null ? null
                : PeriodGranularityDto.valueOf(housed.sourceGranularity().name()));
        dto.setPersonsToHouse(housed.persons());
        dto.setAllocations(flows.allocations());
        dto.setDepartures(flows.departures());
        dto.setAllocationsSpreadFrom(spreadFrom(flows.allocationsSpreadFrom()));
        dto.setDeparturesSpreadFrom(spreadFrom(flows.departuresSpreadFrom()));
        dto.setNeededCapacity(coverage.neededCapacity());
        dto.setCapacity(coverage.capacity());
        dto.setReserveCapacity(coverage.reserveCapacity());
        dto.setGap(coverage.gap());
        return dto;
    }

    public static CapacityChartDto toDto(CapacityChartService.Chart chart) {
        CapacityChartDto dto = new CapacityChartDto();
        dto.setPlanCode(chart.planCode());
        if (chart.scenario() != null) {
            ScenarioRefDto scenario = new ScenarioRefDto();
            scenario.setCode(chart.scenario().code);
            scenario.setVersion(chart.scenario().version);
            scenario.setParameters(toDto(chart.scenario().parameters()));
            dto.setScenario(scenario);
        }
        dto.setFrom(chart.range().from().toString());
        dto.setTo(chart.range().to().toString());
        dto.setGranularity(switch (chart.range().granularity()) {
            case MONTH -> ChartGranularityDto.MONTH;
            case QUARTER -> ChartGranularityDto.QUARTER;
            case YEAR -> ChartGranularityDto.YEAR;
            case HALF_YEAR -> throw new IllegalStateException("the chart is never drawn per half year");
        });
        dto.setLastActualMonth(chart.lastActual() == null ? null : chart.lastActual().toString());
        dto.setFirstShortfall(chart.firstShortfall() == null ? null : chart.firstShortfall().toString());
        dto.setPoints(chart.points().stream().map(ForecastMapper::toDto).toList());
        dto.setShortfalls(chart.shortfalls().stream().map(s -> {
            ScenarioShortfallDto shortfall = new ScenarioShortfallDto();
            shortfall.setCode(s.code());
            shortfall.setVersion(s.version());
            shortfall.setFirstShortfall(s.firstShortfall() == null ? null : s.firstShortfall().toString());
            return shortfall;
        }).toList());
        return dto;
    }

    public static DistrictCapacityDto toDto(YearMonth from, YearMonth to, int threshold,
            List<CapacityChartService.DistrictMonth> months) {
        DistrictCapacityDto dto = new DistrictCapacityDto();
        dto.setFrom(from.toString());
        dto.setTo(to.toString());
        dto.setSuppressionThreshold(threshold);
        dto.setMonths(months.stream().map(ForecastMapper::toDto).toList());
        return dto;
    }

    private static DistrictCapacityMonthDto toDto(CapacityChartService.DistrictMonth month) {
        DistrictCapacityMonthDto dto = new DistrictCapacityMonthDto();
        dto.setMonth(month.month().toString());
        dto.setSource(switch (month.source()) {
            case FACILITY_LEDGER -> DistrictCapacityMonthDto.SourceEnum.FACILITY_LEDGER;
            case CITYWIDE_FIGURE -> DistrictCapacityMonthDto.SourceEnum.CITYWIDE_FIGURE;
            case PROJECTION -> throw new IllegalStateException("district figures are recorded, never projected");
        });
        dto.setSourceGranularity(PeriodGranularityDto.valueOf(month.sourceGranularity().name()));
        dto.setPublished(month.publishedSource() != null);
        dto.setPublishedSource(month.publishedSource());
        SmallCountSuppression.Result result = month.cells();
        if (!result.totalWithheld()) {
            dto.setTotalPersonsHoused(CapacityForecast.sum(result.cells(), SmallCountSuppression.Cell::persons));
            dto.setTotalPlaces(CapacityForecast.sum(result.cells(), SmallCountSuppression.Cell::places));
        }
        dto.setCells(result.cells().stream().map(cell -> {
            DistrictCapacityCellDto out = new DistrictCapacityCellDto();
            out.setDistrict(cell.district());
            boolean withheld = result.withheld().contains(cell.district());
            out.setSuppressed(withheld);
            if (!withheld) {
                out.setPersonsHoused(cell.persons());
                out.setPlaces(cell.places());
            }
            return out;
        }).toList());
        return dto;
    }

    public static ScenarioService.VersionInput fromCreate(ForecastScenarioCreateDto request) {
        return new ScenarioService.VersionInput(request.getName(), request.getDescription(),
                fromDto(request.getParameters()), request.getIssuedOn(), request.getIllustrative());
    }

    public static ScenarioService.VersionInput fromDto(ForecastScenarioVersionCreateDto request) {
        return new ScenarioService.VersionInput(request.getName(), request.getDescription(),
                fromDto(request.getParameters()), request.getIssuedOn(), request.getIllustrative());
    }

    /** Months unless the request asks for coarser points. */
    public static Period.Granularity granularity(ChartGranularityDto granularity) {
        return granularity == null ? Period.Granularity.MONTH : Period.Granularity.valueOf(granularity.name());
    }

    /** A flow is spread only from a figure coarser than a month. */
    private static SpreadFromDto spreadFrom(Period.Granularity granularity) {
        return granularity == null ? null : switch (granularity) {
            case QUARTER -> SpreadFromDto.QUARTER;
            case HALF_YEAR -> SpreadFromDto.HALF_YEAR;
            case YEAR -> SpreadFromDto.YEAR;
            case MONTH -> throw new IllegalStateException("nothing is spread from a month");
        };
    }
}
