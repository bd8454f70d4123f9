package de.fachplan.api.common.operations;

/**
 * A number that operators watch and that only the database knows (a backlog, a store size), read
 * with one cheap query that returns a single numeric value. Features declare theirs through
 * {@link DatabaseGauges}; {@link OperationalMetrics} reads them all in one transaction, at most
 * once per refresh interval, and publishes them on {@code /q/metrics}.
 *
 * @param name        the Micrometer name, e.g. {@code fachplan.webhooks.outbox.pending}
 * @param description the help text shown to Prometheus
 * @param baseUnit    the unit Prometheus appends to the name ({@code seconds}), or {@code null}
 * @param sql         a read-only query returning one row with one numeric column (NULL counts as 0)
 */
public record DatabaseGauge(String name, String description, String baseUnit, String sql) {
}
