package de.fachplan.api.common.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import de.fachplan.api.common.security.ReadScope;

/**
 * Rendered read representations, kept per request and per caller scope for the generation of
 * data they were rendered in ({@link DataChanges}). An entry is served only while its generation
 * is current and this replica provably hears every write; otherwise the read goes to the
 * database. Bounded by the bytes it holds, least recently used first out.
 */
@ApplicationScoped
public class RepresentationCache {

    /**
     * What a representation depends on besides the data: the full request URI (the host too,
     * since {@code Link} headers are absolute), the acceptable media types and the caller's scope.
     */
    public record Key(String uri, String accept, ReadScope scope) {
    }

    /**
     * A rendered representation: the body as sent, its ETag, and the headers the operation set
     * besides (Link, Vary; each may be null).
     */
    public record Entry(long generation, byte[] body, String etag, String link, String vary) {

        int weight() {
            return body.length + 200;
        }
    }

    private final DataChanges changes;
    private final ReadCacheConfig config;
    private final Cache<Key, Entry> entries;

    @Inject
    RepresentationCache(DataChanges changes, ReadCacheConfig config) {
        this.changes = changes;
        this.config = config;
        this.entries = Caffeine.newBuilder().maximumWeight(config.maxSize().asLongValue())
                .weigher((Key key, Entry entry) -> entry.weight() + key.uri().length()
                        + (key.accept() == null ? 0 : key.accept().length())).build();
    }

    /** The generation a representation rendered now belongs to; read it before reading the data. */
    public long generation() {
        return changes.generation();
    }

    /** The current representation, or null when there is none or memory cannot be trusted now. */
    public Entry find(Key key) {
        if (!usable()) {
            return null;
        }
        Entry entry = entries.getIfPresent(key);
        return entry != null && entry.generation() == changes.generation() ? entry : null;
    }

    /** Keeps a representation, unless data changed since its generation began. */
    public void keep(Key key, Entry entry) {
        if (usable() && entry.generation() == changes.generation()) {
            entries.put(key, entry);
        }
    }

    private boolean usable() {
        return config.enabled() && changes.heard();
    }
}
