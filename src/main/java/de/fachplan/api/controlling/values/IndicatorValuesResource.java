package de.fachplan.api.controlling.values;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Collections;
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
import de.fachplan.api.common.csv.CsvNegotiation;
import de.fachplan.api.common.csv.CsvWriter;
import de.fachplan.api.common.batch.MultiStatus;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.IndicatorValuesApi;
import de.fachplan.api.generated.model.IndicatorValueBatchDto;
import de.fachplan.api.generated.model.IndicatorValueBatchResultsDto;
import de.fachplan.api.generated.model.IndicatorValueCreateDto;
import de.fachplan.api.generated.model.IndicatorValueDto;
import de.fachplan.api.generated.model.IndicatorValuePageDto;
import de.fachplan.api.generated.model.IndicatorValuePatchDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionCreateDto;
import de.fachplan.api.generated.model.IndicatorValueRevisionListDto;
import de.fachplan.api.generated.model.IndicatorValueStateDto;
import de.fachplan.api.sync.ChangeFeed;

/** Reported indicator values: one by one, in batches, as pages, deltas and CSV exports. */
public class IndicatorValuesResource implements IndicatorValuesApi {

    /** The header that tells a script where its next delta starts. */
    static final String CHANGES_CURSOR = "X-Changes-Cursor";

    @Inject
    IndicatorValueService values;

    @Inject
    ValueExport export;

    @Inject
    ValueBatches batches;

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
                periodTo, district, state == null ? null : ValueMapper.state(state), modifiedSince,
                caller.partnerScope(), window);
        if (csv) {
            StreamingOutput body = out -> export.csv(filter, out);
            return (RestResponse) RestResponse.ResponseBuilder.ok(body, CsvWriter.MEDIA_TYPE)
                    .header(CHANGES_CURSOR, upTo.cursor()).build();
        }
        Page<ValueRow> page = export.page(filter, PageRequest.of(limit, pageCursor, filter));
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
            ValueRow row = values.create(plan, ValueMapper.fromCreate(request));
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
        ValueRow row = values.update(valueId, ifMatch, ValueMapper.fromPatch(patch));
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
        return RestResponse.ok(ValueMapper.toDto(values.revisions(valueId)));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.CONTROLLER_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<IndicatorValueBatchResultsDto> submitIndicatorValueBatch(IndicatorValueBatchDto batch, String plan,
            Boolean dryRun, Boolean allOrNothing, String idempotencyKey) {
        List<ValueBatches.Item> items = ValueMapper.fromBatch(batch);
        MultiStatus<IndicatorValueBatchResultsDto> outcome = batches.apply("submitIndicatorValueBatch", plan, items,
                Collections.nCopies(items.size(), null), Boolean.TRUE.equals(dryRun),
                Boolean.TRUE.equals(allOrNothing), idempotencyKey, uri.getRequestUri().getRawPath());
        return Responses.multiStatus(outcome.answer(), outcome.replayed());
    }
}
