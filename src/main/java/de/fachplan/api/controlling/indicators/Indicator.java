package de.fachplan.api.controlling.indicators;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import de.fachplan.api.catalogue.ActionField;
import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.controlling.report.Attainment;
import de.fachplan.api.measures.Measure;
import de.fachplan.api.organisations.Organisation;

/**
 * An indicator (Kennzahl) of a plan: what is counted, in which unit, how often, which way is
 * better, from which baseline to which targets, and who reports it.
 */
@Entity
@Table(name = "indicator")
public class Indicator extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @Column(nullable = false)
    public String code;

    @Column(name = "name_de", nullable = false)
    public String nameDe;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "description_de")
    public String descriptionDe;

    @Column(name = "description_en")
    public String descriptionEn;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Unit unit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Direction direction;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Frequency frequency;

    /** The action field; for an indicator of a measure, the measure's field. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "action_field_id")
    public ActionField actionField;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "measure_id")
    public Measure measure;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "reporting_organisation_id")
    public Organisation reportingOrganisation;

    @Column(name = "baseline_period")
    public String baselinePeriod;

    @Column(name = "baseline_value")
    public BigDecimal baselineValue;

    @ElementCollection
    @CollectionTable(name = "indicator_target", joinColumns = @JoinColumn(name = "indicator_id"))
    @OrderBy("period")
    public List<Target> targets = new ArrayList<>();

    @Column(nullable = false)
    public boolean illustrative;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** The target of one period. Periods of one frequency sort by their text. */
    @Embeddable
    public static class Target {
        @Column(nullable = false)
        public String period;

        public BigDecimal value;

        @Column(name = "min_value")
        public BigDecimal min;

        @Column(name = "max_value")
        public BigDecimal max;

        public Attainment.Target asTarget() {
            return new Attainment.Target(value, min, max);
        }
    }

    public Attainment.Target targetOf(String period) {
        return targets.stream().filter(t -> t.period.equals(period)).findFirst().map(Target::asTarget).orElse(null);
    }
}
