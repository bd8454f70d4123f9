package de.fachplan.api.catalogue;

/** The residence-status family of a target group; integration is temporary or permanent (L1). */
public enum TargetGroupCategory {
    ASYLUM_PROCEDURE, PROTECTION_GRANTED, TOLERATED_OR_OBLIGED_TO_LEAVE, PARTICULAR_NEEDS
}
