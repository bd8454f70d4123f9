package de.fachplan.api.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * What a read built from the database, kept for the generation of data it was read in
 * ({@link DataChanges}), as {@link RepresentationCache} keeps whole pages: a measure as one viewer
 * sees it, so that a list page nobody asked for before (another filter, another
 * {@code modifiedSince}) reads only its ids and the measures no earlier page read; the recorded
 * capacity figures of a city, which every what-if computation starts from. The same rules as for
 * pages decide when memory may answer: the read cache is on, this replica provably hears every
 * write, and the value was read in the current generation. Bounded by a number of values, least
 * recently used first out.
 *
 * <p>A kept value is shared by every request that finds it: it must not be changed.
 *
 * @param <K> what the value depends on besides the data (the row and the reader's scope, ...)
 * @param <V> the value
 */
public final class KeptReads<K, V> {

    private record Entry<V>(long generation, V value) {
    }

    private final DataChanges changes;
    private final ReadCacheConfig config;
    private final Cache<K, Entry<V>> entries;

    public KeptReads(DataChanges changes, ReadCacheConfig config, long maximum) {
        this.changes = changes;
        this.config = config;
        this.entries = Caffeine.newBuilder().maximumSize(maximum).build();
    }

    /** Whether memory may answer now; if not, read everything from the database. */
    public boolean usable() {
        return config.enabled() && changes.heard();
    }

    /** The generation values read now belong to; read it before reading any of the data. */
    public long generation() {
        return changes.generation();
    }

    /** The value as read in the current generation, or null. */
    public V find(K key) {
        Entry<V> entry = entries.getIfPresent(key);
        return entry != null && entry.generation() == changes.generation() ? entry.value() : null;
    }

    /** Keeps a value read in {@code generation}, unless data changed since. */
    public void keep(K key, long generation, V value) {
        if (usable() && generation == changes.generation()) {
            entries.put(key, new Entry<>(generation, value));
        }
    }
}
