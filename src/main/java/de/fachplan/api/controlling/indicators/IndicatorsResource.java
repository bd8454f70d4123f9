package de.fachplan.api.controlling.indicators;

import java.net.URI;
import java.util.UUID;

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
import de.fachplan.api.controlling.report.ControllingReports;
import de.fachplan.api.controlling.report.ReportMapper;
import de.fachplan.api.generated.api.IndicatorsApi;
import de.fachplan.api.generated.model.IndicatorAttainmentDto;
import de.fachplan.api.generated.model.IndicatorCreateDto;
import de.fachplan.api.generated.model.IndicatorDto;
import de.fachplan.api.generated.model.IndicatorPageDto;
import de.fachplan.api.generated.model.IndicatorPatchDto;

/** Indicators (Kennzahlen) of a plan and their attainment per period. */
public class IndicatorsResource implements IndicatorsApi {

    @Inject
    IndicatorService indicators;

    @Inject
    ControllingReports reports;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorPageDto> listIndicators(String plan, String actionField, String measure,
            UUID organisation, Integer limit, String cursor) {
        Page<Indicator> page = indicators.list(plan, actionField, measure, organisation,
                PageRequest.of(limit, cursor, "indicators:" + plan + ":" + actionField + ":" + measure + ":" + organisation));
        IndicatorPageDto body = new IndicatorPageDto();
        body.setItems(page.items().stream().map(IndicatorMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME })
    public RestResponse<IndicatorDto> createIndicator(IndicatorCreateDto request, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createIndicator", request, IndicatorDto.class, () -> {
            var indicator = indicators.create(request.getPlan(), IndicatorMapper.fromCreate(request));
            return new Idempotency.Outcome<>(IndicatorMapper.toDto(indicator), URI.create("indicators/" + indicator.id),
                    ETags.of(indicator.version));
        });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorDto> getIndicator(String indicatorRef, String plan, String ifNoneMatch) {
        var indicator = indicators.get(indicatorRef, plan);
        return Responses.conditional(ifNoneMatch, indicator.version, () -> IndicatorMapper.toDto(indicator));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME })
    public RestResponse<IndicatorDto> updateIndicator(String indicatorRef, String ifMatch, IndicatorPatchDto patch,
            String plan) {
        var indicator = indicators.update(indicatorRef, plan, ifMatch, IndicatorMapper.fromPatch(patch));
        return Responses.withETag(IndicatorMapper.toDto(indicator), indicator.version);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorAttainmentDto> getIndicatorAttainment(String indicatorRef, String plan,
            String periodFrom, String periodTo) {
        var indicator = indicators.get(indicatorRef, plan);
        return RestResponse.ok(ReportMapper.toDto(indicator,
                reports.attainment(indicatorRef, plan, periodFrom, periodTo)));
    }
}
