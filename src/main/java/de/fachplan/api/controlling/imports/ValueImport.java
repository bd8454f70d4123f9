package de.fachplan.api.controlling.imports;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An import job (Importauftrag): a CSV upload of values too large to answer at once, applied by
 * {@link ValueImportWorker} on any replica. Created and read as an entity; its progress is
 * written by the worker's guarded updates (see the worker), which also count {@code version}.
 */
@Entity
@Table(name = "indicator_value_import")
public class ValueImport extends PanacheEntityBase {

    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED
    }

    @Id
    @GeneratedValue
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(name = "plan_ref")
    public String planRef;

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    @Column(name = "all_or_nothing", nullable = false)
    public boolean allOrNothing;

    /** The upload as received; dropped when the job ends. */
    public String body;

    @Column(name = "caller_id", nullable = false)
    public String callerId;

    @Column(name = "caller_name", nullable = false)
    public String callerName;

    /** The caller's roles, comma separated. */
    @Column(name = "caller_roles", nullable = false)
    public String callerRoles;

    @Column(name = "organisation_id")
    public UUID organisationId;

    @Column(name = "request_id")
    public String requestId;

    @Column(name = "total_rows", nullable = false)
    public int totalRows;

    @Column(name = "processed_rows", nullable = false)
    public int processedRows;

    @Column(name = "applied_rows", nullable = false)
    public int appliedRows;

    @Column(name = "failed_rows", nullable = false)
    public int failedRows;

    public String detail;

    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;

    @Column(name = "lease_token")
    public UUID leaseToken;

    /** The replica that claimed the job last ({@code host:pid}). */
    public String worker;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Column(nullable = false)
    public long version = 1;
}
