package de.fachplan.api.measures;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

import de.fachplan.api.common.paging.ListFilter;

/** The filters of the measure list; {@code null} members do not filter. */
public record MeasureFilter(String plan, Classification classification, String q, OffsetDateTime modifiedSince,
        String sort) implements ListFilter {

    public MeasureFilter {
        Objects.requireNonNull(classification, "classification");
    }

    /**
     * Where a measure is filed: its action field (Handlungsfeld), status, a target group, a
     * guideline (Leitlinie), a district, and an organisation that leads it or is a partner in it.
     */
    public record Classification(String actionField, MeasureStatus status, String targetGroup, String guideline,
            String district, UUID organisation) {
    }
}
