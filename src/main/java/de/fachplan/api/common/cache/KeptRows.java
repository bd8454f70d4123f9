package de.fachplan.api.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Single rows as one kind of reader sees them (a measure mapped for a viewer), kept for the
 * generation of data they were read in ({@link DataChanges}), as {@link RepresentationCache} keeps
 * whole pages. A page that nobody asked for before (another filter, another {@code modifiedSince},
 * another limit) mostly holds rows that earlier pages read already: only its ids need a query,
 * and only the rows not kept are read in full. The same rules as for pages decide when memory may
 * answer: the read cache is on, this replica provably hears every write, and the row was read in
 * the current generation. Bounded by a number of rows, least recently used first out.
 *
 * <p>A kept value is shared by every request that finds it: whoever reads one must not change it.
 *
 * @param <K> what a row's representation depends on: the row and the reader's scope
 * @param <V> the representation
 */
public final class KeptRows<K, V> {

    private record Entry<V>(long generation, V value) {
    }

    private final DataChanges changes;
    private final ReadCacheConfig config;
    private final Cache<K, Entry<V>> entries;

    public KeptRows(DataChanges changes, ReadCacheConfig config) {
        this.changes = changes;
        this.config = config;
        this.entries = Caffeine.newBuilder().maximumSize(config.maxRows()).build();
    }

    /** Whether memory may answer now; if not, read everything from the database. */
    public boolean usable() {
        return config.enabled() && changes.heard();
    }

    /** The generation rows read now belong to; read it before reading any of the data. */
    public long generation() {
        return changes.generation();
    }

    /** The row as read in the current generation, or null. */
    public V find(K key) {
        Entry<V> entry = entries.getIfPresent(key);
        return entry != null && entry.generation() == changes.generation() ? entry.value() : null;
    }

    /** Keeps a row read in {@code generation}, unless data changed since. */
    public void keep(K key, long generation, V value) {
        if (usable() && generation == changes.generation()) {
            entries.put(key, new Entry<>(generation, value));
        }
    }
}
