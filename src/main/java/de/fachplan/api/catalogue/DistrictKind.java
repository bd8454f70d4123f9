package de.fachplan.api.catalogue;

/** {@code CITY_DISTRICT} is a Stadtbezirk, {@code LOCALITY} an Ortschaft on the city's edge. */
public enum DistrictKind {
    CITY_DISTRICT, LOCALITY
}
