package de.fachplan.api.controlling.values;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import de.fachplan.api.catalogue.District;
import de.fachplan.api.controlling.indicators.Indicator;

/**
 * The reported value (Ist-Wert) of an indicator for a period and optionally a district, in its
 * current revision. Earlier revisions are kept in {@code indicator_value_revision}.
 */
@Entity
@Table(name = "indicator_value")
public class IndicatorValue extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "indicator_id")
    public Indicator indicator;

    @Column(nullable = false)
    public String period;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    /** The district (disaggregation); none for the city-wide value. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "district_id")
    public District district;

    public BigDecimal value;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ValueState state;

    @Column(nullable = false)
    public int revision = 1;

    @Column(name = "revision_reason")
    public String revisionReason;

    public String note;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "approved_at")
    public OffsetDateTime approvedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;
}
