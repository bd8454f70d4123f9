package de.fachplan.api.measures;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import de.fachplan.api.common.patch.Patch;

/**
 * What a create or merge-patch of a measure asks to set, built by name ({@link #builder()}).
 * {@code null} members are absent (left as they are); members that can be cleared are a
 * {@link Patch}, never {@code null}.
 */
public final class MeasureChange {

    private String plan;
    private String actionField;
    private String code;
    private String title;
    private Patch<String> description = Patch.absent();
    private MeasureStatus status;
    private String statusReason;
    private Integer progress;
    private Patch<LocalDate> plannedStart = Patch.absent();
    private Patch<LocalDate> plannedEnd = Patch.absent();
    private Patch<UUID> leadOrganisationId = Patch.absent();
    private List<PartnerInput> partners;
    private List<String> guidelines;
    private List<String> targetGroups;
    private List<String> districts;
    private Boolean illustrative;
    private Boolean publiclyVisible;
    private Patch<String> statusNote = Patch.absent();
    private Patch<String> externalReference = Patch.absent();

    private MeasureChange() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether the change sets nothing but the partner's own reference. Every field is looked at,
     * so a member added to this class can never be mistaken for "nothing".
     */
    boolean onlyExternalReference() {
        if (externalReference.isAbsent()) {
            return false;
        }
        for (Field field : MeasureChange.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("externalReference")) {
                continue;
            }
            try {
                Object value = field.get(this);
                if (value != null && !(value instanceof Patch<?> patch && patch.isAbsent())) {
                    return false;
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }

    public String plan() {
        return plan;
    }

    public String actionField() {
        return actionField;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public Patch<String> description() {
        return description;
    }

    public MeasureStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public Integer progress() {
        return progress;
    }

    public Patch<LocalDate> plannedStart() {
        return plannedStart;
    }

    public Patch<LocalDate> plannedEnd() {
        return plannedEnd;
    }

    public Patch<UUID> leadOrganisationId() {
        return leadOrganisationId;
    }

    public List<PartnerInput> partners() {
        return partners;
    }

    public List<String> guidelines() {
        return guidelines;
    }

    public List<String> targetGroups() {
        return targetGroups;
    }

    public List<String> districts() {
        return districts;
    }

    public Boolean illustrative() {
        return illustrative;
    }

    public Boolean publiclyVisible() {
        return publiclyVisible;
    }

    public Patch<String> statusNote() {
        return statusNote;
    }

    public Patch<String> externalReference() {
        return externalReference;
    }

    public record PartnerInput(UUID organisationId, PartnerRole role) {
    }

    /** Sets members by name; what is never set stays absent. */
    public static final class Builder {

        private final MeasureChange change = new MeasureChange();

        private Builder() {
        }

        public Builder plan(String plan) {
            change.plan = plan;
            return this;
        }

        public Builder actionField(String actionField) {
            change.actionField = actionField;
            return this;
        }

        public Builder code(String code) {
            change.code = code;
            return this;
        }

        public Builder title(String title) {
            change.title = title;
            return this;
        }

        public Builder description(Patch<String> description) {
            change.description = description;
            return this;
        }

        public Builder status(MeasureStatus status) {
            change.status = status;
            return this;
        }

        public Builder statusReason(String statusReason) {
            change.statusReason = statusReason;
            return this;
        }

        public Builder progress(Integer progress) {
            change.progress = progress;
            return this;
        }

        public Builder plannedStart(Patch<LocalDate> plannedStart) {
            change.plannedStart = plannedStart;
            return this;
        }

        public Builder plannedEnd(Patch<LocalDate> plannedEnd) {
            change.plannedEnd = plannedEnd;
            return this;
        }

        public Builder leadOrganisationId(Patch<UUID> leadOrganisationId) {
            change.leadOrganisationId = leadOrganisationId;
            return this;
        }

        public Builder partners(List<PartnerInput> partners) {
            change.partners = partners;
            return this;
        }

        public Builder guidelines(List<String> guidelines) {
            change.guidelines = guidelines;
            return this;
        }

        public Builder targetGroups(List<String> targetGroups) {
            change.targetGroups = targetGroups;
            return this;
        }

        public Builder districts(List<String> districts) {
            change.districts = districts;
            return this;
        }

        public Builder illustrative(Boolean illustrative) {
            change.illustrative = illustrative;
            return this;
        }

        public Builder publiclyVisible(Boolean publiclyVisible) {
            change.publiclyVisible = publiclyVisible;
            return this;
        }

        public Builder statusNote(Patch<String> statusNote) {
            change.statusNote = statusNote;
            return this;
        }

        public Builder externalReference(Patch<String> externalReference) {
            change.externalReference = externalReference;
            return this;
        }

        public MeasureChange build() {
            return change;
        }
    }
}
