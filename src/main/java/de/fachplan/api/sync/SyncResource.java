package de.fachplan.api.sync;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.batch.MultiStatus;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.http.Responses;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.SyncApi;
import de.fachplan.api.generated.model.AuditEventDto;
import de.fachplan.api.generated.model.AuditEventPageDto;
import de.fachplan.api.generated.model.ChangeDto;
import de.fachplan.api.generated.model.ChangePageDto;
import de.fachplan.api.generated.model.FieldChangeDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateBatchDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateResultsDto;

public class SyncResource implements SyncApi {

    @Inject
    ChangeFeed feed;

    @Inject
    AuditEvents audit;

    @Inject
    Caller caller;

    @Inject
    StatusSync statusSync;

    @Context
    UriInfo uri;

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<ChangePageDto> listChanges(String cursor, String types, Integer limit) {
        ChangeFeed.Batch batch = feed.read(cursor, types == null ? Set.of() : new java.util.HashSet<>(List.of(types.split(","))),
                limit == null ? PageRequest.DEFAULT_LIMIT : limit, caller.partnerScope());
        ChangePageDto body = new ChangePageDto();
        body.setItems(batch.entries().stream().map(SyncResource::toDto).toList());
        body.setNextCursor(batch.nextCursor());
        body.setHasMore(batch.hasMore());
        return Links.page(body, batch.hasMore() ? batch.nextCursor() : null, uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.CONTROLLER_NAME, Role.PARTNER_NAME })
    public RestResponse<AuditEventPageDto> listAuditEvents(String resourceType, UUID resourceId, String actorId,
            String requestId, OffsetDateTime since, Integer limit, String cursor) {
        AuditEvents.Filter filter = new AuditEvents.Filter(resourceType, resourceId, actorId, requestId, since);
        Page<AuditEvents.Event> page = audit.list(filter, PageRequest.of(limit, cursor, filter),
                caller.partnerScope());
        AuditEventPageDto body = new AuditEventPageDto();
        body.setItems(page.items().stream().map(SyncResource::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    @RolesAllowed({ Role.EDITOR_NAME, Role.ADMIN_NAME, Role.PARTNER_NAME })
    public RestResponse<MeasureStatusUpdateResultsDto> applyMeasureStatusUpdates(MeasureStatusUpdateBatchDto batch,
            Boolean dryRun, String idempotencyKey) {
        MultiStatus<MeasureStatusUpdateResultsDto> outcome = statusSync.apply(batch, Boolean.TRUE.equals(dryRun),
                idempotencyKey, uri.getRequestUri().getRawPath());
        return Responses.multiStatus(outcome.answer(), outcome.replayed());
    }

    private static ChangeDto toDto(ChangeFeed.Entry entry) {
        ChangeDto change = new ChangeDto();
        change.setType(ChangeDto.TypeEnum.fromValue(entry.type()));
        change.setResourceId(entry.resourceId());
        change.setCode(entry.code());
        change.setOperation(ChangeDto.OperationEnum.fromValue(entry.operation()));
        change.setDeleted("DELETED".equals(entry.operation()));
        change.setVersion(entry.version());
        change.setChangedAt(entry.changedAt().withOffsetSameInstant(ZoneOffset.UTC));
        return change;
    }

    private static AuditEventDto toDto(AuditEvents.Event event) {
        AuditEventDto dto = new AuditEventDto();
        dto.setId(event.id());
        dto.setOccurredAt(event.occurredAt().withOffsetSameInstant(ZoneOffset.UTC));
        dto.setActor(event.actor().name());
        dto.setActorId(event.actor().id());
        dto.setActorOrganisationId(event.actor().organisationId());
        dto.setRequestId(event.request().id());
        dto.setClientRequestId(event.request().clientId());
        dto.setResourceType(AuditEventDto.ResourceTypeEnum.fromValue(event.resource().type()));
        dto.setResourceId(event.resource().id());
        dto.setAction(AuditEventDto.ActionEnum.fromValue(event.action()));
        Map<String, FieldChangeDto> changes = new LinkedHashMap<>();
        event.changes().forEach((member, change) -> {
            FieldChangeDto fieldChange = new FieldChangeDto();
            fieldChange.setFrom(change.get("from"));
            fieldChange.setTo(change.get("to"));
            changes.put(member, fieldChange);
        });
        dto.setChanges(changes);
        return dto;
    }
}
