package de.fachplan.api.catalogue;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import de.fachplan.api.common.time.Timestamps;

/** A target group (Zielgruppe) of the plan's measures; editors maintain the list. */
@Entity
@Table(name = "target_group")
public class TargetGroup extends PanacheEntityBase {

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

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    @PrePersist
    void created() {
        createdAt = Timestamps.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = Timestamps.now();
    }
}
