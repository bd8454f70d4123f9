package de.fachplan.api.common.history;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.Arc;

import de.fachplan.api.common.http.RequestId;
import de.fachplan.api.common.persistence.CollectedInserts;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.time.Timestamps;

/**
 * Records every write twice, in the transaction that makes it: as an entry of the change feed
 * (what changed, for clients that sync) and as an audit event (who changed which members, for the
 * controlling unit). Because both rows commit or roll back with the change, neither can exist
 * without the other.
 */
@ApplicationScoped
public class WriteHistory {

    /** The actor of writes the service makes on its own, such as the bootstrap admin key at start. */
    private static final String SYSTEM = "system";

    private static final CollectedInserts.Table AUDIT_EVENT = new CollectedInserts.Table("audit_event (occurred_at,"
            + " actor, actor_id, actor_organisation_id, request_id, client_request_id, resource_type, resource_id, action,"
            + " changes)", "(?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))");

    private static final CollectedInserts.Table CHANGE_EVENT = new CollectedInserts.Table("change_event (resource_type,"
            + " resource_id, resource_code, operation, version, changed_at, public, organisations)",
            "(?, ?, ?, ?, ?, ?, ?, CAST(? AS uuid[]))");

    /** Members that change with every write and say nothing about what was changed. */
    private static final Set<String> NOT_AUDITED = Set.of("id", "version", "createdAt", "updatedAt", "lastUsedAt");

    public enum Operation {
        CREATED("CREATE"), UPDATED("UPDATE"), DELETED("DELETE");

        private final String auditAction;

        Operation(String auditAction) {
            this.auditAction = auditAction;
        }
    }

    /** Who may see a change in the feed besides staff: everyone, or the named organisations. */
    public record Audience(boolean isPublic, Set<UUID> organisations) {
        public static final Audience PUBLIC = new Audience(true, Set.of());
    }

    @Inject
    CollectedInserts inserts;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    @Inject
    RequestId requestId;

    /** The audited form of a resource: its representation as the API shows it. */
    public Map<String, Object> snapshot(Object representation) {
        return json.convertValue(representation, new TypeReference<Map<String, Object>>() {
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(ResourceType type, UUID id, String code, long version, Map<String, Object> after) {
        created(type, id, code, version, after, Audience.PUBLIC);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(ResourceType type, UUID id, String code, long version, Map<String, Object> after,
            Audience audience) {
        record(type, id, code, Operation.CREATED, version, Map.of(), after, audience);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(ResourceType type, UUID id, String code, long version, Map<String, Object> before,
            Map<String, Object> after) {
        updated(type, id, code, version, before, after, Audience.PUBLIC);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void updated(ResourceType type, UUID id, String code, long version, Map<String, Object> before,
            Map<String, Object> after, Audience audience) {
        record(type, id, code, Operation.UPDATED, version, before, after, audience);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(ResourceType type, UUID id, String code, Map<String, Object> before) {
        deleted(type, id, code, before, Audience.PUBLIC);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void deleted(ResourceType type, UUID id, String code, Map<String, Object> before, Audience audience) {
        record(type, id, code, Operation.DELETED, null, before, Map.of(), audience);
    }

    /**
     * A change only its author sees (a partner's own reference for a measure): audited, but no
     * change feed entry, since the representation others read did not change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void updatedPrivately(ResourceType type, UUID id, Map<String, Object> before, Map<String, Object> after) {
        audit(type, id, Operation.UPDATED, before, after);
    }

    /** A change of representation that nobody asked for directly (a renamed organisation shown by a measure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changedAlong(ResourceType type, UUID id, String code, long version, Audience audience) {
        feed(type, id, code, Operation.UPDATED, version, audience);
    }

    private void record(ResourceType type, UUID id, String code, Operation operation, Long version,
            Map<String, Object> before, Map<String, Object> after, Audience audience) {
        if (type.inChangeFeed()) {
            feed(type, id, code, operation, version, audience);
        }
        audit(type, id, operation, before, after);
    }

    private void audit(ResourceType type, UUID id, Operation operation, Map<String, Object> before,
            Map<String, Object> after) {
        Map<String, Map<String, Object>> changes = diff(before, after);
        if (operation == Operation.UPDATED && changes.isEmpty()) {
            return;
        }
        boolean inRequest = Arc.container().requestContext().isActive();
        try {
            inserts.insert(AUDIT_EVENT, Timestamps.now(), inRequest ? caller.displayName() : SYSTEM,
                    inRequest ? caller.id() : SYSTEM, inRequest ? caller.organisationId() : null,
                    inRequest ? requestId.value() : null, inRequest ? requestId.clientValue() : null, type.wireName(), id,
                    operation.auditAction, json.writeValueAsString(changes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit changes could not be written", e);
        }
    }

    private void feed(ResourceType type, UUID id, String code, Operation operation, Long version, Audience audience) {
        inserts.insert(CHANGE_EVENT, type.wireName(), id, code, operation.name(), version, Timestamps.now(),
                audience.isPublic(), "{" + String.join(",",
                        audience.organisations().stream().map(UUID::toString).sorted().toList()) + "}");
    }

    static Map<String, Map<String, Object>> diff(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        Set<String> members = new TreeSet<>(before.keySet());
        members.addAll(after.keySet());
        for (String member : members) {
            Object from = before.get(member);
            Object to = after.get(member);
            if (NOT_AUDITED.contains(member) || Objects.equals(from, to)) {
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            if (from != null) {
                change.put("from", from);
            }
            if (to != null) {
                change.put("to", to);
            }
            changes.put(member, change);
        }
        return changes;
    }
}
