package de.fachplan.api.common.embeddeddb;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The embedded PostgreSQL fallback. {@link EmbeddedDatabaseConfigSourceFactory} reads the first
 * three keys itself, since it runs while the configuration is being built, before any mapping
 * exists; they are declared here for their defaults, their documentation and the README's table.
 */
@ConfigMapping(prefix = "fachplan.embedded-db")
public interface EmbeddedDatabaseConfig {

    /** Start an embedded database when no datasource URL is set; {@code false} makes that a failed start. */
    @WithDefault("true")
    boolean enabled();

    /** Where it keeps its data; unset: {@code ~/.local/share/fachplan/postgres}. */
    Optional<String> dataDir();

    /** A fresh database in a temporary directory, deleted when the JVM ends (the tests). */
    @WithDefault("false")
    boolean ephemeral();

    /**
     * Set to {@code true} by the fallback itself when it supplied the datasource; then the first
     * start makes a random admin key. Not an operator's setting.
     */
    @WithDefault("false")
    boolean active();
}
