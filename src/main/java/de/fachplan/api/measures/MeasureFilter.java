package de.fachplan.api.measures;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The filters of the measure list; {@code null} members do not filter. */
public record MeasureFilter(String plan, String actionField, MeasureStatus status, String targetGroup,
        String guideline, String district, UUID organisation, String q, OffsetDateTime modifiedSince, String sort) {

    /** Identifies the list a cursor belongs to. */
    String fingerprint() {
        return String.join("|", "measures", String.valueOf(plan), String.valueOf(actionField), String.valueOf(status),
                String.valueOf(targetGroup), String.valueOf(guideline), String.valueOf(district),
                String.valueOf(organisation), String.valueOf(q),
                modifiedSince == null ? "null" : modifiedSince.toInstant().toString(), String.valueOf(sort));
    }
}
