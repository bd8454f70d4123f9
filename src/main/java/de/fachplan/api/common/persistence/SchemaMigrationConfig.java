package de.fachplan.api.common.persistence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The migration of the schema at start ({@link SchemaMigration}). */
@ConfigMapping(prefix = "fachplan.schema-migration")
public interface SchemaMigrationConfig {

    /**
     * Migrate the schema at start; {@code false} leaves it as it is (for a start that must not
     * touch the database, such as the outage test).
     */
    @WithDefault("true")
    boolean enabled();
}
