package de.fachplan.api.common.embeddeddb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Supplies the datasource of the embedded PostgreSQL when none is configured.
 *
 * <p>It sits below {@code application.properties} and the environment, so any configured
 * {@code quarkus.datasource.jdbc.url} wins and nothing embedded starts. Quarkus also consults
 * config factories while building and testing the application; the database is only started at
 * runtime initialisation, never during a build. In the packaged service it is already asked at
 * static initialisation (hence {@code @StaticInitSafe}: it supplies nothing there) and starts the
 * database ahead on a thread of its own.
 */
@StaticInitSafe
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    static final String ENABLED = "fachplan.embedded-db.enabled";
    static final String DATA_DIR = "fachplan.embedded-db.data-dir";
    static final String EPHEMERAL = "fachplan.embedded-db.ephemeral";
    /** Whether the embedded database gets the illustrative demo data (Liquibase context {@code demo}). */
    static final String DEMO_DATA = "fachplan.demo-data";
    private static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.STATIC_INIT && LaunchMode.current() == LaunchMode.NORMAL
                && !ApplicationLifecycleManager.isAppCDSGeneration() && !isSet(context.getValue(JDBC_URL))
                && Boolean.parseBoolean(valueOr(context.getValue(ENABLED), "true"))) {
            // The packaged service reads the same configuration (environment, system properties, files)
            // at both stages; starting here lets PostgreSQL come up while the rest initialises.
            EmbeddedDatabase.startAhead(dataDir(context), ephemeral(context));
            return List.of();
        }
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        if (isSet(context.getValue(JDBC_URL))) {
            return List.of();
        }
        if (!Boolean.parseBoolean(valueOr(context.getValue(ENABLED), "true"))) {
            throw new IllegalStateException("No database is configured and the embedded fallback is switched off ("
                    + ENABLED + "=false). Set QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and "
                    + "QUARKUS_DATASOURCE_PASSWORD to point the service at PostgreSQL.");
        }
        EmbeddedDatabase database = EmbeddedDatabase.obtain(dataDir(context), ephemeral(context));

        Map<String, String> properties = new HashMap<>();
        properties.put(JDBC_URL, database.jdbcUrl());
        properties.put("quarkus.datasource.username", EmbeddedDatabase.USER);
        properties.put("quarkus.datasource.password", database.password());
        properties.put("fachplan.embedded-db.active", "true");
        properties.put("fachplan.embedded-db.location", database.location());
        if (Boolean.parseBoolean(valueOr(context.getValue(DEMO_DATA), "true"))) {
            properties.put("fachplan.demo-context", ",demo");
        }
        return List.of(new MapBackedConfigSource("embedded PostgreSQL fallback", properties, ORDINAL) {
        });
    }

    private static boolean ephemeral(ConfigSourceContext context) {
        return Boolean.parseBoolean(valueOr(context.getValue(EPHEMERAL), "false"));
    }

    private static String dataDir(ConfigSourceContext context) {
        return valueOr(context.getValue(DATA_DIR), System.getProperty("user.home") + "/.local/share/fachplan/postgres");
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String valueOr(ConfigValue value, String fallback) {
        return isSet(value) ? value.getValue().trim() : fallback;
    }
}
