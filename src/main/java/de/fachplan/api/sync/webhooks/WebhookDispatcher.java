package de.fachplan.api.sync.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import de.fachplan.api.common.background.BackgroundWork;
import de.fachplan.api.common.background.FairQueue;
import de.fachplan.api.common.background.Nudged;
import de.fachplan.api.common.operations.DatabaseOutage;
import de.fachplan.api.common.persistence.Row;
import de.fachplan.api.common.time.Timestamps;

/**
 * Sends the outbox. Deliveries of one subscription go out in the order they were written, one
 * after the other: a delivery is sent only when no older one of its subscription is pending, so a
 * failing receiver holds back its own later events (until its retries end), never anyone else's.
 *
 * <p>The poller of each replica finds the subscriptions whose oldest pending delivery is due and
 * queues them in turns by organisation ({@link FairQueue}). A pool of worker threads serves them:
 * a worker claims a page of a subscription's due deliveries under a row lock of the subscription
 * ({@code SKIP LOCKED}, so a subscription is served by one replica at a time) and moves their next
 * attempt past a lease; it sends them in order, records every result in one transaction, and queues
 * the subscription again at the back if more waits. A replica that dies mid-page leaves the rest
 * of the page to be sent when the lease ends: at least once, never once per replica. Each target
 * (scheme, host and port) gets at most a bounded number of connections; a subscription whose target
 * is busy waits for the next poll.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    /** Deliveries a worker claims at once, sent in order and recorded in one transaction. */
    static final int PAGE = 100;

    @Inject
    EntityManager em;

    @Inject
    WebhookTargets targets;

    @Inject
    WebhooksConfig config;

    /**
     * The client, built with the first delivery rather than with this bean: its TLS context reads the
     * JDK's trust store, which took about 50 ms of every start on the main thread.
     */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private final FairQueue<String, Waiting> queue = new FairQueue<>();
    private final Map<String, Semaphore> connections = new ConcurrentHashMap<>();
    private final BackgroundWork work = new BackgroundWork();
    private final List<Thread> threads = new ArrayList<>();
    private final Nudged nudged = new Nudged("fachplan-webhooks-nudged", this::poll,
            "Webhook poll after a commit failed; the scheduled poll carries on");

    /** A subscription with due deliveries and the organisation whose turn it waits for. */
    record Waiting(UUID subscription, String owner) {
    }

    private record Due(String id, String payload, int attemptsBefore) {
    }

    private record Claim(UUID subscription, String url, String secret, List<Due> deliveries, OffsetDateTime lease,
            long deadline) {
    }

    private record Attempt(Due due, OffsetDateTime at, Integer statusCode, String error) {
        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    void start(@Observes StartupEvent event) {
        for (int i = 0; i < config.workers(); i++) {
            Thread thread = new Thread(this::serve, "fachplan-webhooks-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        nudged.start();
    }

    /**
     * A commit that queued deliveries starts a poll of this replica at once instead of at its next
     * tick, so that a write's deliveries leave after the time of a query, not of up to one poll
     * interval. Nudges that arrive while a poll runs make one more poll, not one each; the
     * scheduled poll stays for retries that come due and for what other replicas wrote.
     */
    void sendSoon(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookService.DeliveriesQueued event) {
        nudged.nudge();
    }

    /** Starts no new page once the application is about to stop; a page being sent ends at its next delivery. */
    void stopping(@Observes ShutdownDelayInitiatedEvent event) {
        work.stop();
        queue.close();
        nudged.stop();
    }

    /** Waits for the pages being sent before the datasource closes: what they sent gets recorded. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        queue.close();
        if (!work.stopAndAwait(config.timeout().plusSeconds(2))) {
            LOG.infof("Webhook deliveries still being sent at shutdown are sent again when their lease ends");
        }
    }

    @Scheduled(every = "${fachplan.webhooks.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        if (!work.enter()) {
            return;
        }
        try {
            for (Waiting waiting : due()) {
                queue.offer(waiting.owner(), waiting);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) && !work.stopping()) {
                throw e;
            }
            // The outbox waits in the database; the next poll after it returns carries on.
            LOG.debugf("Webhook poll skipped, database unreachable: %s", e.getClass().getSimpleName());
        } finally {
            work.exit();
        }
    }

    /** Subscriptions whose oldest pending delivery is due, longest waiting first: one index probe each. */
    private List<Waiting> due() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Row> rows = Row.list(em.createNativeQuery("SELECT s.id, s.organisation_id FROM webhook_subscription s"
                    + " CROSS JOIN LATERAL (SELECT d.next_attempt_at FROM webhook_delivery d"
                    + " WHERE d.subscription_id = s.id AND d.state = 'PENDING' ORDER BY d.created_at, d.id LIMIT 1) head"
                    + " WHERE head.next_attempt_at <= now() ORDER BY head.next_attempt_at"));
            return rows.stream().map(r -> new Waiting(r.uuid("id"),
                    r.get("organisation_id") == null ? "city" : r.get("organisation_id").toString())).toList();
        });
    }

    private void serve() {
        while (true) {
            Waiting waiting;
            try {
                waiting = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (waiting == null) {
                return;
            }
            boolean more = false;
            if (work.enter()) {
                try {
                    more = servePage(waiting.subscription());
                } catch (RuntimeException e) {
                    if (!DatabaseOutage.causedBy(e) && !work.stopping()) {
                        LOG.errorf(e, "Webhook deliveries of subscription %s could not be sent", waiting.subscription());
                    } else {
                        // Whatever was claimed is sent again when its lease ends.
                        LOG.debugf("Webhook page interrupted: %s", e.getClass().getSimpleName());
                    }
                } finally {
                    work.exit();
                }
            }
            queue.done(waiting);
            if (more) {
                queue.offer(waiting.owner(), waiting);
            }
        }
    }

    /** Sends one page of a subscription's deliveries; whether more wait right behind it. */
    private boolean servePage(UUID subscription) {
        Semaphore target = null;
        Claim claim = null;
        List<Attempt> attempts = new ArrayList<>();
        try {
            claim = claim(subscription);
            if (claim == null) {
                return false;
            }
            target = connections.computeIfAbsent(targetOf(claim.url()), t -> new Semaphore(config.connectionsPerTarget()));
            if (!target.tryAcquire()) {
                target = null;
                return false;
            }
            Optional<String> refusal = targets.refusal(claim.url());
            for (Due due : claim.deliveries()) {
                if (work.stopping() || System.nanoTime() + config.timeout().toNanos() > claim.deadline()) {
                    break;
                }
                Attempt attempt = refusal.isPresent()
                        ? new Attempt(due, Timestamps.now(), null, "target " + refusal.get())
                        : send(claim, due);
                attempts.add(attempt);
                if (!attempt.delivered()) {
                    LOG.debugf("Webhook delivery %s failed: %s", due.id(),
                            attempt.error() != null ? attempt.error() : "HTTP " + attempt.statusCode());
                    break;
                }
            }
        } finally {
            if (target != null) {
                target.release();
            }
            if (claim != null) {
                record(claim, attempts);
            }
        }
        return claim.deliveries().size() == PAGE && attempts.size() == PAGE
                && attempts.get(PAGE - 1).delivered();
    }

    /**
     * Claims the due deliveries at the head of a subscription's queue, or none when another
     * replica holds the subscription or its oldest pending delivery waits for a retry.
     */
    private Claim claim(UUID subscription) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Row> target = Row.list(em.createNativeQuery("SELECT url, secret FROM webhook_subscription WHERE id = :id"
                    + " FOR NO KEY UPDATE SKIP LOCKED").setParameter("id", subscription));
            if (target.isEmpty()) {
                return null;
            }
            List<Row> rows = Row.list(em.createNativeQuery("SELECT id, payload, attempt_count, next_attempt_at <= now() AS due"
                    + " FROM webhook_delivery WHERE subscription_id = :id AND state = 'PENDING'"
                    + " ORDER BY created_at, id LIMIT :page").setParameter("id", subscription)
                    .setParameter("page", PAGE));
            List<Due> due = new ArrayList<>();
            for (Row row : rows) {
                if (!row.get("due", Boolean.class)) {
                    break;
                }
                due.add(new Due(row.text("id"), row.text("payload"), row.number("attempt_count").intValue()));
            }
            if (due.isEmpty()) {
                return null;
            }
            // Long enough to send the page one delivery after the other, each to its timeout if it
            // must; a page stops early rather than send past its lease.
            Duration lease = config.timeout().multipliedBy(3);
            long deadline = System.nanoTime() + lease.toNanos() - Duration.ofSeconds(1).toNanos();
            Object leasedUntil = em.createNativeQuery("UPDATE webhook_delivery"
                    + " SET next_attempt_at = now() + make_interval(secs => :lease)"
                    + " WHERE id IN (:ids) RETURNING next_attempt_at")
                    .setParameter("lease", lease.toMillis() / 1000.0)
                    .setParameter("ids", due.stream().map(Due::id).toList()).getResultList().get(0);
            return new Claim(subscription, target.get(0).text("url"), target.get(0).text("secret"), due,
                    Timestamps.fromColumn(leasedUntil), deadline);
        });
    }

    private Attempt send(Claim claim, Due due) {
        OffsetDateTime at = Timestamps.now();
        try {
            HttpResponse<Void> response = Client.HTTP.send(HttpRequest.newBuilder(URI.create(claim.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("webhook-id", due.id())
                    .header("webhook-timestamp", Long.toString(at.toEpochSecond()))
                    .header("webhook-signature", WebhookSignature.sign(claim.secret(), due.id(), at.toEpochSecond(),
                            due.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(due.payload())).build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Attempt(due, at, response.statusCode(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(due, at, null, "interrupted");
        } catch (Exception e) {
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Attempt(due, at, null, error.substring(0, Math.min(error.length(), 500)));
        }
    }

    /**
     * Records the page's attempts and hands back what it did not send, in one transaction. Only
     * the holder of the lease writes: after a replay or a lost lease another claim owns the rows,
     * and these results must not overwrite its state.
     */
    private void record(Claim claim, List<Attempt> attempts) {
        QuarkusTransaction.requiringNew().run(() -> em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement attempted = connection.prepareStatement("WITH attempted AS ("
                    + "UPDATE webhook_delivery SET state = ?, attempt_count = attempt_count + 1, next_attempt_at = ?"
                    + " WHERE id = ? AND state = 'PENDING' AND next_attempt_at = ? RETURNING id)"
                    + " INSERT INTO webhook_attempt (delivery_id, attempted_at, status_code, error)"
                    + " SELECT id, ?, ?, ? FROM attempted")) {
                for (Attempt attempt : attempts) {
                    WebhookDelivery.AfterAttempt after = WebhookDelivery.after(attempt.due().attemptsBefore() + 1,
                            attempt.at(), attempt.statusCode(), config.retryBase(), config.maxAttempts());
                    attempted.setString(1, after.state().name());
                    attempted.setObject(2, after.nextAttemptAt());
                    attempted.setString(3, attempt.due().id());
                    attempted.setObject(4, claim.lease());
                    attempted.setObject(5, attempt.at());
                    attempted.setObject(6, attempt.statusCode(), java.sql.Types.INTEGER);
                    attempted.setString(7, attempt.error());
                    attempted.addBatch();
                }
                attempted.executeBatch();
            }
            if (attempts.size() < claim.deliveries().size()) {
                // Behind a failed delivery they wait for it; otherwise the next page sends them.
                try (PreparedStatement unsent = connection.prepareStatement("UPDATE webhook_delivery"
                        + " SET next_attempt_at = now() WHERE subscription_id = ? AND state = 'PENDING'"
                        + " AND next_attempt_at = ?")) {
                    unsent.setObject(1, claim.subscription());
                    unsent.setObject(2, claim.lease());
                    unsent.executeUpdate();
                }
            }
        }));
    }

    private static String targetOf(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }
}
