package de.fachplan.api.common.idempotency;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import de.fachplan.api.common.operations.DatabaseGauge;
import de.fachplan.api.common.operations.DatabaseGauges;

/** The size of the idempotency store; it should level off at about a retention's worth of writes. */
@ApplicationScoped
public class IdempotencyGauges implements DatabaseGauges {

    @Override
    public List<DatabaseGauge> gauges() {
        return List.of(new DatabaseGauge("fachplan.idempotency.records",
                "Stored Idempotency-Key answers, expired ones not yet removed included", null,
                "SELECT count(*) FROM idempotency_record"));
    }
}
