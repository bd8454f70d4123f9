package de.fachplan.api.capacity.forecast;

import java.net.URI;
import java.time.LocalDate;

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
import de.fachplan.api.generated.api.ForecastScenariosApi;
import de.fachplan.api.generated.model.ForecastScenarioCreateDto;
import de.fachplan.api.generated.model.ForecastScenarioDto;
import de.fachplan.api.generated.model.ForecastScenarioPageDto;
import de.fachplan.api.generated.model.ForecastScenarioVersionCreateDto;

/** Forecast scenarios (Prognoseszenarien): public to read, versioned on every change. */
public class ForecastScenariosResource implements ForecastScenariosApi {

    @Inject
    ScenarioService scenarios;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    @CachedRepresentation
    public RestResponse<ForecastScenarioPageDto> listForecastScenarios(String plan, Integer limit, String cursor, String ifNoneMatch) {
        return scenarioPage(scenarios.latest(plan, PageRequest.of(limit, cursor, "scenarios:" + plan)));
    }

    @Override
    public RestResponse<ForecastScenarioPageDto> listForecastScenarioVersions(String scenarioCode, String plan,
            Integer limit, String cursor) {
        return scenarioPage(scenarios.versions(scenarioCode, plan,
                PageRequest.of(limit, cursor, "scenario-versions:" + scenarioCode + ":" + plan)));
    }

    @Override
    public RestResponse<ForecastScenarioDto> getForecastScenario(String scenarioCode,
            String plan, Integer version, LocalDate asOf, String ifNoneMatch) {
        ForecastScenario scenario = scenarios.get(scenarioCode, plan, version, asOf);
        return Responses.conditional(ifNoneMatch, scenario.version, () -> ForecastMapper.toDto(scenario));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME })
    public RestResponse<ForecastScenarioDto> createForecastScenario(
            ForecastScenarioCreateDto request, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createForecastScenario", request, ForecastScenarioDto.class,
                () -> created(scenarios.create(request.getPlan(), request.getCode(), ForecastMapper.fromCreate(request))));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME })
    public RestResponse<ForecastScenarioDto> createForecastScenarioVersion(
            String scenarioCode, ForecastScenarioVersionCreateDto request, String plan, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createForecastScenarioVersion:" + scenarioCode + ":" + plan, request,
                ForecastScenarioDto.class,
                () -> created(scenarios.newVersion(scenarioCode, plan, ForecastMapper.fromDto(request))));
    }

    private RestResponse<ForecastScenarioPageDto> scenarioPage(Page<ForecastScenario> page) {
        ForecastScenarioPageDto body = new ForecastScenarioPageDto();
        body.setItems(page.items().stream().map(ForecastMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    private static Idempotency.Outcome<ForecastScenarioDto> created(ForecastScenario scenario) {
        return new Idempotency.Outcome<>(ForecastMapper.toDto(scenario), URI.create("forecast-scenarios/" + scenario.code
                + "?version=" + scenario.version + "&plan=" + scenario.plan.code), ETags.of(scenario.version));
    }
}
