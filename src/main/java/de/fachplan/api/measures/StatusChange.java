package de.fachplan.api.measures;

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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import de.fachplan.api.common.security.Role;

/** One recorded status transition of a measure: from, to, when, who and why. */
@Entity
@Table(name = "measure_status_change")
public class StatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "measure_id")
    public Measure measure;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    public MeasureStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    public MeasureStatus toStatus;

    @Column(name = "changed_at", nullable = false)
    public OffsetDateTime changedAt;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    /** The role of whoever made the change: what anonymous callers see instead of the name. */
    @Enumerated(EnumType.STRING)
    @Column(name = "changed_by_role")
    public Role changedByRole;

    public String reason;
}
