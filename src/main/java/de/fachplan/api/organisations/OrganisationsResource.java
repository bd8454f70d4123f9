package de.fachplan.api.organisations;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.cache.CachedRepresentation;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.OrganisationsApi;
import de.fachplan.api.generated.model.OrganisationCreateDto;
import de.fachplan.api.generated.model.OrganisationDto;
import de.fachplan.api.generated.model.OrganisationPageDto;
import de.fachplan.api.generated.model.OrganisationPatchDto;
import de.fachplan.api.generated.model.OrganisationTypeDto;

public class OrganisationsResource implements OrganisationsApi {

    @Inject
    OrganisationService organisations;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    @CachedRepresentation
    public RestResponse<OrganisationPageDto> listOrganisations(OrganisationTypeDto type,
            OffsetDateTime modifiedSince, Integer limit, String cursor, String ifNoneMatch) {
        Page<Organisation> page = organisations.list(type == null ? null : OrganisationType.valueOf(type.name()),
                modifiedSince, PageRequest.of(limit, cursor, "organisations:" + type + ":" + modifiedSince));
        OrganisationPageDto body = new OrganisationPageDto();
        body.setItems(page.items().stream().map(OrganisationMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    public RestResponse<OrganisationDto> getOrganisation(UUID id, String ifNoneMatch) {
        Organisation organisation = organisations.get(id);
        return Responses.conditional(ifNoneMatch, organisation.version, () -> OrganisationMapper.toDto(organisation));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<OrganisationDto> createOrganisation(OrganisationCreateDto request,
            String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createOrganisation", request,
                OrganisationDto.class, () -> {
                    Organisation organisation = organisations.create(OrganisationMapper.fromCreate(request));
                    return new Idempotency.Outcome<>(OrganisationMapper.toDto(organisation),
                            URI.create("organisations/" + organisation.id), ETags.of(organisation.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<OrganisationDto> updateOrganisation(UUID id, String ifMatch,
            OrganisationPatchDto patch) {
        Organisation organisation = organisations.update(id, ifMatch, OrganisationMapper.fromPatch(patch));
        return withETag(organisation);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<Void> deleteOrganisation(UUID id, String ifMatch) {
        organisations.delete(id, ifMatch);
        return RestResponse.noContent();
    }


    private static RestResponse<OrganisationDto> withETag(Organisation organisation) {
        return Responses.withETag(OrganisationMapper.toDto(organisation), organisation.version);
    }
}
