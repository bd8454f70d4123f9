package de.fachplan.api.sync.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook subscriptions, where they may point ({@link WebhookTargets}) and how deliveries are sent ({@link WebhookDispatcher}). */
@ConfigMapping(prefix = "fachplan.webhooks")
public interface WebhooksConfig {

    /** Targets must be https; the tests' loopback receiver is plain http. */
    @WithDefault("true")
    boolean requireHttps();

    /**
     * Allow targets in IANA's special-purpose blocks (private, loopback, link-local, ...), checked at
     * subscription and before every delivery.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** Hosts (as written in the URL) allowed although they resolve to special-purpose addresses. */
    Optional<List<String>> allowedHosts();

    /** The first retry delay; each further one doubles, up to six hours. */
    @WithDefault("PT30S")
    Duration retryBase();

    /** Attempts before a delivery counts as failed. */
    @WithDefault("12")
    int maxAttempts();

    /** How long one delivery may take; the claim lease and the shutdown wait are derived from it. */
    @WithDefault("PT10S")
    Duration timeout();

    /** Threads per replica that send deliveries, subscriptions served in turns by organisation. */
    @WithDefault("8")
    int workers();

    /** Deliveries sent to one target (scheme, host, port) at once per replica. */
    @WithDefault("4")
    int connectionsPerTarget();

    /**
     * How often each replica looks for subscriptions with due deliveries. Read by the scheduler
     * from the key itself ({@code @Scheduled(every = ...)}), declared here for its default and
     * documentation.
     */
    @WithDefault("1s")
    String pollInterval();

    /** Subscriptions an organisation (or the city's admins together) may hold; one more is a 429. */
    @WithDefault("20")
    int maxSubscriptionsPerOrganisation();
}
