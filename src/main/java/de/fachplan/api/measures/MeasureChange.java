package de.fachplan.api.measures;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a create or merge-patch asks to set. {@code null} members are absent (left as they are);
 * for members that can be cleared, an empty {@link Optional} is an explicit {@code null}.
 * {@code members} names the members the request sent.
 */
public record MeasureChange(
        String plan,
        String actionField,
        String code,
        String title,
        Optional<String> description,
        MeasureStatus status,
        String statusReason,
        Integer progress,
        Optional<LocalDate> plannedStart,
        Optional<LocalDate> plannedEnd,
        Optional<UUID> leadOrganisationId,
        List<PartnerInput> partners,
        List<String> guidelines,
        List<String> targetGroups,
        List<String> districts,
        Boolean illustrative,
        Boolean publiclyVisible,
        Optional<String> statusNote,
        Optional<String> externalReference,
        Set<String> members) {

    /** What a partner organisation may change of the measures it takes part in. */
    static final Set<String> PARTNER_MEMBERS = Set.of("status", "statusReason", "progress", "statusNote",
            "externalReference");

    public record PartnerInput(UUID organisationId, PartnerRole role) {
    }
}
