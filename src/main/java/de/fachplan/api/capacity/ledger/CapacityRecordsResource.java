package de.fachplan.api.capacity.ledger;

import java.time.YearMonth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.capacity.facilities.FacilityState;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.common.time.Period;
import de.fachplan.api.generated.api.CapacityRecordsApi;
import de.fachplan.api.generated.model.CapacityRecordBatchDto;
import de.fachplan.api.generated.model.CapacityRecordDto;
import de.fachplan.api.generated.model.CapacityRecordInputDto;
import de.fachplan.api.generated.model.CapacityRecordPageDto;
import de.fachplan.api.generated.model.CapacityRecordResultsDto;

/** The monthly capacity ledger of each facility, month by month or in bulk. */
public class CapacityRecordsResource implements CapacityRecordsApi {

    @Inject
    CapacityLedger ledger;

    @Inject
    CapacityRecordSync recordSync;

    @Context
    UriInfo uri;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordPageDto> listCapacityRecords(String facilityRef, String from, String to,
            Integer limit, String cursor) {
        CapacityLedger.Months months = ledger.list(facilityRef, Period.month(from), Period.month(to),
                PageRequest.of(limit, cursor, "capacity-records:" + facilityRef + ":" + from + ":" + to));
        Page<CapacityRecord> page = months.page();
        CapacityRecordPageDto body = new CapacityRecordPageDto();
        body.setItems(page.items().stream().map(r -> LedgerMapper.toDto(r, months.facility().code)).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordDto> getCapacityRecord(String facilityRef,
            String month, String ifNoneMatch) {
        CapacityLedger.Month stored = ledger.get(facilityRef, YearMonth.parse(month));
        return Responses.conditional(ifNoneMatch, stored.record().version,
                () -> LedgerMapper.toDto(stored.record(), stored.facility().code));
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordDto> putCapacityRecord(String facilityRef,
            String month, CapacityRecordInputDto input, String ifMatch, String ifNoneMatch) {
        CapacityLedger.Written written = ledger.put(facilityRef, YearMonth.parse(month), new CapacityLedger.Figures(
                input.getPlacesAvailable(), input.getPlacesBlocked(), input.getPersonsHoused(),
                input.getState() == null ? null : FacilityState.valueOf(input.getState().name()),
                input.getOverrideReason()), ifMatch, "*".equals(ifNoneMatch == null ? null : ifNoneMatch.trim()));
        var body = LedgerMapper.toDto(written.record(), written.facility().code);
        return RestResponse.ResponseBuilder.create(written.created() ? RestResponse.Status.CREATED : RestResponse.Status.OK, body)
                .header("ETag", ETags.of(written.record().version)).build();
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<CapacityRecordResultsDto> applyCapacityRecordUpdates(CapacityRecordBatchDto batch, Boolean dryRun,
            String idempotencyKey) {
        CapacityRecordSync.Outcome outcome = recordSync.apply(batch, Boolean.TRUE.equals(dryRun), idempotencyKey,
                uri.getRequestUri().getRawPath());
        return Responses.multiStatus(outcome.results(), outcome.replayed());
    }
}
