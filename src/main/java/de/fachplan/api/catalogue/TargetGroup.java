package de.fachplan.api.catalogue;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import de.fachplan.api.common.persistence.VersionedEntity;

/** A target group (Zielgruppe) of the plan's measures; editors maintain the list. */
@Entity
@Table(name = "target_group")
public class TargetGroup extends VersionedEntity {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TargetGroupCategory category;

    @Column(name = "name_de", nullable = false)
    public String nameDe;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "description_de")
    public String descriptionDe;

    @Column(name = "description_en")
    public String descriptionEn;
}
