package de.fachplan.api.capacity.facilities;

import de.fachplan.api.common.patch.Patch;
import de.fachplan.api.generated.model.AccommodationFacilityCreateDto;
import de.fachplan.api.generated.model.AccommodationFacilityDto;
import de.fachplan.api.generated.model.AccommodationFacilityPatchDto;
import de.fachplan.api.generated.model.FacilityStateDto;
import de.fachplan.api.generated.model.FacilityTypeDto;

/** Accommodation facilities (Unterkünfte) on the wire. */
public final class FacilityMapper {

    private FacilityMapper() {
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

    public static FacilityChange fromCreate(AccommodationFacilityCreateDto request) {
        return FacilityChange.builder().code(request.getCode()).name(request.getName())
                .type(FacilityType.valueOf(request.getType().name())).district(request.getDistrict())
                .operator(request.getOperatorOrganisationId()).streetAddress(request.getStreetAddress())
                .postalCode(Patch.ofNullable(request.getPostalCode())).plannedPlaces(request.getPlannedPlaces())
                .state(request.getState() == null ? null : FacilityState.valueOf(request.getState().name()))
                .openedOn(Patch.ofNullable(request.getOpenedOn())).closedOn(Patch.ofNullable(request.getClosedOn()))
                .illustrative(Boolean.TRUE.equals(request.getIllustrative())).build();
    }

    public static FacilityChange fromPatch(AccommodationFacilityPatchDto patch) {
        return FacilityChange.builder().name(patch.getName())
                .type(patch.getType() == null ? null : FacilityType.valueOf(patch.getType().name()))
                .district(patch.getDistrict()).operator(patch.getOperatorOrganisationId())
                .streetAddress(patch.getStreetAddress()).postalCode(Patch.of(patch.getPostalCode()))
                .plannedPlaces(patch.getPlannedPlaces())
                .state(patch.getState() == null ? null : FacilityState.valueOf(patch.getState().name()))
                .openedOn(Patch.of(patch.getOpenedOn())).closedOn(Patch.of(patch.getClosedOn()))
                .illustrative(patch.getIllustrative()).build();
    }
}
