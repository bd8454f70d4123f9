package de.fachplan.api.catalogue;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A guideline (Leitlinie) of a plan, L1 to L3 in Dresden's. */
@Entity
@Table(name = "guideline")
public class Guideline extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "plan_id")
    public Plan plan;

    @Column(nullable = false)
    public String code;

    @Column(name = "title_de", nullable = false)
    public String titleDe;

    @Column(name = "title_en")
    public String titleEn;

    @Column(nullable = false)
    public int position;
}
