package de.fachplan.api.common.operations;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The application's own metrics on {@code /q/metrics} ({@link OperationalMetrics}). */
@ConfigMapping(prefix = "fachplan.metrics")
public interface MetricsConfig {

    /** The gauges read from the database. */
    DatabaseGauges databaseGauges();

    interface DatabaseGauges {

        /**
         * How often they are read at most: a scrape within this interval of the last reading gets
         * that reading. Also set by {@code FACHPLAN_METRICS_REFRESH} (see application.properties).
         */
        @WithDefault("PT10S")
        Duration refresh();
    }
}
