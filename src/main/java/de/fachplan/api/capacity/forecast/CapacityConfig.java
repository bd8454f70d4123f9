package de.fachplan.api.capacity.forecast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Public capacity figures ({@link CapacityChartService}). */
@ConfigMapping(prefix = "fachplan.capacity")
public interface CapacityConfig {

    /**
     * Public district figures below this count are withheld, so that a small group of people cannot
     * be recognised; see the capacity planning guide.
     */
    @WithDefault("5")
    int suppressionThreshold();
}
