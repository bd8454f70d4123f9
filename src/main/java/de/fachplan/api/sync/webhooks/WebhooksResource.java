package de.fachplan.api.sync.webhooks;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.http.Links;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.paging.Page;
import de.fachplan.api.common.paging.PageRequest;
import de.fachplan.api.common.security.Role;
import de.fachplan.api.generated.api.WebhooksApi;
import de.fachplan.api.generated.model.WebhookDeliveryPageDto;
import de.fachplan.api.generated.model.WebhookDeliveryStateDto;
import de.fachplan.api.generated.model.WebhookEventTypeDto;
import de.fachplan.api.generated.model.WebhookSubscriptionCreateDto;
import de.fachplan.api.generated.model.WebhookSubscriptionPageDto;
import de.fachplan.api.generated.model.WebhookAttemptDto;
import de.fachplan.api.generated.model.WebhookDeliveryDto;
import de.fachplan.api.generated.model.WebhookSubscriptionDto;

@RolesAllowed({ Role.ADMIN_NAME, Role.PARTNER_NAME })
public class WebhooksResource implements WebhooksApi {

    @Inject
    WebhookService webhooks;

    @Inject
    Idempotency idempotency;

    @Context
    UriInfo uri;

    @Override
    public RestResponse<WebhookSubscriptionDto> createWebhookSubscription(
            WebhookSubscriptionCreateDto request, String idempotencyKey) {
        return idempotency.create(idempotencyKey, "createWebhookSubscription", request,
                WebhookSubscriptionDto.class, () -> {
                    WebhookService.Subscribed subscribed = webhooks.subscribe(request.getUrl(),
                            request.getEventTypes().stream().map(WebhookEventTypeDto::toString).toList(),
                            request.getDescription());
                    WebhookSubscription subscription = subscribed.subscription();
                    var withSecret = toDto(subscription);
                    withSecret.setSecret(subscribed.secret());
                    return new Idempotency.Outcome<>(withSecret, toDto(subscription),
                            URI.create("webhook-subscriptions/" + subscription.id), ETags.of(subscription.version));
                });
    }

    @Override
    public RestResponse<WebhookSubscriptionPageDto> listWebhookSubscriptions(Integer limit, String cursor) {
        Page<WebhookSubscription> page = webhooks.list(PageRequest.of(limit, cursor, "webhook-subscriptions"));
        WebhookSubscriptionPageDto body = new WebhookSubscriptionPageDto();
        body.setItems(page.items().stream().map(WebhooksResource::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    public RestResponse<Void> deleteWebhookSubscription(UUID subscriptionId, String ifMatch) {
        webhooks.unsubscribe(subscriptionId, ifMatch);
        return RestResponse.noContent();
    }

    @Override
    public RestResponse<WebhookDeliveryPageDto> listWebhookDeliveries(UUID subscriptionId, WebhookDeliveryStateDto state,
            Integer limit, String cursor) {
        Page<WebhookDelivery> page = webhooks.deliveries(subscriptionId,
                state == null ? null : WebhookDelivery.State.valueOf(state.name()),
                PageRequest.of(limit, cursor, "webhook-deliveries:" + subscriptionId + ":" + state));
        WebhookDeliveryPageDto body = new WebhookDeliveryPageDto();
        body.setItems(page.items().stream().map(WebhooksResource::toDto).toList());
        body.setNextCursor(page.nextCursor());
        return Links.page(body, page.nextCursor(), uri);
    }

    @Override
    public RestResponse<WebhookDeliveryDto> replayWebhookDelivery(UUID subscriptionId,
            String deliveryId) {
        return RestResponse.ResponseBuilder.<WebhookDeliveryDto>create(202)
                .entity(toDto(webhooks.replay(subscriptionId, deliveryId))).build();
    }

    private static WebhookSubscriptionDto toDto(WebhookSubscription subscription) {
        var dto = new WebhookSubscriptionDto();
        dto.setId(subscription.id);
        dto.setUrl(subscription.url);
        dto.setEventTypes(subscription.eventTypes().stream().map(WebhookEventTypeDto::fromValue).toList());
        dto.setDescription(subscription.description);
        dto.setOrganisationId(subscription.organisationId);
        dto.setVersion(subscription.version);
        dto.setCreatedAt(subscription.createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        return dto;
    }

    private static WebhookDeliveryDto toDto(WebhookDelivery delivery) {
        var dto = new WebhookDeliveryDto();
        dto.setId(delivery.id);
        dto.setEventType(WebhookEventTypeDto.fromValue(delivery.eventType));
        dto.setState(WebhookDeliveryStateDto.valueOf(delivery.state.name()));
        dto.setCreatedAt(delivery.createdAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setNextAttemptAt(delivery.nextAttemptAt == null ? null
                : delivery.nextAttemptAt.withOffsetSameInstant(ZoneOffset.UTC));
        dto.setAttempts(delivery.attempts.stream().map(a -> {
            var attempt = new WebhookAttemptDto();
            attempt.setAttemptedAt(a.attemptedAt.withOffsetSameInstant(ZoneOffset.UTC));
            attempt.setStatusCode(a.statusCode);
            attempt.setError(a.error);
            return attempt;
        }).toList());
        return dto;
    }
}
