package de.fachplan.api.common.paging;

/**
 * The filters of one list operation, as one record (its components may be records of their own).
 * A cursor is only valid with the filters it was issued for: {@link PageRequest#of(Integer, String, ListFilter)}
 * fingerprints every component, so a filter added to the record is part of the check without
 * anyone having to remember it, and {@code FilterFingerprintTest} walks every implementation.
 */
public interface ListFilter {
}
