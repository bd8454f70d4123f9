package de.fachplan.api.capacity.figures;

import de.fachplan.api.capacity.facilities.FacilityType;
import de.fachplan.api.generated.model.CitywideFigureDto;
import de.fachplan.api.generated.model.CitywideFigureInputDto;
import de.fachplan.api.generated.model.FacilityTypeDto;
import de.fachplan.api.generated.model.PeriodGranularityDto;

/** City-wide figures on the wire, as published. */
public final class FigureMapper {

    private FigureMapper() {
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

    public static CitywideFigureService.FigureInput fromDto(CitywideFigureInputDto request) {
        return new CitywideFigureService.FigureInput(request.getPeriod(), request.getMunicipality(),
                request.getDistrict(),
                request.getFacilityType() == null ? null : FacilityType.valueOf(request.getFacilityType().name()),
                new FigureCounts(request.getAllocations(), request.getDepartures(), request.getPersonsHoused(),
                        request.getPlaces()),
                request.getSource(), Boolean.TRUE.equals(request.getPublished()));
    }
}
