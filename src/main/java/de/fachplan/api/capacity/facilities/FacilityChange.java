package de.fachplan.api.capacity.facilities;

import java.time.LocalDate;
import java.util.UUID;

import de.fachplan.api.common.patch.Patch;

/**
 * What a new facility or a change of one says, built by name ({@link #builder()}). {@code null}
 * members stay as they are; members that can be cleared are a {@link Patch}, never {@code null}.
 */
public final class FacilityChange {

    private String code;
    private String name;
    private FacilityType type;
    private String district;
    private UUID operator;
    private String streetAddress;
    private Patch<String> postalCode = Patch.absent();
    private Integer plannedPlaces;
    private FacilityState state;
    private Patch<LocalDate> openedOn = Patch.absent();
    private Patch<LocalDate> closedOn = Patch.absent();
    private Boolean illustrative;

    private FacilityChange() {
    }

    public static Builder builder() {
        return new Builder();
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public FacilityType type() {
        return type;
    }

    public String district() {
        return district;
    }

    public UUID operator() {
        return operator;
    }

    public String streetAddress() {
        return streetAddress;
    }

    public Patch<String> postalCode() {
        return postalCode;
    }

    public Integer plannedPlaces() {
        return plannedPlaces;
    }

    public FacilityState state() {
        return state;
    }

    public Patch<LocalDate> openedOn() {
        return openedOn;
    }

    public Patch<LocalDate> closedOn() {
        return closedOn;
    }

    public Boolean illustrative() {
        return illustrative;
    }

    /** Sets members by name; what is never set stays as it is. */
    public static final class Builder {

        private final FacilityChange built = new FacilityChange();

        private Builder() {
        }

        public Builder code(String code) {
            built.code = code;
            return this;
        }

        public Builder name(String name) {
            built.name = name;
            return this;
        }

        public Builder type(FacilityType type) {
            built.type = type;
            return this;
        }

        public Builder district(String district) {
            built.district = district;
            return this;
        }

        public Builder operator(UUID operator) {
            built.operator = operator;
            return this;
        }

        public Builder streetAddress(String streetAddress) {
            built.streetAddress = streetAddress;
            return this;
        }

        public Builder postalCode(Patch<String> postalCode) {
            built.postalCode = postalCode;
            return this;
        }

        public Builder plannedPlaces(Integer plannedPlaces) {
            built.plannedPlaces = plannedPlaces;
            return this;
        }

        public Builder state(FacilityState state) {
            built.state = state;
            return this;
        }

        public Builder openedOn(Patch<LocalDate> openedOn) {
            built.openedOn = openedOn;
            return this;
        }

        public Builder closedOn(Patch<LocalDate> closedOn) {
            built.closedOn = closedOn;
            return this;
        }

        public Builder illustrative(Boolean illustrative) {
            built.illustrative = illustrative;
            return this;
        }

        public FacilityChange build() {
            return built;
        }
    }
}
