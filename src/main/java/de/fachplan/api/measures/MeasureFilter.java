package de.fachplan.api.measures;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The filters of the measure list; {@code null} members do not filter. */
public record MeasureFilter(String plan, String actionField, MeasureStatus status, String targetGroup,
        String guideline, String district, UUID organisation, String q, OffsetDateTime modifiedSince, String sort) {
}
