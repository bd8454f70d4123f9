package de.fachplan.api.controlling.values;

/** Where a reported value stands in its approval; an approved value is locked. */
public enum ValueState {
    DRAFT, SUBMITTED, APPROVED, WITHDRAWN
}
