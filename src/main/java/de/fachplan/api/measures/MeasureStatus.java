package de.fachplan.api.measures;

import java.util.EnumSet;
import java.util.Set;

import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * The status of a measure, as IATI's activity status codes. The allowed transitions follow the
 * life of a measure: planned, running, wound up, closed; it may pause (suspended) or be given up
 * (cancelled) before it closes, and a winding-up may turn out premature. Closed and cancelled
 * are final: a measure that starts again is a new measure.
 */
public enum MeasureStatus {
    PIPELINE, IMPLEMENTATION, FINALISATION, CLOSED, CANCELLED, SUSPENDED;

    public Set<MeasureStatus> next() {
        return switch (this) {
            case PIPELINE -> EnumSet.of(IMPLEMENTATION, CANCELLED);
            case IMPLEMENTATION -> EnumSet.of(FINALISATION, SUSPENDED, CANCELLED);
            case SUSPENDED -> EnumSet.of(IMPLEMENTATION, CANCELLED);
            case FINALISATION -> EnumSet.of(CLOSED, IMPLEMENTATION);
            case CLOSED, CANCELLED -> EnumSet.noneOf(MeasureStatus.class);
        };
    }

    public boolean canChangeTo(MeasureStatus target) {
        return next().contains(target);
    }

    /** A 409 unless a measure in this status may change to {@code target}. */
    public void requireCanChangeTo(MeasureStatus target) {
        if (!canChangeTo(target)) {
            throw new ProblemException(ProblemType.ILLEGAL_STATUS_TRANSITION, "A measure in status " + this
                    + " cannot change to " + target + "; allowed: " + (next().isEmpty() ? "none (final)"
                            : next().toString()) + ".");
        }
    }
}
