package de.fachplan.api.capacity.figures;

import java.time.LocalDate;
import java.util.Optional;
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

import de.fachplan.api.capacity.facilities.FacilityType;
import de.fachplan.api.catalogue.District;
import de.fachplan.api.common.persistence.VersionedEntity;
import de.fachplan.api.common.time.Period;

/**
 * A figure for a whole city, or one of its districts or facility types, where no facility detail
 * exists: allocations by the Land (Zuweisungen), departures from municipal accommodation, persons
 * housed and places at the end of the period.
 */
@Entity
@Table(name = "citywide_figure")
public class CitywideFigure extends VersionedEntity {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String municipality;

    /** As written in the API: {@code 2018}, {@code 2016-H1}, {@code 2019-Q1}, {@code 2019-03}. */
    @Column(nullable = false)
    public String period;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Period.Granularity granularity;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    /** The first day of the period's last month. */
    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @ManyToOne
    @JoinColumn(name = "district_id")
    public District district;

    @Enumerated(EnumType.STRING)
    @Column(name = "facility_type")
    public FacilityType facilityType;

    public Integer allocations;

    public Integer departures;

    @Column(name = "persons_housed")
    public Integer personsHoused;

    public Integer places;

    public String source;

    /** Published by the city: readable by everyone and shown per district as it is. */
    public boolean published;

    /** Empty for a row that no longer reads as a period (written around the service, or by an older version). */
    public Optional<Period> reportingPeriod() {
        return Period.parse(period);
    }
}
