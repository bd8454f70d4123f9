package de.fachplan.api.measures;

/** How an organisation takes part in a measure: carries it out, pays for it, or cooperates. */
public enum PartnerRole {
    IMPLEMENTING, FUNDING, COOPERATING
}
