package de.fachplan.api.common.security;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    static final int MIN_ENTROPY_BITS = 128;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    BootstrapConfig config;

    /** Set by the embedded database fallback when it supplied the datasource, not by operators. */
    @ConfigProperty(name = "fachplan.embedded-db.active", defaultValue = "false")
    boolean embedded;

    /**
     * An upper bound of the secret's entropy, from what the text itself shows: the smaller of its
     * length times the bits of the alphabet its character classes span (hex, letters, digits,
     * other printable characters), and its length times the Shannon entropy of its own character
     * frequencies. It refuses short keys, small alphabets and repetition ({@code aaaa...}); it
     * cannot tell words from chance, so keys are to come from a random generator.
     */
    static double estimatedEntropyBits(String secret) {
        if (secret.isEmpty()) {
            return 0;
        }
        boolean hex = secret.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c))
                || secret.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isLowerCase(c));
        int alphabet = 0;
        if (hex) {
            alphabet = 16;
        } else {
            alphabet += secret.chars().anyMatch(c -> c >= 'a' && c <= 'z') ? 26 : 0;
            alphabet += secret.chars().anyMatch(c -> c >= 'A' && c <= 'Z') ? 26 : 0;
            alphabet += secret.chars().anyMatch(c -> c >= '0' && c <= '9') ? 10 : 0;
            alphabet += secret.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 33 : 0;
        }
        double byAlphabet = secret.length() * (Math.log(Math.max(alphabet, 1)) / Math.log(2));
        Map<Integer, Long> counts = secret.chars().boxed().collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        double byFrequencies = 0;
        for (long count : counts.values()) {
            double p = (double) count / secret.length();
            byFrequencies -= count * (Math.log(p) / Math.log(2));
        }
        return Math.min(byAlphabet, byFrequencies);
    }

    void onStart(@Observes StartupEvent event) {
        Optional<String> configuredKey = config.adminKey();
        if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
            String secret = configuredKey.get().trim();
            if (!secret.startsWith(ApiKeyService.KEY_PREFIX) || secret.length() < 32) {
                throw new IllegalStateException("FACHPLAN_BOOTSTRAP_ADMIN_KEY must start with "
                        + ApiKeyService.KEY_PREFIX + " and be at least 32 characters long");
            }
            double bits = estimatedEntropyBits(secret.substring(ApiKeyService.KEY_PREFIX.length()));
            if (bits < MIN_ENTROPY_BITS) {
                throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                        "FACHPLAN_BOOTSTRAP_ADMIN_KEY is too guessable (about %.0f bits, at least %d needed);"
                                + " make one with: echo fpk_$(openssl rand -hex 20)", bits, MIN_ENTROPY_BITS));
            }
            if (apiKeys.ensure(NAME, Role.ADMIN, secret, "configuration")) {
                LOG.info("Created the bootstrap admin API key from FACHPLAN_BOOTSTRAP_ADMIN_KEY");
            }
            return;
        }
        if (embedded && apiKeys.none()) {
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
