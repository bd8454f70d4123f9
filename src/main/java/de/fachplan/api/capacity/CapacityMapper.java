package de.fachplan.api.capacity;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import de.fachplan.api.generated.model.CapacityChart;
import de.fachplan.api.generated.model.CapacityChartPoint;
import de.fachplan.api.generated.model.ChartGranularity;
import de.fachplan.api.generated.model.DistrictCapacity;
import de.fachplan.api.generated.model.DistrictCapacityCell;
import de.fachplan.api.generated.model.DistrictCapacityMonth;
import de.fachplan.api.generated.model.ScenarioRef;
import de.fachplan.api.generated.model.ScenarioShortfall;
import de.fachplan.api.generated.model.ScenarioParameters;

/** Entities and computed series to the wire models of the contract. */
final class CapacityMapper {

    private CapacityMapper() {
    }

    static de.fachplan.api.generated.model.AccommodationFacility toDto(AccommodationFacility facility) {
        var dto = new de.fachplan.api.generated.model.AccommodationFacility();
        dto.setId(facility.id);
        dto.setCode(facility.code);
        dto.setName(facility.name);
        dto.setType(de.fachplan.api.generated.model.FacilityType.valueOf(facility.type.name()));
        dto.setDistrict(facility.district.code);
        dto.setOperatorOrganisationId(facility.operatorOrganisationId);
        dto.setStreetAddress(facility.streetAddress);
        dto.setPostalCode(facility.postalCode);
        dto.setPlannedPlaces(facility.plannedPlaces);
        dto.setState(de.fachplan.api.generated.model.FacilityState.valueOf(facility.state.name()));
        dto.setOpenedOn(facility.openedOn);
        dto.setClosedOn(facility.closedOn);
        dto.setIllustrative(facility.illustrative);
        dto.setVersion(facility.version);
        dto.setCreatedAt(facility.createdAt);
        dto.setUpdatedAt(facility.updatedAt);
        return dto;
    }

    static de.fachplan.api.generated.model.CapacityRecord toDto(CapacityRecord record, String facilityCode) {
        var dto = new de.fachplan.api.generated.model.CapacityRecord();
        dto.setFacilityId(record.facilityId);
        dto.setFacilityCode(facilityCode);
        dto.setMonth(YearMonth.from(record.month).toString());
        dto.setState(de.fachplan.api.generated.model.FacilityState.valueOf(record.state.name()));
        dto.setPlacesAvailable(record.placesAvailable);
        dto.setPlacesBlocked(record.placesBlocked);
        dto.setPersonsHoused(record.personsHoused);
        dto.setOverrideReason(record.overrideReason);
        dto.setVersion(record.version);
        dto.setUpdatedAt(record.updatedAt);
        return dto;
    }

    static de.fachplan.api.generated.model.CitywideFigure toDto(CitywideFigure figure) {
        var dto = new de.fachplan.api.generated.model.CitywideFigure();
        dto.setId(figure.id);
        dto.setPeriod(figure.period);
        dto.setGranularity(de.fachplan.api.generated.model.PeriodGranularity.valueOf(figure.granularity.name()));
        dto.setMunicipality(figure.municipality);
        dto.setDistrict(figure.district == null ? null : figure.district.code);
        dto.setFacilityType(figure.facilityType == null ? null
                : de.fachplan.api.generated.model.FacilityType.valueOf(figure.facilityType.name()));
        dto.setAllocations(figure.allocations);
        dto.setDepartures(figure.departures);
        dto.setPersonsHoused(figure.personsHoused);
        dto.setPlaces(figure.places);
        dto.setSource(figure.source);
        dto.setVersion(figure.version);
        dto.setUpdatedAt(figure.updatedAt);
        return dto;
    }

