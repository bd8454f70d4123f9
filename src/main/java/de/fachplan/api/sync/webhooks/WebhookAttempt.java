package de.fachplan.api.sync.webhooks;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One try to deliver: when, and the receiver's status or why there was none. */
@Embeddable
public class WebhookAttempt {

    @Column(name = "attempted_at", nullable = false)
    public OffsetDateTime attemptedAt;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;

    protected WebhookAttempt() {
    }

    WebhookAttempt(OffsetDateTime attemptedAt, Integer statusCode, String error) {
        this.attemptedAt = attemptedAt;
        this.statusCode = statusCode;
        this.error = error;
    }
}
