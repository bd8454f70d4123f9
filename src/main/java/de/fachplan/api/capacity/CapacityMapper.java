package de.fachplan.api.capacity;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import de.fachplan.api.generated.model.CapacityChartDto;
import de.fachplan.api.generated.model.CapacityChartPointDto;
import de.fachplan.api.generated.model.ChartGranularityDto;
import de.fachplan.api.generated.model.DistrictCapacityDto;
import de.fachplan.api.generated.model.DistrictCapacityCellDto;
import de.fachplan.api.generated.model.DistrictCapacityMonthDto;
import de.fachplan.api.generated.model.ScenarioRefDto;
import de.fachplan.api.generated.model.SpreadFromDto;
import de.fachplan.api.generated.model.ScenarioShortfallDto;
import de.fachplan.api.generated.model.ScenarioParametersDto;
import de.fachplan.api.generated.model.AccommodationFacilityDto;
import de.fachplan.api.generated.model.CapacityRecordDto;
import de.fachplan.api.generated.model.CitywideFigureDto;
import de.fachplan.api.generated.model.FacilityStateDto;
import de.fachplan.api.generated.model.FacilityTypeDto;
import de.fachplan.api.generated.model.ForecastScenarioDto;
import de.fachplan.api.generated.model.PeriodGranularityDto;
import de.fachplan.api.capacity.facilities.AccommodationFacility;
import de.fachplan.api.capacity.figures.CitywideFigure;
import de.fachplan.api.capacity.forecast.CapacityChartService;
import de.fachplan.api.capacity.forecast.CapacityForecast;
import de.fachplan.api.capacity.forecast.ForecastScenario;
import de.fachplan.api.capacity.ledger.CapacityRecord;
import de.fachplan.api.capacity.ledger.SmallCountSuppression;

/** Entities and computed series to the wire models of the contract. */
public final class CapacityMapper {

    private CapacityMapper() {
    }

    public static AccommodationFacilityDto toDto(AccommodationFacility facility) {
        var dto = new AccommodationFacilityDto();
        dto.setId(facility.id);
        dto.setCode(facility.code);
        dto.setName(facility.name);
        dto.setType(FacilityTypeDto.valueOf(facility.type.name()));
        dto.setDistrict(facility.district.code);
        dto.setOperatorOrganisationId(facility.operatorOrganisationId);
        dto.setStreetAddress(facility.streetAddress);
        dto.setPostalCode(facility.postalCode);
        dto.setPlannedPlaces(facility.plannedPlaces);
        dto.setState(FacilityStateDto.valueOf(facility.state.name()));
        dto.setOpenedOn(facility.openedOn);
        dto.setClosedOn(facility.closedOn);
        dto.setIllustrative(facility.illustrative);
        dto.setVersion(facility.version);
        dto.setCreatedAt(facility.createdAt);
        dto.setUpdatedAt(facility.updatedAt);
        return dto;
    }

    public static CapacityRecordDto toDto(CapacityRecord record, String facilityCode) {
        var dto = new CapacityRecordDto();
        dto.setFacilityId(record.facilityId);
        dto.setFacilityCode(facilityCode);
        dto.setMonth(YearMonth.from(record.month).toString());
        dto.setState(FacilityStateDto.valueOf(record.state.name()));
        dto.setPlacesAvailable(record.placesAvailable);
        dto.setPlacesBlocked(record.placesBlocked);
        dto.setPersonsHoused(record.personsHoused);
        dto.setOverrideReason(record.overrideReason);
        dto.setVersion(record.version);
        dto.setUpdatedAt(record.updatedAt);
        return dto;
    }

    public static CitywideFigureDto toDto(CitywideFigure figure) {
        var dto = new CitywideFigureDto();
        dto.setId(figure.id);
        dto.setPeriod(figure.period);
        dto.setGranularity(PeriodGranularityDto.valueOf(figure.granularity.name()));
        dto.setMunicipality(figure.municipality);
        dto.setDistrict(figure.district == null ? null : figure.district.code);
        dto.setFacilityType(figure.facilityType == null ? null
                : FacilityTypeDto.valueOf(figure.facilityType.name()));
        dto.setAllocations(figure.allocations);
        dto.setDepartures(figure.departures);
        dto.setPersonsHoused(figure.personsHoused);
        dto.setPlaces(figure.places);
        dto.setSource(figure.source);
        dto.setPublished(figure.published);
        dto.setVersion(figure.version);
        dto.setUpdatedAt(figure.updatedAt);
        return dto;
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

    static CapacityForecast.Parameters fromDto(ScenarioParametersDto dto) {
        return new CapacityForecast.Parameters(BigDecimal.valueOf(dto.getMonthlyAllocations()),
                BigDecimal.valueOf(dto.getDepartureRate()), BigDecimal.valueOf(dto.getTargetOccupancy()),
                BigDecimal.valueOf(dto.getReserveShare()));
    }

    private static CapacityChartPointDto toDto(CapacityForecast.Point point) {
        CapacityChartPointDto dto = new CapacityChartPointDto();
        dto.setPeriod(point.period().toString());
        dto.setBasis(CapacityChartPointDto.BasisEnum.fromValue(point.basis().name()));
        dto.setPersonsSource(point.source() == null ? null
                : CapacityChartPointDto.PersonsSourceEnum.fromValue(point.source().name()));
        dto.setSourceGranularity(point.sourceGranularity() == null ? null
                : PeriodGranularityDto.valueOf(point.sourceGranularity().name()));
        dto.setAllocations(point.allocations());
        dto.setDepartures(point.departures());
        dto.setPersonsToHouse(point.persons());
        dto.setNeededCapacity(point.neededCapacity());
        dto.setCapacity(point.capacity());
        dto.setReserveCapacity(point.reserveCapacity());
        dto.setGap(point.gap());
        dto.setAllocationsSpreadFrom(point.allocationsSpreadFrom() == null ? null
                : SpreadFromDto.valueOf(point.allocationsSpreadFrom().name()));
        dto.setDeparturesSpreadFrom(point.departuresSpreadFrom() == null ? null
                : SpreadFromDto.valueOf(point.departuresSpreadFrom().name()));
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
        dto.setFrom(chart.from().toString());
        dto.setTo(chart.to().toString());
        dto.setGranularity(ChartGranularityDto.valueOf(chart.granularity().name()));
        dto.setLastActualMonth(chart.lastActual() == null ? null : chart.lastActual().toString());
        dto.setFirstShortfall(chart.firstShortfall() == null ? null : chart.firstShortfall().toString());
        dto.setPoints(chart.points().stream().map(CapacityMapper::toDto).toList());
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
        dto.setMonths(months.stream().map(CapacityMapper::toDto).toList());
        return dto;
    }

    private static DistrictCapacityMonthDto toDto(CapacityChartService.DistrictMonth month) {
        DistrictCapacityMonthDto dto = new DistrictCapacityMonthDto();
        dto.setMonth(month.month().toString());
        dto.setSource(DistrictCapacityMonthDto.SourceEnum.fromValue(month.source().name()));
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
}
