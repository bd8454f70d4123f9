package de.fachplan.api.controlling;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.catalogue.PlanService;
import de.fachplan.api.common.cache.CachedRepresentation;
import de.fachplan.api.common.csv.CsvNegotiation;
import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.ControllingApi;
import de.fachplan.api.generated.model.ActionFieldReportDto;
import de.fachplan.api.generated.model.ControllingReportDto;
import de.fachplan.api.generated.model.IndicatorDto;
import de.fachplan.api.generated.model.IndicatorAttainmentDto;
import de.fachplan.api.generated.model.IndicatorCreateDto;
import de.fachplan.api.generated.model.IndicatorPageDto;
import de.fachplan.api.generated.model.IndicatorPatchDto;
import de.fachplan.api.generated.model.IndicatorReportDto;
import de.fachplan.api.generated.model.IndicatorValueDto;
import de.fachplan.api.generated.model.IndicatorValueBatchDto;
import de.fachplan.api.generated.model.IndicatorValueBatchResultsDto;
import de.fachplan.api.generated.model.IndicatorValueCreateDto;
import de.fachplan.api.generated.model.IndicatorValueImportDto;
import de.fachplan.api.generated.model.IndicatorValuePageDto;
import de.fachplan.api.generated.model.IndicatorValuePatchDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionCreateDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionListDto;
import de.fachplan.api.generated.model.IndicatorValueStateDto;
import de.fachplan.api.generated.model.LocalizedTextDto;
import de.fachplan.api.generated.model.MeasureReportDto;
import de.fachplan.api.generated.model.MeasuresByStatusDto;
import de.fachplan.api.generated.model.PeriodAttainmentDto;
import de.fachplan.api.generated.model.StatusCountsDto;
import de.fachplan.api.sync.ChangeFeed;
import de.fachplan.api.generated.model.IndicatorDirectionDto;
import de.fachplan.api.generated.model.IndicatorUnitDto;
import de.fachplan.api.generated.model.TrafficLightDto;

public class ControllingResource implements ControllingApi {

    /** The header that tells a script where its next delta starts. */
    static final String CHANGES_CURSOR = "X-Changes-Cursor";

    @Inject
    IndicatorService indicators;

    @Inject
    IndicatorValueService values;

    @Inject
    ValueExport export;

    @Inject
    ControllingReports reports;

    @Inject
    ValueBatches batches;

    @Inject
    ValueImports imports;

    @Inject
    PlanService plans;

