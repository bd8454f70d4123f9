package de.fachplan.api.capacity.facilities;

/** Whether a facility houses people, is kept ready to, or is closed. */
public enum FacilityState {
    ACTIVE,
    /** Kept in reserve: not counted as capacity, but can be activated. */
    RESERVE,
    CLOSED
}
