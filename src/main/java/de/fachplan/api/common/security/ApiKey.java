package de.fachplan.api.common.security;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An API key for a script. Only the SHA-256 hash of the secret is stored; the keys are long
 * random strings, so a fast hash is enough and lookups stay one index probe.
 */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    @GeneratedValue
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;

    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(nullable = false)
    public String prefix;

    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;

    @Version
    public long version;

    public boolean isUsableAt(OffsetDateTime now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
