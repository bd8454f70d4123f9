package de.fachplan.api.organisations;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import de.fachplan.api.common.persistence.VersionedEntity;

/** A city unit or partner organisation (Träger) that leads or takes part in measures. */
@Entity
@Table(name = "organisation")
public class Organisation extends VersionedEntity {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "short_name")
    public String shortName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrganisationType type;

    public String website;

    /** Made-up demo data, not a real organisation. */
    @Column(nullable = false)
    public boolean illustrative;
}
