package de.fachplan.api.measures;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a create or merge-patch asks to set. {@code null} members are absent (left as they are);
 * for members that can be cleared, an empty {@link Optional} is an explicit {@code null}.
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
        Optional<String> externalReference) {

    /** A status update as the bulk sync sends it: status, its reason, progress and note. */
    public static MeasureChange statusUpdate(MeasureStatus status, String statusReason, Integer progress,
            String statusNote) {
        return new MeasureChange(null, null, null, null, null, status, statusReason, progress, null, null, null, null,
                null, null, null, null, null, statusNote == null ? null : Optional.of(statusNote), null);
    }

    /**
     * Whether the change sets nothing but the partner's own reference. Every component is looked
     * at, so a member added to this record can never be mistaken for "nothing".
     */
    boolean onlyExternalReference() {
        if (externalReference == null) {
            return false;
        }
        for (java.lang.reflect.RecordComponent component : MeasureChange.class.getRecordComponents()) {
            if (component.getName().equals("externalReference")) {
                continue;
            }
            try {
                if (component.getAccessor().invoke(this) != null) {
                    return false;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    public record PartnerInput(UUID organisationId, PartnerRole role) {
    }
}
