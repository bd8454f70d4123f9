package de.fachplan.api.sync.webhooks;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A receiver of webhook events: an organisation's (events of the measures it sees) or an admin's (all). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(nullable = false)
    public String url;

    /** Comma-separated, sorted. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    public String description;

    @Column(nullable = false)
    public String secret;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Version
    public long version;

    public Set<String> eventTypes() {
        return new TreeSet<>(Arrays.asList(eventTypes.split(",")));
    }

    public boolean wants(Set<String> events) {
        return events.stream().anyMatch(eventTypes()::contains);
    }
}
