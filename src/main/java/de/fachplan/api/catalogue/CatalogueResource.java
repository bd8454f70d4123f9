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
import de.fachplan.api.generated.model.ActionFieldPage;
import de.fachplan.api.generated.model.DistrictPage;
import de.fachplan.api.generated.model.GuidelinePage;
import de.fachplan.api.generated.model.LocalizedLongText;
import de.fachplan.api.generated.model.TargetGroupCreate;
import de.fachplan.api.generated.model.TargetGroupPage;
import de.fachplan.api.generated.model.TargetGroupPatch;
import de.fachplan.api.generated.model.TargetGroupPatchDescription;

public class CatalogueResource implements CatalogueApi {

    @Inject
    CatalogueService catalogue;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    @CachedRepresentation
    public RestResponse<ActionFieldPage> listActionFields(String plan, Integer limit, String cursor, String ifNoneMatch) {
        Page<ActionField> page = catalogue.actionFields(plan, PageRequest.of(limit, cursor, "action-fields:" + plan));
        ActionFieldPage body = new ActionFieldPage();
        body.setItems(page.items().stream().map(CatalogueMapper::actionField).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @CachedRepresentation
    public RestResponse<de.fachplan.api.generated.model.ActionField> getActionField(String ref, String plan, String ifNoneMatch) {
        return RestResponse.ok(CatalogueMapper.actionField(catalogue.actionField(ref, plan)));
    }

    @Override
    @CachedRepresentation
    public RestResponse<GuidelinePage> listGuidelines(String plan, Integer limit, String cursor, String ifNoneMatch) {
        Page<Guideline> page = catalogue.guidelines(plan, PageRequest.of(limit, cursor, "guidelines:" + plan));
        GuidelinePage body = new GuidelinePage();
        body.setItems(page.items().stream().map(CatalogueMapper::guideline).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @CachedRepresentation
    public RestResponse<de.fachplan.api.generated.model.Guideline> getGuideline(String ref, String plan, String ifNoneMatch) {
        return RestResponse.ok(CatalogueMapper.guideline(catalogue.guideline(ref, plan)));
    }

    @Override
    @CachedRepresentation
    public RestResponse<DistrictPage> listDistricts(String municipality, Integer limit, String cursor, String ifNoneMatch) {
        Page<District> page = catalogue.districts(municipality,
                PageRequest.of(limit, cursor, "districts:" + municipality));
        DistrictPage body = new DistrictPage();
        body.setItems(page.items().stream().map(CatalogueMapper::district).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @CachedRepresentation
    public RestResponse<de.fachplan.api.generated.model.District> getDistrict(String ref, String ifNoneMatch) {
        return RestResponse.ok(CatalogueMapper.district(catalogue.district(ref)));
    }

    @Override
    @CachedRepresentation
    public RestResponse<TargetGroupPage> listTargetGroups(OffsetDateTime modifiedSince, Integer limit, String cursor, String ifNoneMatch) {
        Page<TargetGroup> page = catalogue.targetGroups(modifiedSince,
                PageRequest.of(limit, cursor, "target-groups:" + modifiedSince));
        TargetGroupPage body = new TargetGroupPage();
        body.setItems(page.items().stream().map(CatalogueMapper::targetGroup).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    public RestResponse<de.fachplan.api.generated.model.TargetGroup> getTargetGroup(String ref, String ifNoneMatch) {
        TargetGroup group = catalogue.targetGroup(ref);
        return Responses.conditional(ifNoneMatch, group.version, () -> CatalogueMapper.targetGroup(group));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<de.fachplan.api.generated.model.TargetGroup> createTargetGroup(TargetGroupCreate request,
            String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createTargetGroup", request,
                de.fachplan.api.generated.model.TargetGroup.class, () -> {
                    LocalizedLongText description = request.getDescription();
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
    public RestResponse<de.fachplan.api.generated.model.TargetGroup> updateTargetGroup(String ref, String ifMatch,
            TargetGroupPatch patch) {
        TargetGroupPatchDescription description = patch.getDescription().orElse(null);
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

    private static RestResponse<de.fachplan.api.generated.model.TargetGroup> withETag(TargetGroup group) {
        return Responses.withETag(CatalogueMapper.targetGroup(group), group.version);
    }
}
