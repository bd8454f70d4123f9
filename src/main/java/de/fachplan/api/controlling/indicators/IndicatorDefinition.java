package de.fachplan.api.controlling.indicators;

import java.util.List;
import java.util.UUID;

import de.fachplan.api.common.patch.Patch;

/**
 * What a new indicator or a change of one says, built by name ({@link #builder()}). {@code null}
 * members stay as they are; members that can be cleared are a {@link Patch}, never {@code null}.
 */
public final class IndicatorDefinition {

    private String code;
    private String nameDe;
    private String nameEn;
    private Patch<String> descriptionDe = Patch.absent();
    private Patch<String> descriptionEn = Patch.absent();
    private Unit unit;
    private Direction direction;
    private Frequency frequency;
    private String actionField;
    private String measure;
    private Patch<UUID> reportingOrganisation = Patch.absent();
    private Patch<IndicatorService.Baseline> baseline = Patch.absent();
    private List<IndicatorService.TargetInput> targets;
    private Boolean illustrative;

    private IndicatorDefinition() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public String code() {
        return code;
    }

    public String nameDe() {
        return nameDe;
    }

    public String nameEn() {
        return nameEn;
    }

    public Patch<String> descriptionDe() {
        return descriptionDe;
    }

    public Patch<String> descriptionEn() {
        return descriptionEn;
    }

    public Unit unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    public Frequency frequency() {
        return frequency;
    }

    public String actionField() {
        return actionField;
    }

    public String measure() {
        return measure;
    }

    public Patch<UUID> reportingOrganisation() {
        return reportingOrganisation;
    }

    public Patch<IndicatorService.Baseline> baseline() {
        return baseline;
    }

    public List<IndicatorService.TargetInput> targets() {
        return targets;
    }

    public Boolean illustrative() {
        return illustrative;
    }

    /** Sets members by name; what is never set stays as it is. */
    public static final class Builder {

        private final IndicatorDefinition definition = new IndicatorDefinition();

        private Builder() {
        }

        public Builder code(String code) {
            definition.code = code;
            return this;
        }

        public Builder nameDe(String nameDe) {
            definition.nameDe = nameDe;
            return this;
        }

        public Builder nameEn(String nameEn) {
            definition.nameEn = nameEn;
            return this;
        }

        public Builder descriptionDe(Patch<String> descriptionDe) {
            definition.descriptionDe = descriptionDe;
            return this;
        }

        public Builder descriptionEn(Patch<String> descriptionEn) {
            definition.descriptionEn = descriptionEn;
            return this;
        }

        public Builder unit(Unit unit) {
            definition.unit = unit;
            return this;
        }

        public Builder direction(Direction direction) {
            definition.direction = direction;
            return this;
        }

        public Builder frequency(Frequency frequency) {
            definition.frequency = frequency;
            return this;
        }

        public Builder actionField(String actionField) {
            definition.actionField = actionField;
            return this;
        }

        public Builder measure(String measure) {
            definition.measure = measure;
            return this;
        }

        public Builder reportingOrganisation(Patch<UUID> reportingOrganisation) {
            definition.reportingOrganisation = reportingOrganisation;
            return this;
        }

        public Builder baseline(Patch<IndicatorService.Baseline> baseline) {
            definition.baseline = baseline;
            return this;
        }

        public Builder targets(List<IndicatorService.TargetInput> targets) {
            definition.targets = targets;
            return this;
        }

        public Builder illustrative(Boolean illustrative) {
            definition.illustrative = illustrative;
            return this;
        }

        public IndicatorDefinition build() {
            return definition;
        }
    }
}