    static de.fachplan.api.generated.model.ForecastScenario toDto(ForecastScenario scenario) {
        var dto = new de.fachplan.api.generated.model.ForecastScenario();
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

    static ScenarioParameters toDto(CapacityForecast.Parameters parameters) {
        ScenarioParameters dto = new ScenarioParameters();
        dto.setMonthlyAllocations(parameters.monthlyAllocations().doubleValue());
        dto.setDepartureRate(parameters.departureRate().doubleValue());
        dto.setTargetOccupancy(parameters.targetOccupancy().doubleValue());
        dto.setReserveShare(parameters.reserveShare().doubleValue());
        return dto;
    }

    static CapacityForecast.Parameters fromDto(ScenarioParameters dto) {
        return new CapacityForecast.Parameters(BigDecimal.valueOf(dto.getMonthlyAllocations()),
                BigDecimal.valueOf(dto.getDepartureRate()), BigDecimal.valueOf(dto.getTargetOccupancy()),
                BigDecimal.valueOf(dto.getReserveShare()));
    }

    private static CapacityChartPoint toDto(CapacityForecast.Point point) {
        CapacityChartPoint dto = new CapacityChartPoint();
        dto.setPeriod(point.period().toString());
        dto.setBasis(CapacityChartPoint.BasisEnum.fromValue(point.basis().name()));
        dto.setPersonsSource(point.source() == null ? null
                : CapacityChartPoint.PersonsSourceEnum.fromValue(point.source().name()));
        dto.setSourceGranularity(point.sourceGranularity() == null ? null
                : de.fachplan.api.generated.model.PeriodGranularity.valueOf(point.sourceGranularity().name()));
        dto.setAllocations(point.allocations());
        dto.setDepartures(point.departures());
        dto.setPersonsToHouse(point.persons());
        dto.setNeededCapacity(point.neededCapacity());
        dto.setCapacity(point.capacity());
        dto.setReserveCapacity(point.reserveCapacity());
        dto.setGap(point.gap());
        return dto;
    }

    static CapacityChart toDto(CapacityChartService.Chart chart) {
        CapacityChart dto = new CapacityChart();
        dto.setPlanCode(chart.planCode());
        if (chart.scenario() != null) {
            ScenarioRef scenario = new ScenarioRef();
            scenario.setCode(chart.scenario().code);
            scenario.setVersion(chart.scenario().version);
            scenario.setParameters(toDto(chart.scenario().parameters()));
            dto.setScenario(scenario);
        }
        dto.setFrom(chart.from().toString());
        dto.setTo(chart.to().toString());
        dto.setGranularity(ChartGranularity.valueOf(chart.granularity().name()));
        dto.setLastActualMonth(chart.lastActual() == null ? null : chart.lastActual().toString());
        dto.setFirstShortfall(chart.firstShortfall() == null ? null : chart.firstShortfall().toString());
        dto.setPoints(chart.points().stream().map(CapacityMapper::toDto).toList());
        dto.setShortfalls(chart.shortfalls().stream().map(s -> {
            ScenarioShortfall shortfall = new ScenarioShortfall();
            shortfall.setCode(s.code());
            shortfall.setVersion(s.version());
            shortfall.setFirstShortfall(s.firstShortfall() == null ? null : s.firstShortfall().toString());
            return shortfall;
        }).toList());
        return dto;
    }

    static DistrictCapacity toDto(YearMonth from, YearMonth to, int threshold,
            List<CapacityChartService.DistrictMonth> months) {
        DistrictCapacity dto = new DistrictCapacity();
        dto.setFrom(from.toString());
        dto.setTo(to.toString());
        dto.setSuppressionThreshold(threshold);
        dto.setMonths(months.stream().map(CapacityMapper::toDto).toList());
        return dto;
    }

    private static DistrictCapacityMonth toDto(CapacityChartService.DistrictMonth month) {
        DistrictCapacityMonth dto = new DistrictCapacityMonth();
        dto.setMonth(month.month().toString());
        dto.setSource(DistrictCapacityMonth.SourceEnum.fromValue(month.source().name()));
        dto.setSourceGranularity(de.fachplan.api.generated.model.PeriodGranularity.valueOf(month.sourceGranularity().name()));
        SmallCountSuppression.Result result = month.cells();
        if (!result.totalWithheld()) {
            dto.setTotalPersonsHoused(CapacityForecast.sum(result.cells(), SmallCountSuppression.Cell::persons));
            dto.setTotalPlaces(CapacityForecast.sum(result.cells(), SmallCountSuppression.Cell::places));
        }
        dto.setCells(result.cells().stream().map(cell -> {
            DistrictCapacityCell out = new DistrictCapacityCell();
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
