package de.fachplan.api.catalogue;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A plan (Fachplan) of a municipality, for example Dresden's Fachplan Asyl und Integration 2022. */
@Entity
@Table(name = "plan")
public class Plan extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String municipality;

    @Column(name = "issuing_authority")
    public String issuingAuthority;

    /** The council submission (Vorlage), e.g. V2927/19. */
    @Column(name = "council_reference")
    public String councilReference;

    @Column(name = "adopted_on", nullable = false)
    public LocalDate adoptedOn;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    /** The forecast scenario a capacity chart uses when a caller names none. */
    @Column(name = "reference_scenario")
    public String referenceScenario;
}
