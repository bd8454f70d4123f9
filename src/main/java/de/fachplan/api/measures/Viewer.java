package de.fachplan.api.measures;

import java.util.Set;
import java.util.UUID;

/**
 * Who looks at measures: city staff see everything; a partner organisation sees public measures
 * and, with their internal members, the measures it leads or takes part in; anonymous callers
 * see public measures.
 */
record Viewer(boolean staff, UUID organisationId) {

    static final Viewer STAFF = new Viewer(true, null);

    boolean sees(Measure measure) {
        return sees(measure.publiclyVisible, measure.organisations());
    }

    /** The same for a measure known by its visibility and its organisations. */
    boolean sees(boolean publiclyVisible, Set<UUID> organisations) {
        return staff || publiclyVisible || (organisationId != null && organisations.contains(organisationId));
    }

    boolean seesInternals(Measure measure) {
        return seesInternals(measure.organisations());
    }

    /** The same for a measure known by the organisations that lead it or take part in it. */
    boolean seesInternals(Set<UUID> organisations) {
        return staff || (organisationId != null && organisations.contains(organisationId));
    }
}
