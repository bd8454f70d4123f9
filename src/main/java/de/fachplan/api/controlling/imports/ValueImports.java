package de.fachplan.api.controlling.imports;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.common.security.RunAs;
import de.fachplan.api.common.time.Timestamps;
import de.fachplan.api.generated.model.IndicatorValueBatchResultDto;
import de.fachplan.api.generated.model.IndicatorValueImportDto;
import de.fachplan.api.generated.model.IndicatorValueImportStateDto;

/**
 * Import jobs of large CSV uploads: queued here with the upload and its caller, applied by
 * {@link ValueImportWorker}, read back by the caller that uploaded (anyone else is told there is
 * no such job, as for any resource outside a caller's scope).
 */
@ApplicationScoped
public class ValueImports {

    /** The job lists at most this many failed rows; {@code failedRows} counts all of them. */
    static final int LISTED_ERRORS = 1000;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    RunAs runAs;

    @Inject
    ObjectMapper json;

    @Inject
    ImportsConfig config;

    @Inject
    Event<Queued> queued;

    /** A job was queued in the current transaction; its commit starts this replica's worker ({@link ValueImportWorker}). */
    public record Queued() {
    }

    public boolean runsAsJob(ValueUpload upload) {
        return upload.items.size() > config.importJobThreshold();
    }

    /** Queues an upload that was read without a header error, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ValueImport queue(String planRef, String body, ValueUpload upload, boolean dryRun, boolean allOrNothing) {
        RunAs.Principal principal = runAs.current();
        requireRoomForAnother(principal.callerId());
        ValueImport job = new ValueImport();
        job.state = ValueImport.State.QUEUED;
        job.planRef = planRef;
        job.dryRun = dryRun;
        job.allOrNothing = allOrNothing;
        job.body = body;
        job.callerId = principal.callerId();
        job.callerName = principal.displayName();
        job.callerRoles = String.join(",", principal.roles().stream().sorted().toList());
        job.organisationId = principal.organisationId();
        job.requestId = principal.requestId();
        job.totalRows = upload.items.size();
        job.createdAt = Timestamps.now();
        job.persist();
        em.flush();
        queued.fire(new Queued());
        return job;
    }

    /** The lock makes two concurrent uploads of one caller count one after the other. */
    private void requireRoomForAnother(String callerId) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))) caller_lock")
                .setParameter("k", "value-imports:" + callerId).getSingleResult();
        long waiting = ValueImport.count("callerId = ?1 and state in ?2", callerId,
                List.of(ValueImport.State.QUEUED, ValueImport.State.RUNNING));
        if (waiting >= config.maxQueuedImportsPerCaller()) {
            throw ProblemException.tooManyRequests("You have " + waiting
                    + " import jobs queued or running, the most you may have; wait for one to end.", config.importQuotaRetryAfter());
        }
    }

    /** The caller's own job; another caller's is a 404. */
    @Transactional
    public ValueImport find(UUID id) {
        ValueImport job = ValueImport.findById(id);
        if (job == null || !job.callerId.equals(caller.id())) {
            throw ProblemException.notFound("No import job " + id + ".");
        }
        return job;
    }

    /** The job as the client sees it, with the first {@value #LISTED_ERRORS} failed rows. */
    @Transactional
    public IndicatorValueImportDto toDto(ValueImport job) {
        IndicatorValueImportDto dto = new IndicatorValueImportDto();
        dto.setId(job.id);
        dto.setState(IndicatorValueImportStateDto.fromValue(job.state.name()));
        dto.setDryRun(job.dryRun);
        dto.setAllOrNothing(job.allOrNothing);
        dto.setPlan(job.planRef);
        dto.setTotalRows(job.totalRows);
        dto.setProcessedRows(job.processedRows);
        dto.setAppliedRows(job.appliedRows);
        dto.setFailedRows(job.failedRows);
        dto.setCreatedAt(job.createdAt);
        dto.setStartedAt(job.startedAt);
        dto.setFinishedAt(job.finishedAt);
        dto.setDetail(job.detail);
        @SuppressWarnings("unchecked")
        List<String> errors = em.createNativeQuery("SELECT CAST(result AS text) FROM indicator_value_import_error"
                + " WHERE import_id = :id ORDER BY row_number LIMIT :limit")
                .setParameter("id", job.id).setParameter("limit", LISTED_ERRORS + 1).getResultList();
        dto.setErrors(errors.stream().limit(LISTED_ERRORS).map(this::read).toList());
        dto.setErrorsTruncated(errors.size() > LISTED_ERRORS);
        return dto;
    }

    private IndicatorValueBatchResultDto read(String result) {
        try {
            return json.readValue(result, IndicatorValueBatchResultDto.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored import error is unreadable", e);
        }
    }
}
