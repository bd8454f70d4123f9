package de.fachplan.api.measures;

/**
 * One item of a status batch: which measure (its id, its code within {@code plan}, or {@code ext:}
 * and the caller's own reference), the ETag it expects ({@code null} for any), and what changes
 * ({@code null} members stay as they are).
 */
public record StatusUpdate(String measure, String plan, String ifMatch, MeasureStatus status, String statusReason,
        Integer progress, String statusNote) {
}
