package de.fachplan.api.capacity;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.cache.CachedRepresentation;
import de.fachplan.api.common.cache.ChangesNothing;
import de.fachplan.api.common.csv.CsvNegotiation;
import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.MergePatch;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.generated.api.CapacityApi;
import de.fachplan.api.generated.model.AccommodationFacilityCreateDto;
import de.fachplan.api.generated.model.AccommodationFacilityPageDto;
import de.fachplan.api.generated.model.AccommodationFacilityPatchDto;
import de.fachplan.api.generated.model.CapacityChartDto;
import de.fachplan.api.generated.model.CapacityRecordBatchDto;
import de.fachplan.api.generated.model.CapacityRecordInputDto;
import de.fachplan.api.generated.model.CapacityRecordPageDto;
import de.fachplan.api.generated.model.CapacityRecordResultsDto;
import de.fachplan.api.generated.model.CapacityWhatIfDto;
import de.fachplan.api.generated.model.ChartGranularityDto;
import de.fachplan.api.generated.model.CitywideFigureInputDto;
import de.fachplan.api.generated.model.CitywideFigurePageDto;
import de.fachplan.api.generated.model.DistrictCapacityDto;
import de.fachplan.api.generated.model.ForecastScenarioCreateDto;
import de.fachplan.api.generated.model.ForecastScenarioPageDto;
import de.fachplan.api.generated.model.ForecastScenarioVersionCreateDto;
import de.fachplan.api.generated.model.AccommodationFacilityDto;
import de.fachplan.api.generated.model.CapacityRecordDto;
import de.fachplan.api.generated.model.CitywideFigureDto;
import de.fachplan.api.generated.model.FacilityStateDto;
import de.fachplan.api.generated.model.ForecastScenarioDto;

public class CapacityResource implements CapacityApi {

    @Inject
    FacilityService facilities;

    @Inject
    CapacityLedger ledger;

    @Inject
    CapacityRecordSync recordSync;

    @Inject
    CitywideFigureService figures;

    @Inject
    ScenarioService scenarios;

