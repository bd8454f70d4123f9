package de.fachplan.api.capacity.facilities;

import java.util.Optional;
import de.fachplan.api.generated.model.AccommodationFacilityPatchDto;
import de.fachplan.api.generated.model.AccommodationFacilityCreateDto;
import de.fachplan.api.common.http.MergePatch;
import de.fachplan.api.generated.model.AccommodationFacilityDto;
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

    public static FacilityService.FacilityChange fromCreate(AccommodationFacilityCreateDto request) {
        return new FacilityService.FacilityChange(request.getCode(), request.getName(),
                FacilityType.valueOf(request.getType().name()), request.getDistrict(),
                request.getOperatorOrganisationId(), request.getStreetAddress(),
                Optional.ofNullable(request.getPostalCode()), request.getPlannedPlaces(),
                request.getState() == null ? null : FacilityState.valueOf(request.getState().name()),
                Optional.ofNullable(request.getOpenedOn()), Optional.ofNullable(request.getClosedOn()),
                Boolean.TRUE.equals(request.getIllustrative()));
    }

    /** A merge patch: {@code null} leaves a member as it is, the clearable ones are emptied by JSON {@code null}. */
    public static FacilityService.FacilityChange fromPatch(AccommodationFacilityPatchDto patch) {
        return new FacilityService.FacilityChange(null, patch.getName(),
                patch.getType() == null ? null : FacilityType.valueOf(patch.getType().name()), patch.getDistrict(),
                patch.getOperatorOrganisationId(), patch.getStreetAddress(), MergePatch.clearable(patch.getPostalCode()),
                patch.getPlannedPlaces(), patch.getState() == null ? null : FacilityState.valueOf(patch.getState().name()),
                MergePatch.clearable(patch.getOpenedOn()), MergePatch.clearable(patch.getClosedOn()),
                patch.getIllustrative());
    }
}
