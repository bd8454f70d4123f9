package de.fachplan.api.controlling.imports;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import de.fachplan.api.common.operations.DatabaseGauge;
import de.fachplan.api.common.operations.DatabaseGauges;

/** Import jobs in flight: how many run now and how many wait for a worker. */
@ApplicationScoped
public class ImportGauges implements DatabaseGauges {

    @Override
    public List<DatabaseGauge> gauges() {
        // Both read the partial index on unfinished jobs; ended jobs are not touched.
        return List.of(
                new DatabaseGauge("fachplan.imports.running",
                        "Import jobs of indicator values being applied (including ones whose replica died and"
                                + " that wait for their lease to end)", null,
                        "SELECT count(*) FROM indicator_value_import WHERE state = 'RUNNING'"),
                new DatabaseGauge("fachplan.imports.queued", "Import jobs of indicator values waiting for a worker",
                        null, "SELECT count(*) FROM indicator_value_import WHERE state = 'QUEUED'"));
    }
}
