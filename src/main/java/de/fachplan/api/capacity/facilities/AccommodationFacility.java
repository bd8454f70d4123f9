package de.fachplan.api.capacity.facilities;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import de.fachplan.api.catalogue.District;
import de.fachplan.api.common.persistence.VersionedEntity;

/**
 * An accommodation facility (Unterkunft). Its address and its own figures are sensitive: only staff
 * and the operating organisation may see them (shelters have been targets of attacks).
 */
@Entity
@Table(name = "accommodation_facility")
public class AccommodationFacility extends VersionedEntity {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FacilityType type;

    @ManyToOne(optional = false)
    @JoinColumn(name = "district_id")
    public District district;

    /** The organisation that runs it (Betreiber); its partner credentials see and report the facility. */
    @Column(name = "operator_organisation_id", nullable = false)
    public UUID operatorOrganisationId;

    @Column(name = "street_address", nullable = false)
    public String streetAddress;

    @Column(name = "postal_code")
    public String postalCode;

    @Column(name = "planned_places", nullable = false)
    public int plannedPlaces;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FacilityState state;

    @Column(name = "opened_on")
    public LocalDate openedOn;

    @Column(name = "closed_on")
    public LocalDate closedOn;

    @Column(nullable = false)
    public boolean illustrative;

    /**
     * Whether a facility is open during a month: from the month of its opening date through the
     * month of its closing date, the months the ledger accepts figures for. A closed facility without
     * a closing date counts as never open.
     */
    public static boolean openIn(LocalDate openedOn, LocalDate closedOn, FacilityState state, YearMonth month) {
        boolean opened = openedOn == null || !YearMonth.from(openedOn).isAfter(month);
        boolean notClosed = closedOn == null ? state != FacilityState.CLOSED : !YearMonth.from(closedOn).isBefore(month);
        return opened && notClosed;
    }
}
