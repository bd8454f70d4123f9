package de.fachplan.api.sync;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.ListFilter;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.time.Timestamps;

/** Reads the audit trail, newest first. */
@ApplicationScoped
public class AuditEvents {

    /** One event of the trail: who did what to which resource, in which request, and what changed. */
    public record Event(UUID id, OffsetDateTime occurredAt, Actor actor, Request request, Resource resource,
            String action, Map<String, Map<String, Object>> changes) {
    }

    /** Who made a change: a display name, a stable id, and the partner organisation acting, if any. */
    public record Actor(String name, String id, UUID organisationId) {
    }

    /** The request a change was made in: the service's id for it and the client's own, if it sent one. */
    public record Request(String id, String clientId) {
    }

    /** What was changed. */
    public record Resource(String type, UUID id) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** The filters of the audit trail; {@code null} members do not filter. */
    public record Filter(String resourceType, UUID resourceId, String actorId, String requestId, OffsetDateTime since)
            implements ListFilter {
    }

    /**
     * @param partner the organisation of a partner caller, who sees the events of the measures it
     *        leads or takes part in; {@code null} for staff
     */
    @Transactional
    public Page<Event> list(Filter filter, PageRequest page, UUID partner) {
        String resourceType = filter.resourceType();
        UUID resourceId = filter.resourceId();
        KeysetQuery query = new KeysetQuery("audit_event a", "a.id");
        if (filter.actorId() != null) {
            query.where("a.actor_id = :actor", "actor", filter.actorId());
        }
        if (filter.requestId() != null) {
            query.where("a.request_id = :request", "request", filter.requestId());
        }
        if (filter.since() != null) {
            query.where("a.occurred_at >= :since", "since", filter.since());
        }
        if (partner != null) {
            query.where("a.resource_type = 'measure' AND a.resource_id IN (SELECT m.id FROM measure m"
                    + " WHERE m.lead_organisation_id = :partner OR EXISTS (SELECT 1 FROM measure_partner mp"
                    + " WHERE mp.measure_id = m.id AND mp.organisation_id = :partner))", "partner", partner);
        }
        if (resourceType != null) {
            try {
                query.where("a.resource_type = :type", "type", ResourceType.ofWireName(resourceType).wireName());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("#/query/resourceType",
                        "must be one of measure, organisation, target-group, api-key, webhook-subscription");
            }
        }
        if (resourceId != null) {
            query.where("a.resource_id = :resource", "resource", resourceId);
        }
        Page<UUID> ids = query.orderBy(List.of(SortColumn.desc("a.occurred_at", ValueKind.TIMESTAMP))).fetch(em, page);
        if (ids.items().isEmpty()) {
            return new Page<>(List.of(), ids.nextCursor());
        }
        List<Row> rows = Row.list(em.createNativeQuery("SELECT id, occurred_at, actor, actor_id, actor_organisation_id,"
                + " request_id, client_request_id, resource_type, resource_id, action, changes::text AS changes"
                + " FROM audit_event WHERE id IN (:ids)").setParameter("ids", ids.items()));
        Map<UUID, Event> byId = new java.util.HashMap<>();
        for (Row row : rows) {
            Event event = new Event(row.uuid("id"), Timestamps.fromColumn(row.get("occurred_at")),
                    new Actor(row.text("actor"), row.text("actor_id"), row.uuid("actor_organisation_id")),
                    new Request(row.text("request_id"), row.text("client_request_id")),
                    new Resource(row.text("resource_type"), row.uuid("resource_id")), row.text("action"),
                    onlyOwnReferences(read(row.text("changes")), partner));
            byId.put(event.id(), event);
        }
        return new Page<>(ids.items().stream().map(byId::get).filter(java.util.Objects::nonNull).toList(),
                ids.nextCursor());
    }

    /** A partner sees its own external reference in the trail, never another organisation's. */
    private static Map<String, Map<String, Object>> onlyOwnReferences(Map<String, Map<String, Object>> changes,
            UUID partner) {
        Map<String, Object> references = changes.get("externalReferences");
        if (partner == null || references == null) {
            return changes;
        }
        Map<String, Object> own = new java.util.LinkedHashMap<>();
        references.forEach((side, value) -> {
            if (value instanceof Map<?, ?> byOrganisation && byOrganisation.containsKey(partner.toString())) {
                own.put(side, Map.of(partner.toString(), byOrganisation.get(partner.toString())));
            }
        });
        Map<String, Map<String, Object>> filtered = new java.util.LinkedHashMap<>(changes);
        if (own.isEmpty()) {
            filtered.remove("externalReferences");
        } else {
            filtered.put("externalReferences", own);
        }
        return filtered;
    }

    private Map<String, Map<String, Object>> read(String changes) {
        try {
            return json.readValue(changes, new TypeReference<Map<String, Map<String, Object>>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit changes are unreadable", e);
        }
    }

}
