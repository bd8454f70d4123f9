package de.fachplan.api.common.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Failed authentications, counted per client address and per API key prefix: after
 * {@code max-failures} within {@code failure-window} of the first, that source is refused (429)
 * until the window has passed. Guessing keys from one address, or the rest of one known key
 * prefix from many, is slowed to a crawl. Counted in each replica's memory: several replicas
 * each allow the limit, which still bounds a guesser. A refused key prefix refuses its real key
 * too until the window ends; the window is short, so that is a pause, not a lockout.
 */
@ApplicationScoped
public class FailedAuthentications {

    /** Beyond this many tracked sources, ended windows are dropped, so that a flood of addresses cannot grow memory. */
    private static final int TRACKED = 100_000;

    @Inject
    AuthConfig config;

    private record Window(long startNanos, int failures) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** What a request is counted under: its client address and, for an API key, the key's prefix. */
    public static List<String> sources(String clientAddress, String token) {
        List<String> sources = new ArrayList<>(2);
        if (clientAddress != null) {
            sources.add("address " + clientAddress);
        }
        if (token != null && token.startsWith(ApiKeyService.KEY_PREFIX) && token.length() >= ApiKeyService.PREFIX_LENGTH) {
            sources.add("key prefix " + token.substring(0, ApiKeyService.PREFIX_LENGTH));
        }
        return sources;
    }

    /** How long the longest refusal among the sources still lasts, or empty when none is refused. */
    public Optional<Duration> refusedFor(List<String> sources) {
        long now = System.nanoTime();
        long longest = 0;
        for (String source : sources) {
            Window w = windows.get(source);
            if (w != null && w.failures >= config.maxFailures()) {
                longest = Math.max(longest, w.startNanos + config.failureWindow().toNanos() - now);
            }
        }
        return longest > 0 ? Optional.of(Duration.ofNanos(longest)) : Optional.empty();
    }

    public void failed(List<String> sources) {
        long now = System.nanoTime();
        for (String source : sources) {
            windows.compute(source, (key, w) -> w == null || ended(w, now) ? new Window(now, 1)
                    : new Window(w.startNanos, w.failures + 1));
        }
        if (windows.size() > TRACKED) {
            windows.values().removeIf(w -> ended(w, now));
        }
    }

    private boolean ended(Window w, long now) {
        return now - w.startNanos >= config.failureWindow().toNanos();
    }
}
