package de.fachplan.api.common.persistence;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import de.fachplan.api.common.time.Timestamps;

/**
 * An entity that records when it was created and last changed, and carries the version that is
 * its ETag and guards it against lost updates (optimistic locking). Its table has the columns
 * {@code created_at}, {@code updated_at} and {@code version}.
 */
@MappedSuperclass
public abstract class VersionedEntity extends PanacheEntityBase {

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
