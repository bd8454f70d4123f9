package de.fachplan.api.capacity.facilities;

import java.net.URI;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.AccommodationFacilitiesApi;
import de.fachplan.api.generated.model.AccommodationFacilityCreateDto;
import de.fachplan.api.generated.model.AccommodationFacilityDto;
import de.fachplan.api.generated.model.AccommodationFacilityPageDto;
import de.fachplan.api.generated.model.AccommodationFacilityPatchDto;
import de.fachplan.api.generated.model.FacilityStateDto;

/** Accommodation facilities (Unterkünfte); who sees which is decided by {@link FacilityService}. */
public class AccommodationFacilitiesResource implements AccommodationFacilitiesApi {

    @Inject
    FacilityService facilities;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<AccommodationFacilityPageDto> listAccommodationFacilities(
            FacilityStateDto state, String district, OffsetDateTime modifiedSince,
            Integer limit, String cursor) {
        Page<AccommodationFacility> page = facilities.list(state == null ? null : FacilityState.valueOf(state.name()),
                district, modifiedSince,
                PageRequest.of(limit, cursor, "facilities:" + state + ":" + district + ":" + modifiedSince));
        AccommodationFacilityPageDto body = new AccommodationFacilityPageDto();
        body.setItems(page.items().stream().map(FacilityMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<AccommodationFacilityDto> createAccommodationFacility(
            AccommodationFacilityCreateDto request, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createAccommodationFacility", request,
                AccommodationFacilityDto.class, () -> {
                    AccommodationFacility facility = facilities.create(FacilityMapper.fromCreate(request));
                    return new Idempotency.Outcome<>(FacilityMapper.toDto(facility),
                            URI.create("accommodation-facilities/" + facility.id), ETags.of(facility.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<AccommodationFacilityDto> getAccommodationFacility(
            String facilityRef, String ifNoneMatch) {
        AccommodationFacility facility = facilities.visible(facilityRef);
        return Responses.conditional(ifNoneMatch, facility.version, () -> FacilityMapper.toDto(facility));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<AccommodationFacilityDto> updateAccommodationFacility(
            String facilityRef, String ifMatch, AccommodationFacilityPatchDto patch) {
        AccommodationFacility facility = facilities.update(facilityRef, ifMatch, FacilityMapper.fromPatch(patch));
        return Responses.withETag(FacilityMapper.toDto(facility), facility.version);
    }
}
