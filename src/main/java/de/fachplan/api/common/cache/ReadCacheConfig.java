package de.fachplan.api.common.cache;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The in-memory cache of rendered read representations ({@link RepresentationCache}). */
@ConfigMapping(prefix = "fachplan.read-cache")
public interface ReadCacheConfig {

    /** Serve repeated reads from memory; {@code false} sends every read to the database. */
    @WithDefault("true")
    boolean enabled();

    /** The memory the kept representations may take at most (bodies and keys), e.g. {@code 32M}. */
    @WithDefault("32M")
    MemorySize maxSize();

    /**
     * How many single rows (a measure as one viewer sees it, about 2 KB each) may be kept for
     * pages nobody asked for before ({@link KeptReads}).
     */
    @WithDefault("5000")
    int maxRows();

    /**
     * How long this replica may go without proof that it hears every committed write before it
     * stops serving from memory: the bound on how long another replica's write can stay unseen
     * here.
     */
    @WithDefault("1s")
    Duration stalenessBound();

    /** How often the listener proves the notifications arrive; well below the bound. */
    @WithDefault("200ms")
    Duration heartbeat();

    /**
     * A JDBC URL for the listening connection when the datasource goes through PgBouncer in
     * transaction mode (which does not keep LISTEN): the primary directly, with the datasource's
     * credentials. Unset: a connection of the pool.
     */
    Optional<String> listenJdbcUrl();
}
