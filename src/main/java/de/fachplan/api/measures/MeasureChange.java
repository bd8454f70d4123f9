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

    /** A status update as the bulk sync sends it: status, its reason, progress and note. */
    public static MeasureChange statusUpdate(MeasureStatus status, String statusReason, Integer progress,
            String statusNote) {
        Set<String> members = new java.util.TreeSet<>();
        if (status != null) {
            members.add("status");
        }
        if (statusReason != null) {
            members.add("statusReason");
        }
        if (progress != null) {
            members.add("progress");
        }
        if (statusNote != null) {
            members.add("statusNote");
        }
        return new MeasureChange(null, null, null, null, null, status, statusReason, progress, null, null, null, null,
                null, null, null, null, null, statusNote == null ? null : Optional.of(statusNote), null, members);
    }

    /** What a partner organisation may change of the measures it takes part in. */
    /** The member a partner sets for itself alone. */
    static final String EXTERNAL_REFERENCE = "externalReference";

    static final Set<String> PARTNER_MEMBERS = Set.of("status", "statusReason", "progress", "statusNote",
            EXTERNAL_REFERENCE);

    public record PartnerInput(UUID organisationId, PartnerRole role) {
    }
}
