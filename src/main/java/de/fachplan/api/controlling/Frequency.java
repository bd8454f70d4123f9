package de.fachplan.api.controlling;

/** How often an indicator's values are reported (Berichtsturnus), and so the form of its periods. */
public enum Frequency {
    MONTHLY, QUARTERLY, YEARLY
}
