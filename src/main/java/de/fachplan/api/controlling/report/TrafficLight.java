package de.fachplan.api.controlling.report;

/** The status of an indicator in a period, and of what rolls up from it; the worst first. */
public enum TrafficLight {
    OFF_TRACK, AT_RISK, ON_TRACK, WITHOUT_DATA
}
