package de.fachplan.api.sync.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import de.fachplan.api.common.operations.DatabaseOutage;
import de.fachplan.api.common.time.Timestamps;

/**
 * Sends due deliveries from the outbox. Each replica claims a few rows with
 * {@code FOR UPDATE SKIP LOCKED} and moves their next attempt past a lease before it sends, so
 * two replicas never send the same delivery at once, and a replica that dies mid-send leaves the
 * row to be retried when the lease ends: at least once, never once per replica.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 5;

    @Inject
    EntityManager em;

    @Inject
    WebhookTargets targets;

    @ConfigProperty(name = "fachplan.webhooks.retry-base", defaultValue = "PT30S")
    Duration retryBase;

    @ConfigProperty(name = "fachplan.webhooks.max-attempts", defaultValue = "12")
    int maxAttempts;

    @ConfigProperty(name = "fachplan.webhooks.timeout", defaultValue = "PT10S")
    Duration timeout;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private record Due(String id, String url, String secret, String payload, OffsetDateTime lease) {
    }

    @Scheduled(every = "${fachplan.webhooks.poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatch() {
        try {
            for (Due due : claim()) {
                send(due);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            // The outbox waits in the database; the next poll after it returns carries on. An
            // unanswered send keeps its lease and is retried when that ends.
            LOG.debugf("Webhook dispatch skipped, database unreachable: %s", e.getClass().getSimpleName());
        }
    }

    private List<Due> claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("WITH due AS (SELECT id FROM webhook_delivery"
                    + " WHERE state = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT :batch"
                    + " FOR UPDATE SKIP LOCKED)"
                    + " UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => :lease)"
                    + " FROM due, webhook_subscription s WHERE d.id = due.id AND s.id = d.subscription_id"
                    + " RETURNING d.id, s.url, s.secret, d.payload, d.next_attempt_at")
                    .setParameter("batch", BATCH)
                    // Long enough to send the whole claim, one after the other, each to its timeout.
                    .setParameter("lease", (double) timeout.multipliedBy(BATCH + 1).toSeconds())
                    .getResultList();
            return rows.stream().map(r -> new Due((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                    Timestamps.fromColumn(r[4]))).toList();
        });
    }


    private void send(Due due) {
        Integer status = null;
        String error = null;
        Optional<String> refusal = targets.refusal(due.url());
        if (refusal.isPresent()) {
            error = "target " + refusal.get();
        } else {
            long timestamp = Timestamps.now().toEpochSecond();
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(due.url()))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("webhook-id", due.id())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", WebhookSignature.sign(due.secret(), due.id(), timestamp, due.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(due.payload())).build(),
                        HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        Integer statusCode = status;
        String failure = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        QuarkusTransaction.requiringNew().run(() -> {
            WebhookDelivery delivery = WebhookDelivery.findById(due.id());
            // Only the holder of the current claim records its attempt: after a replay or a lost
            // lease, another attempt owns the row and this result must not overwrite its state.
            if (delivery != null && delivery.state == WebhookDelivery.State.PENDING && delivery.nextAttemptAt != null
                    && delivery.nextAttemptAt.isEqual(due.lease())) {
                delivery.attempted(Timestamps.now(), statusCode, failure, retryBase, maxAttempts);
            }
        });
        if (failure != null || statusCode == null || statusCode >= 300) {
            LOG.debugf("Webhook delivery %s failed: %s", due.id(), failure != null ? failure : "HTTP " + statusCode);
        }
    }
}
