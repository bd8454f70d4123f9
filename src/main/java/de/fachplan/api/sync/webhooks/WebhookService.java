package de.fachplan.api.sync.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.common.history.ResourceType;
import de.fachplan.api.common.history.WriteHistory;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.paging.Entities;
import de.fachplan.api.common.paging.KeysetQuery;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.paging.SortColumn;
import de.fachplan.api.common.paging.SortColumn.ValueKind;
import de.fachplan.api.common.persistence.CollectedInserts;
import de.fachplan.api.common.problem.FieldError;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.generated.model.MeasureStatusDto;
import de.fachplan.api.generated.model.MeasureWebhookEventDataDto;
import de.fachplan.api.generated.model.MeasureWebhookEventDto;
import de.fachplan.api.generated.model.WebhookEventTypeDto;
import de.fachplan.api.measures.MeasureChanged;

/** Subscriptions, the outbox of deliveries, and what callers may see of them. */
@ApplicationScoped
public class WebhookService {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Caller caller;

    @Inject
    WebhookTargets targets;

    @Inject
    WriteHistory history;

    @Inject
    CollectedInserts inserts;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Event<DeliveriesQueued> queued;

    /** A transaction queued deliveries: heard by the dispatcher once it has committed. */
    record DeliveriesQueued() {
    }

    /** The outbox: written with the change, in one statement for a whole run of a batch. */
    private static final CollectedInserts.Table DELIVERY = new CollectedInserts.Table("webhook_delivery (id,"
            + " subscription_id, event_type, payload, state, next_attempt_at, created_at)", "(?, ?, ?, ?, ?, ?, ?)");

    /** Each subscription multiplies every change's deliveries: one owner cannot crowd out the others. */
    @Inject
    WebhooksConfig config;

    /**
     * What a refused subscription's {@code Retry-After} says: room is made by deleting one, not by
     * time, so this only keeps a script that retries blindly from hammering.
     */
    private static final Duration SUBSCRIPTION_QUOTA_RETRY = Duration.ofMinutes(1);

    /** A new subscription and its secret, which exists in this answer only. */
    public record Subscribed(WebhookSubscription subscription, String secret) {
    }

    @Transactional
    public Subscribed subscribe(String url, List<String> eventTypes, String description) {
        targets.refusal(url).ifPresent(reason -> {
            throw ProblemException.invalid(List.of(new FieldError("/url", reason)));
        });
        UUID owner = caller.partnerScope();
        requireRoomForAnother(owner);
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.organisationId = owner;
        subscription.url = url;
        subscription.eventTypes = String.join(",", new TreeSet<>(eventTypes));
        subscription.description = description;
        subscription.secret = WebhookSignature.newSecret();
        subscription.createdAt = Timestamps.now();
        subscription.createdBy = caller.displayName();
        subscription.persistAndFlush();
        history.created(ResourceType.WEBHOOK_SUBSCRIPTION, subscription.id, null, subscription.version, audited(subscription));
        return new Subscribed(subscription, subscription.secret);
    }

