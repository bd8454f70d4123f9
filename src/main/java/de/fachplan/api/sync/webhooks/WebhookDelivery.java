package de.fachplan.api.sync.webhooks;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One event for one subscription, with its attempts; the outbox row of a webhook. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    public enum State {
        PENDING, SUCCEEDED, FAILED
    }

    /** Also the {@code webhook-id} header; receivers de-duplicate by it. */
    @Id
    public String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subscription_id")
    public WebhookSubscription subscription;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "attempt_count", nullable = false)
    public int attemptCount;

    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @ElementCollection
    @CollectionTable(name = "webhook_attempt", joinColumns = @JoinColumn(name = "delivery_id"))
    @OrderBy("attemptedAt")
    public List<WebhookAttempt> attempts = new ArrayList<>();

    /** What an attempt leaves: the delivery's state and when it is tried next (none once it ended). */
    record AfterAttempt(State state, OffsetDateTime nextAttemptAt) {
    }

    /**
     * The state after attempt number {@code attempt} (counted from 1). A 2xx ends the delivery;
     * otherwise it waits twice as long as before (from {@code base}, at most six hours) until
     * {@code maxAttempts} have failed.
     */
    static AfterAttempt after(int attempt, OffsetDateTime at, Integer statusCode, Duration base, int maxAttempts) {
        if (statusCode != null && statusCode >= 200 && statusCode < 300) {
            return new AfterAttempt(State.SUCCEEDED, null);
        }
        if (attempt >= maxAttempts) {
            return new AfterAttempt(State.FAILED, null);
        }
        Duration wait = base.multipliedBy(1L << Math.min(attempt - 1, 20));
        return new AfterAttempt(State.PENDING, at.plus(wait.compareTo(Duration.ofHours(6)) > 0 ? Duration.ofHours(6) : wait));
    }

    /** Queues the delivery again with a fresh series of retries; earlier attempts stay listed. */
    void replay(OffsetDateTime now) {
        state = State.PENDING;
        attemptCount = 0;
        nextAttemptAt = now;
    }
}
