package de.fachplan.api.capacity.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.common.time.Timestamps;

/**
 * One version of a forecast scenario (Prognose), such as "stable allocation". A version is never
 * changed: a new forecast is a new version, so earlier forecasts stay readable.
 */
@Entity
@Table(name = "forecast_scenario")
public class ForecastScenario extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "monthly_allocations", nullable = false)
    public BigDecimal monthlyAllocations;

    @Column(name = "departure_rate", nullable = false)
    public BigDecimal departureRate;

    @Column(name = "target_occupancy", nullable = false)
    public BigDecimal targetOccupancy;

    @Column(name = "reserve_share", nullable = false)
    public BigDecimal reserveShare;

    @Column(name = "issued_on", nullable = false)
    public LocalDate issuedOn;

    @Column(nullable = false)
    public boolean illustrative;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    public CapacityForecast.Parameters parameters() {
        return new CapacityForecast.Parameters(monthlyAllocations, departureRate, targetOccupancy, reserveShare);
    }

    @PrePersist
    void created() {
        createdAt = Timestamps.now();
    }
}