    @Inject
    CapacityChartService charts;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<AccommodationFacilityPageDto> listAccommodationFacilities(
            FacilityStateDto state, String district, OffsetDateTime modifiedSince,
            Integer limit, String cursor) {
        Page<AccommodationFacility> page = facilities.list(state == null ? null : FacilityState.valueOf(state.name()),
                district, modifiedSince,
                PageRequest.of(limit, cursor, "facilities:" + state + ":" + district + ":" + modifiedSince));
        AccommodationFacilityPageDto body = new AccommodationFacilityPageDto();
        body.setItems(page.items().stream().map(CapacityMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<AccommodationFacilityDto> createAccommodationFacility(
            AccommodationFacilityCreateDto request, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createAccommodationFacility", request,
                AccommodationFacilityDto.class, () -> {
                    AccommodationFacility facility = facilities.create(new FacilityService.FacilityChange(
                            request.getCode(), request.getName(), FacilityType.valueOf(request.getType().name()),
                            request.getDistrict(), request.getOperatorOrganisationId(), request.getStreetAddress(),
                            Optional.ofNullable(request.getPostalCode()), request.getPlannedPlaces(),
                            request.getState() == null ? null : FacilityState.valueOf(request.getState().name()),
                            Optional.ofNullable(request.getOpenedOn()), Optional.ofNullable(request.getClosedOn()),
                            Boolean.TRUE.equals(request.getIllustrative())));
                    return new Idempotency.Outcome<>(CapacityMapper.toDto(facility),
                            URI.create("accommodation-facilities/" + facility.id), ETags.of(facility.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<AccommodationFacilityDto> getAccommodationFacility(
            String facilityRef, String ifNoneMatch) {
        AccommodationFacility facility = facilities.visible(facilityRef);
        return Responses.conditional(ifNoneMatch, facility.version, () -> CapacityMapper.toDto(facility));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<AccommodationFacilityDto> updateAccommodationFacility(
            String facilityRef, String ifMatch, AccommodationFacilityPatchDto patch) {
        AccommodationFacility facility = facilities.update(facilityRef, ifMatch, new FacilityService.FacilityChange(
                null, patch.getName(), patch.getType() == null ? null : FacilityType.valueOf(patch.getType().name()),
                patch.getDistrict(), patch.getOperatorOrganisationId(), patch.getStreetAddress(),
                MergePatch.clearable(patch.getPostalCode()), patch.getPlannedPlaces(),
                patch.getState() == null ? null : FacilityState.valueOf(patch.getState().name()),
                MergePatch.clearable(patch.getOpenedOn()), MergePatch.clearable(patch.getClosedOn()), patch.getIllustrative()));
        return Responses.withETag(CapacityMapper.toDto(facility), facility.version);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordPageDto> listCapacityRecords(String facilityRef, String from, String to,
            Integer limit, String cursor) {
        CapacityLedger.Months months = ledger.list(facilityRef, month(from), month(to),
                PageRequest.of(limit, cursor, "capacity-records:" + facilityRef + ":" + from + ":" + to));
        Page<CapacityRecord> page = months.page();
        CapacityRecordPageDto body = new CapacityRecordPageDto();
        body.setItems(page.items().stream().map(r -> CapacityMapper.toDto(r, months.facility().code)).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordDto> getCapacityRecord(String facilityRef,
            String month, String ifNoneMatch) {
        CapacityLedger.Month stored = ledger.get(facilityRef, YearMonth.parse(month));
        return Responses.conditional(ifNoneMatch, stored.record().version,
                () -> CapacityMapper.toDto(stored.record(), stored.facility().code));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordDto> putCapacityRecord(String facilityRef,
            String month, CapacityRecordInputDto input, String ifMatch, String ifNoneMatch) {
        CapacityLedger.Written written = ledger.put(facilityRef, YearMonth.parse(month), new CapacityLedger.Figures(
                input.getPlacesAvailable(), input.getPlacesBlocked(), input.getPersonsHoused(),
                input.getState() == null ? null : FacilityState.valueOf(input.getState().name()),
                input.getOverrideReason()), ifMatch, "*".equals(ifNoneMatch == null ? null : ifNoneMatch.trim()));
        var body = CapacityMapper.toDto(written.record(), written.facility().code);
        return RestResponse.ResponseBuilder.create(written.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, body)
                .header("ETag", ETags.of(written.record().version)).build();
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordResultsDto> applyCapacityRecordUpdates(CapacityRecordBatchDto batch, Boolean dryRun,
            String idempotencyKey) {
        return recordSync.apply(batch, Boolean.TRUE.equals(dryRun), idempotencyKey, uri.getRequestUri().getRawPath())
                .response();
    }

    @Override
    public RestResponse<CitywideFigurePageDto> listCitywideFigures(String municipality, String from, String to,
            Integer limit, String cursor) {
        boolean publishedOnly = !caller.isStaff();
        Page<CitywideFigure> page = figures.list(municipality, month(from), month(to), publishedOnly,
                PageRequest.of(limit, cursor, "citywide-figures:" + municipality + ":" + from + ":" + to + ":"
                        + publishedOnly));
        CitywideFigurePageDto body = new CitywideFigurePageDto();
        body.setItems(page.items().stream().map(CapacityMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<CitywideFigureDto> createCitywideFigure(CitywideFigureInputDto request,
            String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createCitywideFigure", request,
                CitywideFigureDto.class, () -> {
                    CitywideFigure figure = figures.create(figureInput(request));
                    return new Idempotency.Outcome<>(CapacityMapper.toDto(figure),
                            URI.create("citywide-figures/" + figure.id), ETags.of(figure.version));
                });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<CitywideFigureDto> replaceCitywideFigure(UUID figureId,
            String ifMatch, CitywideFigureInputDto request) {
        CitywideFigure figure = figures.replace(figureId, ifMatch, figureInput(request));
        return Responses.withETag(CapacityMapper.toDto(figure), figure.version);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME })
    public RestResponse<Void> deleteCitywideFigure(UUID figureId, String ifMatch) {
        figures.delete(figureId, ifMatch);
        return RestResponse.noContent();
    }

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
        return Responses.conditional(ifNoneMatch, scenario.version, () -> CapacityMapper.toDto(scenario));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME })
    public RestResponse<ForecastScenarioDto> createForecastScenario(
            ForecastScenarioCreateDto request, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createForecastScenario", request,
                ForecastScenarioDto.class, () -> scenarioCreated(scenarios.create(
                        request.getPlan(), request.getCode(), new ScenarioService.VersionInput(request.getName(),
                                request.getDescription(), CapacityMapper.fromDto(request.getParameters()),
                                request.getIssuedOn(), request.getIllustrative()))));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME })
    public RestResponse<ForecastScenarioDto> createForecastScenarioVersion(
            String scenarioCode, ForecastScenarioVersionCreateDto request, String plan, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createForecastScenarioVersion:" + scenarioCode + ":" + plan, request,
                ForecastScenarioDto.class, () -> scenarioCreated(scenarios.newVersion(
                        scenarioCode, plan, new ScenarioService.VersionInput(request.getName(),
                                request.getDescription(), CapacityMapper.fromDto(request.getParameters()),
                                request.getIssuedOn(), request.getIllustrative()))));
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    @CachedRepresentation
    public RestResponse<CapacityChartDto> getCapacityChart(String plan, String scenario, Integer version, String from,
            String to, ChartGranularityDto granularity, String ifNoneMatch) {
        CapacityChartService.Chart chart = charts.chart(plan, scenario, version, month(from), month(to),
                granularity(granularity));
        if (CsvNegotiation.preferred(headers)) {
            StreamingOutput body = out -> CapacityCsv.write(chart, out);
            return (RestResponse) RestResponse.ResponseBuilder.ok(body, CsvWriter.MEDIA_TYPE).build();
        }
        return RestResponse.ok(CapacityMapper.toDto(chart));
    }

    @Override
    @ChangesNothing
    public RestResponse<CapacityChartDto> computeCapacityWhatIf(CapacityWhatIfDto request, String plan) {
        return RestResponse.ok(CapacityMapper.toDto(charts.whatIf(plan, CapacityMapper.fromDto(request.getParameters()),
                YearMonth.parse(request.getFrom()), YearMonth.parse(request.getTo()),
                granularity(request.getGranularity()))));
    }

    @Override
    @CachedRepresentation
    public RestResponse<DistrictCapacityDto> getCapacityByDistrict(String from, String to, String plan, String ifNoneMatch) {
        YearMonth first = YearMonth.parse(from);
        YearMonth last = YearMonth.parse(to);
        List<CapacityChartService.DistrictMonth> months = charts.byDistrict(plan, first, last);
        return RestResponse.ok(CapacityMapper.toDto(first, last, charts.suppressionThreshold(), months));
    }

    private RestResponse<ForecastScenarioPageDto> scenarioPage(Page<ForecastScenario> page) {
        ForecastScenarioPageDto body = new ForecastScenarioPageDto();
        body.setItems(page.items().stream().map(CapacityMapper::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    private Idempotency.Outcome<ForecastScenarioDto> scenarioCreated(
            ForecastScenario scenario) {
        return new Idempotency.Outcome<>(CapacityMapper.toDto(scenario), URI.create("forecast-scenarios/" + scenario.code
                + "?version=" + scenario.version + "&plan=" + scenario.plan.code), ETags.of(scenario.version));
    }

    private static CitywideFigureService.FigureInput figureInput(CitywideFigureInputDto request) {
        return new CitywideFigureService.FigureInput(request.getPeriod(), request.getMunicipality(),
                request.getDistrict(),
                request.getFacilityType() == null ? null : FacilityType.valueOf(request.getFacilityType().name()),
                request.getAllocations(), request.getDepartures(), request.getPersonsHoused(), request.getPlaces(),
                request.getSource(), Boolean.TRUE.equals(request.getPublished()));
    }

    private static Period.Granularity granularity(ChartGranularityDto granularity) {
        return granularity == null ? Period.Granularity.MONTH : Period.Granularity.valueOf(granularity.name());
    }

    private static YearMonth month(String value) {
        return value == null ? null : YearMonth.parse(value);
    }

}