    @Inject
    ChangeFeed feed;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorPageDto> listIndicators(String plan, String actionField, String measure,
            UUID organisation, Integer limit, String cursor) {
        Page<de.fachplan.api.controlling.Indicator> page = indicators.list(plan, actionField, measure, organisation,
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
        IndicatorAttainmentDto body = new IndicatorAttainmentDto();
        body.setIndicator(indicator.code);
        body.setUnit(IndicatorUnitDto.fromValue(indicator.unit.name()));
        body.setDirection(IndicatorDirectionDto.fromValue(indicator.direction.name()));
        body.setPeriods(reports.attainment(indicatorRef, plan, periodFrom, periodTo).stream().map(r -> {
            PeriodAttainmentDto dto = new PeriodAttainmentDto();
            dto.setPeriod(r.period());
            if (r.target() != null) {
                dto.setTarget(Numbers.plain(r.target().value()));
                dto.setTargetMin(Numbers.plain(r.target().min()));
                dto.setTargetMax(Numbers.plain(r.target().max()));
            }
            dto.setActual(Numbers.plain(r.actual()));
            dto.setAttainment(Numbers.plain(r.attainment().ratio()));
            dto.setStatus(TrafficLightDto.fromValue(r.attainment().status().name()));
            dto.setCorrectionPending(r.correctionPending());
            return dto;
        }).toList());
        return RestResponse.ok(body);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public RestResponse<IndicatorValuePageDto> listIndicatorValues(String plan, String actionField, String indicator,
            String periodFrom, String periodTo, String district, IndicatorValueStateDto state,
            OffsetDateTime modifiedSince, String changedAfter, Integer limit, String cursor) {
        boolean csv = CsvNegotiation.preferred(headers);
        // A delta's upper end is fixed by its first page and travels in the page cursor, so that
        // the pages of one delta belong together.
        String[] continued = cursor == null || csv ? null : cursor.split("\\.", 2);
        ChangeFeed.Position upTo = continued != null && continued.length == 2
                ? ChangeFeed.parse(continued[0], "cursor") : feed.head();
        String pageCursor = continued == null ? null : continued.length == 2 ? continued[1] : continued[0];
        ValueQuery.Window window = changedAfter == null ? null
                : new ValueQuery.Window(ChangeFeed.parse(changedAfter, "changedAfter"), upTo);
        ValueQuery.Filter filter = new ValueQuery.Filter(plans.resolve(plan).id, actionField, indicator, periodFrom,
                periodTo, district, state == null ? null : ValueState.valueOf(state.name()), modifiedSince,
                caller.partnerScope(), window);
        if (csv) {
            StreamingOutput body = out -> export.csv(filter, out);
            return (RestResponse) RestResponse.ResponseBuilder.ok(body, CsvWriter.MEDIA_TYPE)
                    .header(CHANGES_CURSOR, upTo.cursor()).build();
        }
        String fingerprint = "indicator-values:" + plan + ":" + actionField + ":" + indicator + ":" + periodFrom + ":"
                + periodTo + ":" + district + ":" + state + ":" + modifiedSince + ":" + changedAfter;
        Page<ValueRow> page = export.page(filter, PageRequest.of(limit, pageCursor, fingerprint));
        IndicatorValuePageDto body = new IndicatorValuePageDto();
        body.setItems(page.items().stream().map(ValueRow::toDto).toList());
        String next = page.nextCursor() == null ? null : upTo.cursor() + "." + page.nextCursor();
        body.setNextCursor(next);
        RestResponse<IndicatorValuePageDto> response = Links.page(body, next, uri);
        response.getHeaders().putSingle(CHANGES_CURSOR, upTo.cursor());
        return response;
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueDto> createIndicatorValue(IndicatorValueCreateDto request, String plan,
            String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createIndicatorValue:" + plan, request, IndicatorValueDto.class, () -> {
            ValueRow row = values.create(plan, new IndicatorValueService.NewValue(request.getIndicator(),
                    request.getPeriod(), request.getDistrict(), request.getValue(), request.getNote(),
                    request.getState() == null ? ValueState.DRAFT : ValueState.valueOf(request.getState().value())));
            return new Idempotency.Outcome<>(row.toDto(), URI.create("indicator-values/" + row.id()),
                    ETags.of(row.version()));
        });
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueDto> getIndicatorValue(UUID valueId, String ifNoneMatch) {
        ValueRow row = values.get(valueId);
        return Responses.conditional(ifNoneMatch, row.version(), row::toDto);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueDto> updateIndicatorValue(UUID valueId, String ifMatch, IndicatorValuePatchDto patch) {
        ValueRow row = values.update(valueId, ifMatch, new IndicatorValueService.ValueChange(patch.getValue(),
                patch.getNote().isPresent() ? IndicatorService.Patch.of(patch.getNote().get()) : null,
                patch.getState() == null ? null : ValueState.valueOf(patch.getState().value())));
        return Responses.withETag(row.toDto(), row.version());
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<Void> withdrawIndicatorValue(UUID valueId, String ifMatch) {
        values.withdraw(valueId, ifMatch);
        return RestResponse.noContent();
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueDto> reviseIndicatorValue(UUID valueId, String ifMatch,
            IndicatorValueRevisionCreateDto request) {
        ValueRow row = values.revise(valueId, ifMatch, request.getValue(), request.getReason(), request.getNote());
        return RestResponse.ResponseBuilder.<IndicatorValueDto>create(201).entity(row.toDto())
                .location(URI.create("indicator-values/" + row.id())).header("ETag", ETags.of(row.version())).build();
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueRevisionListDto> listIndicatorValueRevisions(UUID valueId) {
        IndicatorValueRevisionListDto body = new IndicatorValueRevisionListDto();
        body.setItems(values.revisions(valueId).stream().map(r -> {
            IndicatorValueRevisionDto dto = new IndicatorValueRevisionDto();
            dto.setRevision(r.revision());
            dto.setValue(Numbers.plain(r.value()));
            dto.setState(IndicatorValueStateDto.fromValue(r.state()));
            dto.setReason(r.reason());
            dto.setNote(r.note());
            dto.setRecordedAt(r.recordedAt().withOffsetSameInstant(ZoneOffset.UTC));
            dto.setRecordedBy(r.recordedBy());
            dto.setApprovedAt(r.approvedAt() == null ? null : r.approvedAt().withOffsetSameInstant(ZoneOffset.UTC));
            dto.setApprovedBy(r.approvedBy());
            return dto;
        }).toList());
        return RestResponse.ok(body);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME })
    @CachedRepresentation
    public RestResponse<ControllingReportDto> getControllingReport(String period, String plan, String ifNoneMatch) {
        ControllingReports.Report report = reports.report(plan, period);
        ControllingReportDto body = new ControllingReportDto();
        body.setPlan(report.plan().code);
        body.setPeriod(report.period().toString());
        body.setTotals(counts(report.totals()));
        body.setActionFields(report.fields().stream().map(f -> {
            ActionFieldReportDto dto = new ActionFieldReportDto();
            dto.setCode(f.field().code);
            LocalizedTextDto name = new LocalizedTextDto();
            name.setDe(f.field().nameDe);
            name.setEn(f.field().nameEn);
            dto.setName(name);
            dto.setTotals(counts(f.counts()));
            MeasuresByStatusDto byStatus = new MeasuresByStatusDto();
            byStatus.setOnTrack(f.measures().get(TrafficLight.ON_TRACK));
            byStatus.setAtRisk(f.measures().get(TrafficLight.AT_RISK));
            byStatus.setOffTrack(f.measures().get(TrafficLight.OFF_TRACK));
            byStatus.setWithoutData(f.measures().get(TrafficLight.WITHOUT_DATA));
            dto.setMeasuresByStatus(byStatus);
            return dto;
        }).toList());
        body.setMeasures(report.measures().stream().map(m -> {
            MeasureReportDto dto = new MeasureReportDto();
            dto.setCode(m.code());
            dto.setActionField(m.actionField());
            dto.setStatus(TrafficLightDto.fromValue(m.status().name()));
            dto.setTotals(counts(m.counts()));
            return dto;
        }).toList());
        body.setIndicators(report.indicators().stream().map(r -> {
            IndicatorReportDto dto = new IndicatorReportDto();
            dto.setIndicator(r.indicator().code);
            dto.setActionField(r.indicator().actionField == null ? null : r.indicator().actionField.code);
            dto.setMeasure(r.indicator().measure == null ? null : r.indicator().measure.code);
            dto.setPeriod(r.result().period());
            if (r.result().target() != null) {
                dto.setTarget(Numbers.plain(r.result().target().value()));
                dto.setTargetMin(Numbers.plain(r.result().target().min()));
                dto.setTargetMax(Numbers.plain(r.result().target().max()));
            }
            dto.setActual(Numbers.plain(r.result().actual()));
            dto.setAttainment(Numbers.plain(r.result().attainment().ratio()));
            dto.setStatus(TrafficLightDto.fromValue(r.result().attainment().status().name()));
            dto.setCorrectionPending(r.result().correctionPending());
            return dto;
        }).toList());
        return RestResponse.ok(body);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueBatchResultsDto> submitIndicatorValueBatch(IndicatorValueBatchDto batch, String plan,
            Boolean dryRun, Boolean allOrNothing, String idempotencyKey) {
        List<ValueBatches.Item> items = batch.getItems().stream().map(item -> new ValueBatches.Item(
                item.getReference(), null, new IndicatorValueService.NewValue(item.getIndicator(), item.getPeriod(),
                        item.getDistrict(), item.getValue(), item.getNote(),
                        item.getState() == null ? null : ValueState.valueOf(item.getState().value())))).toList();
        return batches.apply("submitIndicatorValueBatch", plan, items,
                java.util.Collections.nCopies(items.size(), null), Boolean.TRUE.equals(dryRun),
                Boolean.TRUE.equals(allOrNothing), idempotencyKey, uri.getRequestUri().getRawPath()).response();
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public RestResponse<IndicatorValueImportDto> importIndicatorValues(String body, String plan, Boolean dryRun,
            Boolean allOrNothing, String idempotencyKey) {
        boolean checkOnly = Boolean.TRUE.equals(dryRun);
        boolean together = Boolean.TRUE.equals(allOrNothing);
        ValueUpload upload = new ValueUpload(body);
        if (imports.runsAsJob(upload)) {
            return idempotency.accept(idempotencyKey, "importIndicatorValues",
                    List.of(String.valueOf(plan), checkOnly, together, body), IndicatorValueImportDto.class, () -> {
                        ValueImport job = imports.queue(plan, body, upload, checkOnly, together);
                        return new Idempotency.Outcome<>(imports.toDto(job),
                                URI.create("indicator-value-imports/" + job.id), ETags.of(job.version));
                    });
        }
        // The contract's first success is the job (202); a small upload answers its 207 at once.
        return (RestResponse) batches.apply("importIndicatorValues", plan, upload.items, upload.refused,
                checkOnly, together, idempotencyKey, uri.getRequestUri().getRawPath()).response();
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueImportDto> getIndicatorValueImport(UUID importId, String ifNoneMatch) {
        ValueImport job = imports.find(importId);
        return Responses.conditional(ifNoneMatch, job.version, () -> imports.toDto(job));
    }

    private static StatusCountsDto counts(ControllingReports.Counts counts) {
        StatusCountsDto dto = new StatusCountsDto();
        dto.setOnTrack(counts.of(TrafficLight.ON_TRACK));
        dto.setAtRisk(counts.of(TrafficLight.AT_RISK));
        dto.setOffTrack(counts.of(TrafficLight.OFF_TRACK));
        dto.setWithoutData(counts.of(TrafficLight.WITHOUT_DATA));
        return dto;
    }
}
