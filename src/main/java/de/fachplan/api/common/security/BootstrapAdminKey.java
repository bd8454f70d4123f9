package de.fachplan.api.common.security;

import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * The first admin key. Production passes it in {@code FACHPLAN_BOOTSTRAP_ADMIN_KEY} (created once,
 * idempotent across replicas and restarts). In the local default mode, on the embedded database,
 * a random one is created on the first start and printed once; the log never shows it again.
 */
public class BootstrapAdminKey {

    private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class);
    private static final String NAME = "bootstrap admin";

    @Inject
    ApiKeyService apiKeys;

    @ConfigProperty(name = "fachplan.bootstrap.admin-key")
    Optional<String> configuredKey;

    @ConfigProperty(name = "fachplan.embedded-db.active", defaultValue = "false")
    boolean embedded;

    void onStart(@Observes StartupEvent event) {
        if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
            String secret = configuredKey.get().trim();
            if (!secret.startsWith(ApiKeyService.KEY_PREFIX) || secret.length() < 32) {
                throw new IllegalStateException("FACHPLAN_BOOTSTRAP_ADMIN_KEY must start with "
                        + ApiKeyService.KEY_PREFIX + " and be at least 32 characters long");
            }
            if (apiKeys.ensure(NAME, Role.ADMIN, secret, "configuration")) {
                LOG.info("Created the bootstrap admin API key from FACHPLAN_BOOTSTRAP_ADMIN_KEY");
            }
            return;
        }
        if (embedded && apiKeys.count() == 0) {
            String secret = ApiKeyService.newSecret();
            apiKeys.ensure(NAME, Role.ADMIN, secret, "first start");
            // Straight to the console, not through the log: logs never carry a key (they may be
            // shipped elsewhere), and a JSON log line would hide it from the person starting the service.
            System.out.printf("%n  Bootstrap admin API key (shown only now, store it):%n%n    %s%n%n"
                    + "  Use it as: curl -H 'Authorization: Bearer %s' ...%n%n", secret, secret);
            System.out.flush();
            LOG.info("Created a bootstrap admin API key on the first start; it was printed to the console");
        }
    }
}
