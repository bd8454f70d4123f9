package de.fachplan.api.sync.webhooks;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import de.fachplan.api.common.operations.DatabaseGauge;
import de.fachplan.api.common.operations.DatabaseGauges;

/** The outbox backlog: how many deliveries wait and how long the oldest has waited. */
@ApplicationScoped
public class WebhookGauges implements DatabaseGauges {

    @Override
    public List<DatabaseGauge> gauges() {
        // Both read the partial index on pending deliveries; delivered and failed rows are not touched.
        return List.of(
                new DatabaseGauge("fachplan.webhooks.outbox.pending",
                        "Webhook deliveries waiting in the outbox (pending, including retries)", null,
                        "SELECT count(*) FROM webhook_delivery WHERE state = 'PENDING'"),
                new DatabaseGauge("fachplan.webhooks.outbox.oldest.age",
                        "Age of the oldest pending webhook delivery (0 when none waits)", "seconds",
                        "SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                                + " FROM webhook_delivery WHERE state = 'PENDING'"));
    }
}
