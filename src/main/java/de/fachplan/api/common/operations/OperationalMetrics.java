package de.fachplan.api.common.operations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;

/**
 * Publishes every {@link DatabaseGauge} on {@code /q/metrics}. All of them are read together, in
 * one short transaction, when a scrape finds the last reading older than the refresh interval: a
 * scraper that asks every second, or several scrapers, cost one round of queries per interval and
 * replica. While the database is unreachable the gauges read NaN (no value) instead of failing
 * the scrape, and the failed attempt is cached as well so that scrapes do not queue on a dead pool.
 */
@ApplicationScoped
public class OperationalMetrics {

    private static final Logger LOG = Logger.getLogger(OperationalMetrics.class);

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry registry;

    @Inject
    @All
    List<DatabaseGauges> sources;

    @Inject
    MetricsConfig config;

    private List<DatabaseGauge> gauges = List.of();
    private volatile Map<String, Double> values = Map.of();
    private volatile long readAtNanos;
    private volatile boolean read;

    void register(@Observes StartupEvent event) {
        gauges = sources.stream().flatMap(source -> source.gauges().stream()).toList();
        for (DatabaseGauge gauge : gauges) {
            Gauge.builder(gauge.name(), this, metrics -> metrics.value(gauge.name()))
                    .description(gauge.description())
                    .baseUnit(gauge.baseUnit())
                    .strongReference(true)
                    .register(registry);
        }
    }

    double value(String name) {
        // A scrape on an event-loop thread must not block on JDBC; it sees the last reading.
        if (!Context.isOnEventLoopThread() && (!read || System.nanoTime() - readAtNanos > config.databaseGauges().refresh().toNanos())) {
            refreshOnce();
        }
        return values.getOrDefault(name, Double.NaN);
    }

    private synchronized void refreshOnce() {
        if (read && System.nanoTime() - readAtNanos <= config.databaseGauges().refresh().toNanos()) {
            return;
        }
        Map<String, Double> fresh = new HashMap<>();
        try {
            QuarkusTransaction.requiringNew().timeout(5).run(() -> {
                for (DatabaseGauge gauge : gauges) {
                    Object result = em.createNativeQuery(gauge.sql()).getSingleResult();
                    fresh.put(gauge.name(), result == null ? 0.0 : ((Number) result).doubleValue());
                }
            });
            values = Map.copyOf(fresh);
        } catch (RuntimeException e) {
            values = Map.of();
            LOG.debugf("Database gauges not read: %s", e.getClass().getSimpleName());
        }
        readAtNanos = System.nanoTime();
        read = true;
    }
}
