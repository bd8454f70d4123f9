package de.fachplan.api.common.operations;

import java.util.List;

/**
 * Implemented by a feature's {@code @ApplicationScoped} bean to publish its {@link DatabaseGauge}s.
 * This is the hook for any further gauge, e.g. the import jobs of the controlling unit
 * ({@code fachplan.imports.running}): one bean in that package, no change here.
 */
public interface DatabaseGauges {

    List<DatabaseGauge> gauges();
}