    /**
     * At most {@code maxSubscriptionsPerOrganisation} per organisation (the city's own, without one, count
     * together). The lock makes two concurrent subscriptions of one owner count one after the other.
     */
    private void requireRoomForAnother(UUID owner) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))) owner_lock")
                .setParameter("k", "webhook-subscriptions:" + owner).getSingleResult();
        long count = owner == null ? WebhookSubscription.count("organisationId is null")
                : WebhookSubscription.count("organisationId", owner);
        if (count >= config.maxSubscriptionsPerOrganisation()) {
            throw ProblemException.tooManyRequests("Your organisation has " + count
                    + " webhook subscriptions, the most it may have; delete one before adding another.",
                    SUBSCRIPTION_QUOTA_RETRY);
        }
    }

    @Transactional
    public Page<WebhookSubscription> list(PageRequest page) {
        KeysetQuery query = new KeysetQuery("webhook_subscription s", "s.id");
        if (!caller.isStaff()) {
            query.where("s.organisation_id = :organisation", "organisation", caller.organisationId());
        }
        Page<UUID> ids = query.orderBy(List.of(SortColumn.desc("s.created_at", ValueKind.TIMESTAMP))).fetch(em, page);
        return new Page<>(Entities.inOrder(WebhookSubscription.list("id in ?1", ids.items()), ids.items(), s -> s.id),
                ids.nextCursor());
    }

    /** One subscription, with the visibility of {@link #list}. */
    @Transactional
    public WebhookSubscription get(UUID id) {
        return visible(id);
    }

    @Transactional
    public void unsubscribe(UUID id, String ifMatch) {
        WebhookSubscription subscription = visible(id);
        ETags.requireMatch(ifMatch, subscription.version);
        history.deleted(ResourceType.WEBHOOK_SUBSCRIPTION, subscription.id, null, audited(subscription));
        subscription.delete();
    }

    @Transactional
    public Page<WebhookDelivery> deliveries(UUID subscriptionId, WebhookDelivery.State state, PageRequest page) {
        WebhookSubscription subscription = visible(subscriptionId);
        KeysetQuery query = new KeysetQuery("webhook_delivery d", "d.id")
                .where("d.subscription_id = :subscription", "subscription", subscription.id);
        if (state != null) {
            query.where("d.state = :state", "state", state.name());
        }
        Page<String> ids = query.orderBy(List.of(SortColumn.desc("d.created_at", ValueKind.TIMESTAMP)))
                .fetchKeys(em, page);
        List<WebhookDelivery> deliveries = WebhookDelivery.list("id in ?1", ids.items());
        deliveries.forEach(d -> d.attempts.size());
        Map<String, WebhookDelivery> byId = new LinkedHashMap<>();
        deliveries.forEach(d -> byId.put(d.id, d));
        return new Page<>(ids.items().stream().map(byId::get).filter(java.util.Objects::nonNull).toList(),
                ids.nextCursor());
    }

    @Transactional
    public WebhookDelivery replay(UUID subscriptionId, String deliveryId) {
        WebhookSubscription subscription = visible(subscriptionId);
        WebhookDelivery delivery = WebhookDelivery.<WebhookDelivery>findByIdOptional(deliveryId)
                .filter(d -> d.subscription.id.equals(subscription.id))
                .orElseThrow(() -> ProblemException.notFound("No delivery " + deliveryId + " of this subscription."));
        delivery.replay(Timestamps.now());
        delivery.attempts.size();
        return delivery;
    }

    /**
     * Writes the outbox rows for a measure's change, in the transaction of the change: one
     * delivery per subscription that wants the event and may see the measure.
     */
    void onMeasureChanged(@Observes MeasureChanged change) {
        // Every subscriber of an event is sent the same payload: it is written once per event.
        Map<String, String> payloads = new HashMap<>();
        var now = Timestamps.now();
        for (WebhookSubscription subscription : subscriptions()) {
            boolean sees = subscription.organisationId == null || change.audience().isPublic()
                    || change.audience().organisations().contains(subscription.organisationId);
            if (!sees) {
                continue;
            }
            for (String event : change.events()) {
                if (subscription.eventTypes().contains(event)) {
                    inserts.insert(DELIVERY, "msg_" + UUID.randomUUID().toString().replace("-", ""), subscription.id,
                            event, payloads.computeIfAbsent(event, e -> payload(e, change, now)),
                            WebhookDelivery.State.PENDING.name(), now, now);
                    announceAfterCommit();
                }
            }
        }
    }

    /** Tells this replica's dispatcher, once per transaction, that it has deliveries to send after the commit. */
    private void announceAfterCommit() {
        if (transactions.getResource(DeliveriesQueued.class) == null) {
            transactions.putResource(DeliveriesQueued.class, Boolean.TRUE);
            queued.fire(new DeliveriesQueued());
        }
    }

    /** The subscriptions, read once per transaction: a run of a batch changes many measures in one. */
    private List<WebhookSubscription> subscriptions() {
        @SuppressWarnings("unchecked")
        List<WebhookSubscription> read = (List<WebhookSubscription>) transactions.getResource(WebhookSubscription.class);
        if (read == null) {
            read = WebhookSubscription.listAll();
            transactions.putResource(WebhookSubscription.class, read);
        }
        return read;
    }

    private String payload(String event, MeasureChanged change, OffsetDateTime at) {
        MeasureWebhookEventDataDto data = new MeasureWebhookEventDataDto();
        data.setId(change.id());
        data.setCode(change.code());
        data.setPlan(change.plan());
        data.setStatus(MeasureStatusDto.fromValue(change.state().status().name()));
        data.setProgress(change.state().progress());
        data.setVersion(change.version());
        MeasureWebhookEventDto payload = new MeasureWebhookEventDto();
        payload.setType(WebhookEventTypeDto.fromValue(event));
        payload.setTimestamp(at);
        payload.setData(data);
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the audit trail keeps of a subscription: never its secret. */
    private static Map<String, Object> audited(WebhookSubscription subscription) {
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("url", subscription.url);
        audited.put("eventTypes", subscription.eventTypes);
        if (subscription.organisationId != null) {
            audited.put("organisationId", subscription.organisationId.toString());
        }
        return audited;
    }

    private WebhookSubscription visible(UUID id) {
        return WebhookSubscription.<WebhookSubscription>findByIdOptional(id)
                .filter(s -> caller.isStaff() || (s.organisationId != null && s.organisationId.equals(caller.organisationId())))
                .orElseThrow(() -> ProblemException.notFound("No webhook subscription " + id + "."));
    }
}
