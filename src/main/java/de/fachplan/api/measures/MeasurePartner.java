package de.fachplan.api.measures;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import de.fachplan.api.organisations.Organisation;

/** A partner organisation of a measure and its role; part of the measure, not an entity of its own. */
@Embeddable
public class MeasurePartner {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organisation_id")
    public Organisation organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PartnerRole role;

    protected MeasurePartner() {
    }

    public MeasurePartner(Organisation organisation, PartnerRole role) {
        this.organisation = organisation;
        this.role = role;
    }
}
