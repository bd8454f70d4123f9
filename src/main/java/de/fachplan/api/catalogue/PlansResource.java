package de.fachplan.api.catalogue;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.cache.CachedRepresentation;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.generated.api.PlansApi;
import de.fachplan.api.generated.model.PlanPageDto;
import de.fachplan.api.generated.model.PlanDto;

public class PlansResource implements PlansApi {

    @Inject
    PlanService plans;

    @Context
    UriInfo uri;

    @Override
    @CachedRepresentation
    public RestResponse<PlanDto> getPlan(String planRef, String ifNoneMatch) {
        return RestResponse.ok(CatalogueMapper.plan(plans.resolve(planRef)));
    }

    @Override
    @CachedRepresentation
    public RestResponse<PlanPageDto> listPlans(Integer limit, String cursor, String ifNoneMatch) {
        Page<Plan> page = plans.list(PageRequest.of(limit, cursor, "plans"));
        PlanPageDto body = new PlanPageDto();
        body.setItems(page.items().stream().map(CatalogueMapper::plan).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }
}
