package de.fachplan.api.measures;

import java.util.Set;
import java.util.UUID;

/**
 * Fired inside the transaction of every write to a measure, for what announces changes to the
 * outside (webhooks). It carries only public members and who may see the measure.
 *
 * @param events the event types, e.g. {@code measure.updated} and {@code measure.status_changed}
 */
public record MeasureChanged(Set<String> events, UUID id, String code, String plan, String status, int progress,
        long version, boolean publiclyVisible, Set<UUID> organisations) {

    static MeasureChanged of(Set<String> events, Measure measure) {
        return new MeasureChanged(events, measure.id, measure.code, measure.plan.code, measure.status.name(),
                measure.progress, measure.version, measure.publiclyVisible, measure.organisations());
    }
}
