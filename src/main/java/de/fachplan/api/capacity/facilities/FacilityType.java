package de.fachplan.api.capacity.facilities;

/** The kinds of municipal accommodation. */
public enum FacilityType {
    /** Gemeinschaftsunterkunft. */
    SHARED_ACCOMMODATION,
    /** Gewährleistungswohnung: a flat the city provides. */
    MUNICIPAL_FLAT,
    /** Notunterkunft. */
    EMERGENCY_SHELTER
}
