package de.fachplan.api.measures;

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
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.ReadScope;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.MeasuresApi;
import de.fachplan.api.generated.model.MeasureCreateDto;
import de.fachplan.api.generated.model.MeasurePageDto;
import de.fachplan.api.generated.model.MeasurePatchDto;
import de.fachplan.api.generated.model.StatusChangePageDto;
import de.fachplan.api.generated.model.MeasureDto;
import de.fachplan.api.generated.model.MeasureStatusDto;

public class MeasuresResource implements MeasuresApi {

    @Inject
    MeasureService measures;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    /** Conditional requests ({@code If-None-Match}) of the reads here are answered by the cache filter. */
    @Override
    @CachedRepresentation
    public RestResponse<MeasurePageDto> listMeasures(String plan, String actionField,
            MeasureStatusDto status, String targetGroup, String guideline,
            String district, UUID organisation, String q, OffsetDateTime modifiedSince, String sort, Integer limit,
            String cursor, String ifNoneMatch) {
        MeasureFilter filter = new MeasureFilter(plan, new MeasureFilter.Classification(actionField,
                status == null ? null : MeasureStatus.valueOf(status.name()), targetGroup, guideline, district,
                organisation), q, modifiedSince, sort);
        Page<MeasureDto> page = measures.list(filter,
                PageRequest.of(limit, cursor, filter));
        MeasurePageDto body = new MeasurePageDto();
        body.setItems(page.items());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @CachedRepresentation
    public RestResponse<MeasureDto> getMeasure(String measureRef, String plan,
            String ifNoneMatch) {
        var measure = measures.get(measureRef, plan);
        return Responses.withETag(measure, measure.getVersion());
    }

    @Override
    @CachedRepresentation
    public RestResponse<StatusChangePageDto> listMeasureStatusHistory(String measureRef, String plan, Integer limit,
            String cursor, String ifNoneMatch) {
        Page<StatusChange> page = measures.history(measureRef, plan,
                PageRequest.of(limit, cursor, "status-history:" + measureRef + ":" + plan));
        StatusChangePageDto body = new StatusChangePageDto();
        // Judged by the read scope, the key of the read cache: what the public scope is given is
        // what every caller with that scope is served.
        boolean publicView = caller.readScope().equals(ReadScope.PUBLIC);
        body.setItems(page.items().stream().map(change -> MeasureMapper.toDto(change, publicView)).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<MeasureDto> createMeasure(MeasureCreateDto request,
            String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createMeasure", request,
                MeasureDto.class, () -> {
                    Measure measure = measures.create(MeasureMapper.fromCreate(request), caller.displayName());
                    return new Idempotency.Outcome<>(MeasureMapper.toDto(measure, measures.viewer()),
                            URI.create("measures/" + measure.id), ETags.of(measure.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<MeasureDto> updateMeasure(String measureRef, String ifMatch,
            MeasurePatchDto patch, String plan, String idempotencyKey) {
        return idempotency.change(idempotencyKey, "updateMeasure:" + measureRef + ":" + plan + ":" + ifMatch, patch,
                MeasureDto.class, () -> {
                    Measure measure = measures.update(measureRef, plan, ifMatch, MeasureMapper.fromPatch(patch),
                            caller.displayName());
                    return new Idempotency.Outcome<>(MeasureMapper.toDto(measure, measures.viewer()), null,
                            ETags.of(measure.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<Void> deleteMeasure(String measureRef, String ifMatch, String plan) {
        measures.delete(measureRef, plan, ifMatch);
        return RestResponse.noContent();
    }

}
