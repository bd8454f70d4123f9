package de.fachplan.api.measures;

import org.hibernate.annotations.OptimisticLock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import de.fachplan.api.catalogue.ActionField;
import de.fachplan.api.catalogue.District;
import de.fachplan.api.catalogue.Guideline;
import de.fachplan.api.catalogue.Plan;
import de.fachplan.api.catalogue.TargetGroup;
import de.fachplan.api.organisations.Organisation;

/**
 * A measure (Maßnahme, "Vorhaben und Aktivitäten") of a plan, identified within the plan by its
 * action field's letter and a number ({@code W3}).
 */
@Entity
@Table(name = "measure")
public class Measure extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "action_field_id")
    public ActionField actionField;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false)
    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MeasureStatus status;

    @Column(nullable = false)
    public int progress;

    @Column(name = "planned_start")
    public LocalDate plannedStart;

    @Column(name = "planned_end")
    public LocalDate plannedEnd;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "lead_organisation_id")
    public Organisation leadOrganisation;

    /** Made-up demo data, not taken from an adopted plan. */
    @Column(nullable = false)
    public boolean illustrative;

    /** Anonymous callers and other organisations see only public measures. */
    @Column(name = "public", nullable = false)
    public boolean publiclyVisible = true;

    /** Internal note on the status, for staff and the measure's organisations. */
    @Column(name = "status_note")
    public String statusNote;

    /** Each partner organisation's own key for this measure, by organisation id. */
    /**
     * Each partner organisation's own reference. Not part of the public representation, so a
     * change of it leaves the version (the ETag every other reader holds) as it is.
     */
    @OptimisticLock(excluded = true)
    @ElementCollection
    @CollectionTable(name = "measure_external_reference", joinColumns = @JoinColumn(name = "measure_id"))
    @MapKeyColumn(name = "organisation_id")
    @Column(name = "reference")
    public Map<UUID, String> externalReferences = new HashMap<>();

    @ManyToMany
    @JoinTable(name = "measure_guideline", joinColumns = @JoinColumn(name = "measure_id"),
            inverseJoinColumns = @JoinColumn(name = "guideline_id"))
    public Set<Guideline> guidelines = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "measure_target_group", joinColumns = @JoinColumn(name = "measure_id"),
            inverseJoinColumns = @JoinColumn(name = "target_group_id"))
    public Set<TargetGroup> targetGroups = new HashSet<>();

    @ManyToMany
    @JoinTable(name = "measure_district", joinColumns = @JoinColumn(name = "measure_id"),
            inverseJoinColumns = @JoinColumn(name = "district_id"))
    public Set<District> districts = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "measure_partner", joinColumns = @JoinColumn(name = "measure_id"))
    public List<MeasurePartner> partners = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    /** The organisations that lead the measure or take part in it. */
    public Set<UUID> organisations() {
        Set<UUID> organisations = new HashSet<>();
        if (leadOrganisation != null) {
            organisations.add(leadOrganisation.id);
        }
        partners.forEach(p -> organisations.add(p.organisation.id));
        return organisations;
    }

    /** Whether the organisation leads the measure or takes part in it. */
    public boolean involves(UUID organisationId) {
        return organisationId != null && organisations().contains(organisationId);
    }

    /**
     * Moves the measure to another status if the transition is allowed and returns the record of
     * it; setting the current status again is no transition and records nothing.
     */
    public StatusChange changeStatus(MeasureStatus target, String reason, String changedBy, OffsetDateTime at) {
        if (target == status) {
            return null;
        }
        status.requireCanChangeTo(target);
        StatusChange change = record(status, target, reason, changedBy, at);
        status = target;
        return change;
    }

    StatusChange record(MeasureStatus from, MeasureStatus to, String reason, String changedBy, OffsetDateTime at) {
        StatusChange change = new StatusChange();
        change.measure = this;
        change.fromStatus = from;
        change.toStatus = to;
        change.reason = reason;
        change.changedBy = changedBy;
        change.changedAt = at;
        return change;
    }
}
