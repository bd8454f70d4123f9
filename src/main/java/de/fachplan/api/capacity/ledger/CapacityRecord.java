package de.fachplan.api.capacity.ledger;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import de.fachplan.api.capacity.facilities.FacilityState;
import de.fachplan.api.common.persistence.VersionedEntity;

/** One month of a facility's capacity ledger (Belegungsmeldung). */
@Entity
@Table(name = "capacity_record")
@IdClass(CapacityRecord.Key.class)
public class CapacityRecord extends VersionedEntity {

    /** The primary key: facility and month. */
    public static class Key implements Serializable {
        public UUID facilityId;
        public LocalDate month;

        public Key() {
        }

        public Key(UUID facilityId, LocalDate month) {
            this.facilityId = facilityId;
            this.month = month;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(facilityId, key.facilityId) && Objects.equals(month, key.month);
        }

        @Override
        public int hashCode() {
            return Objects.hash(facilityId, month);
        }
    }

    @Id
    @Column(name = "facility_id")
    public UUID facilityId;

    /** The first day of the month. */
    @Id
    public LocalDate month;

    /** The facility's state in that month: ACTIVE or RESERVE. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FacilityState state;

    @Column(name = "places_available", nullable = false)
    public int placesAvailable;

    /** Places that cannot be used: renovation, quarantine, room sizes that do not fit a household. */
    @Column(name = "places_blocked", nullable = false)
    public int placesBlocked;

    @Column(name = "persons_housed", nullable = false)
    public int personsHoused;

    /** Why figures that break a plausibility rule are right nonetheless. */
    @Column(name = "override_reason")
    public String overrideReason;
}
