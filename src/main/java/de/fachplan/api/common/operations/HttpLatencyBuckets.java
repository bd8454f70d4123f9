package de.fachplan.api.common.operations;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency buckets for the HTTP server timer, so that Prometheus can compute percentiles per route
 * across all replicas ({@code histogram_quantile} over {@code http_server_requests_seconds_bucket}).
 * Fixed service-level boundaries instead of Micrometer's ~70 default buckets keep the series count
 * per route small.
 */
public class HttpLatencyBuckets {

    private static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter httpLatencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(seconds(0.025), seconds(0.05), seconds(0.1), seconds(0.25),
                                seconds(0.5), seconds(1), seconds(2.5), seconds(5))
                        .build().merge(config);
            }
        };
    }

    /** A timer's boundaries are given in nanoseconds; Prometheus shows them in seconds. */
    private static double seconds(double value) {
        return value * 1e9;
    }
}
