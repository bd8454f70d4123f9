package de.fachplan.api.catalogue;

import java.net.URI;
import java.time.OffsetDateTime;

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
import de.fachplan.api.generated.api.CatalogueApi;
import de.fachplan.api.generated.model.ActionFieldPageDto;
import de.fachplan.api.generated.model.DistrictPageDto;
import de.fachplan.api.generated.model.GuidelinePageDto;
import de.fachplan.api.generated.model.LocalizedLongTextDto;
import de.fachplan.api.generated.model.TargetGroupCreateDto;
import de.fachplan.api.generated.model.TargetGroupPageDto;
import de.fachplan.api.generated.model.TargetGroupPatchDto;
import de.fachplan.api.generated.model.TargetGroupPatchDescriptionDto;
import de.fachplan.api.generated.model.ActionFieldDto;
import de.fachplan.api.generated.model.DistrictDto;
import de.fachplan.api.generated.model.GuidelineDto;
import de.fachplan.api.generated.model.TargetGroupDto;

public class CatalogueResource implements CatalogueApi {

    @Inject
    CatalogueService catalogue;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    @CachedRepresentation
    public RestResponse<ActionFieldPageDto> listActionFields(String plan, Integer limit, String cursor, String ifNoneMatch) {
        Page<ActionField> page = catalogue.actionFields(plan, PageRequest.of(limit, cursor, "action-fields:" + plan));
        ActionFieldPageDto body = new ActionFieldPageDto();
        body.setItems(page.items().stream().map(CatalogueMapper::actionField).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @CachedRepresentation
    public RestResponse<ActionFieldDto> getActionField(String ref, String plan, String ifNoneMatch) {
        return RestResponse.ok(CatalogueMapper.actionField(catalogue.actionField(ref, plan)));
    }

    @Override
    @CachedRepresentation
    public RestResponse<GuidelinePageDto> listGuidelines(String plan, Integer limit, String cursor, String ifNoneMatch) {
        Page<Guideline> page = catalogue.guidelines(plan, PageRequest.of(limit, cursor, "guidelines:" + plan));
        GuidelinePageDto body = new GuidelinePageDto();
        body.setItems(page.items().stream().map(CatalogueMapper::guideline).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @CachedRepresentation
    public RestResponse<GuidelineDto> getGuideline(String ref, String plan, String ifNoneMatch) {
        return RestResponse.ok(CatalogueMapper.guideline(catalogue.guideline(ref, plan)));
    }

    @Override
    @CachedRepresentation
    public RestResponse<DistrictPageDto> listDistricts(String municipality, Integer limit, String cursor, String ifNoneMatch) {
        Page<District> page = catalogue.districts(municipality,
                PageRequest.of(limit, cursor, "districts:" + municipality));
        DistrictPageDto body = new DistrictPageDto();
        body.setItems(page.items().stream().map(CatalogueMapper::district).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @CachedRepresentation
    public RestResponse<DistrictDto> getDistrict(String ref, String ifNoneMatch) {
        return RestResponse.ok(CatalogueMapper.district(catalogue.district(ref)));
    }

    @Override
    @CachedRepresentation
    public RestResponse<TargetGroupPageDto> listTargetGroups(OffsetDateTime modifiedSince, Integer limit, String cursor, String ifNoneMatch) {
        Page<TargetGroup> page = catalogue.targetGroups(modifiedSince,
                PageRequest.of(limit, cursor, "target-groups:" + modifiedSince));
        TargetGroupPageDto body = new TargetGroupPageDto();
        body.setItems(page.items().stream().map(CatalogueMapper::targetGroup).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    public RestResponse<TargetGroupDto> getTargetGroup(String ref, String ifNoneMatch) {
        TargetGroup group = catalogue.targetGroup(ref);
        return Responses.conditional(ifNoneMatch, group.version, () -> CatalogueMapper.targetGroup(group));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<TargetGroupDto> createTargetGroup(TargetGroupCreateDto request,
            String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createTargetGroup", request,
                TargetGroupDto.class, () -> {
                    LocalizedLongTextDto description = request.getDescription();
                    TargetGroup group = catalogue.createTargetGroup(new CatalogueService.TargetGroupChange(
                            request.getCode(), TargetGroupCategory.valueOf(request.getCategory().name()),
                            request.getName().getDe(), request.getName().getEn(), description != null,
                            description == null ? null : description.getDe(),
                            description == null ? null : description.getEn()));
                    return new Idempotency.Outcome<>(CatalogueMapper.targetGroup(group),
                            URI.create("target-groups/" + group.id), ETags.of(group.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<TargetGroupDto> updateTargetGroup(String ref, String ifMatch,
            TargetGroupPatchDto patch) {
        TargetGroupPatchDescriptionDto description = patch.getDescription().orElse(null);
        TargetGroup group = catalogue.updateTargetGroup(ref, ifMatch, new CatalogueService.TargetGroupChange(null,
                patch.getCategory() == null ? null : TargetGroupCategory.valueOf(patch.getCategory().name()),
                patch.getName() == null ? null : patch.getName().getDe(),
                patch.getName() == null ? null : patch.getName().getEn(),
                patch.getDescription().isPresent(),
                description == null ? null : description.getDe(),
                description == null ? null : description.getEn()));
        return withETag(group);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<Void> deleteTargetGroup(String ref, String ifMatch) {
        catalogue.deleteTargetGroup(ref, ifMatch);
        return RestResponse.noContent();
    }

    private static RestResponse<TargetGroupDto> withETag(TargetGroup group) {
        return Responses.withETag(CatalogueMapper.targetGroup(group), group.version);
    }
}
