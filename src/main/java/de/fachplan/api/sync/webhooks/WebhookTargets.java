package de.fachplan.api.sync.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where webhooks may go. A subscription must not turn the service into a client of the city's
 * internal network: only https, and no address of IANA's special-purpose registries (private,
 * loopback, link-local, multicast, documentation, ..., also when an IPv6 address carries one of
 * them) unless the operator allows it. Checked when subscribing and again before every attempt, since a name
 * may resolve differently later.
 */
@ApplicationScoped
public class WebhookTargets {

    @Inject
    WebhooksConfig config;

    /** Why the URL may not be used, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !config.requireHttps())) {
            return Optional.of(config.requireHttps()
                    ? "must be an https URL (the operators allow http with FACHPLAN_WEBHOOKS_REQUIRE_HTTPS=false)"
                    : "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            return Optional.of("must name a host and no user information");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (config.allowPrivateNetworks() || config.allowedHosts().map(hosts -> hosts.contains(host)).orElse(false)) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                Optional<String> special = SpecialPurposeAddresses.refusal(address);
                if (special.isPresent()) {
                    return Optional.of("points at a special-purpose address: " + special.get() + " (the operators"
                            + " allow such targets with FACHPLAN_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true, or this host with"
                            + " FACHPLAN_WEBHOOKS_ALLOWED_HOSTS)");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("names a host that cannot be resolved");
        }
        return Optional.empty();
    }
}
