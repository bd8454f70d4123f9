package de.fachplan.api.measures;

import java.util.Set;
import java.util.UUID;

import de.fachplan.api.common.history.WriteHistory;

/**
 * Fired inside the transaction of every write to a measure, for what announces changes to the
 * outside (webhooks). It carries only public members and who may see the measure.
 *
 * @param events the event types, e.g. {@code measure.updated} and {@code measure.status_changed}
 */
public record MeasureChanged(Set<String> events, UUID id, String code, String plan, State state, long version,
        WriteHistory.Audience audience) {

    /** Where the measure stands after the change. */
    public record State(MeasureStatus status, int progress) {
    }

    static MeasureChanged of(Set<String> events, Measure measure) {
        return new MeasureChanged(events, measure.id, measure.code, measure.plan.code,
                new State(measure.status, measure.progress), measure.version,
                new WriteHistory.Audience(measure.publiclyVisible, measure.organisations()));
    }
}
