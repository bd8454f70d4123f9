package de.fachplan.api.sync;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fachplan.api.common.batch.BatchRunner;
import de.fachplan.api.common.batch.MultiStatus;
import de.fachplan.api.common.batch.RequestItems;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.problem.Problems;
import de.fachplan.api.generated.model.MeasureStatusUpdateDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateBatchDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateResultDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateResultsDto;
import de.fachplan.api.measures.MeasureService;
import de.fachplan.api.measures.MeasureStatus;
import de.fachplan.api.measures.StatusUpdate;
import de.fachplan.api.measures.StatusUpdates;

/**
 * Applies a batch of status updates through {@link BatchRunner}: each item on its own and atomically,
 * replayable under an idempotency key; the rules and the set-based writes of a run are
 * {@link StatusUpdates}.
 */
@ApplicationScoped
public class StatusSync {

    private static final String OPERATION = "applyMeasureStatusUpdates";

    @Inject
    MeasureService measures;

    @Inject
    StatusUpdates updates;

    @Inject
    BatchRunner runner;

    public MultiStatus<MeasureStatusUpdateResultsDto> apply(MeasureStatusUpdateBatchDto batch, boolean dryRun, String key,
            String path) {
        return runner.run(key, OPERATION, List.of(dryRun, batch), dryRun, new Updates(batch.getItems(), dryRun, path));
    }

    /** The items of one request. */
    private final class Updates extends RequestItems<MeasureStatusUpdateDto, MeasureStatusUpdateResultDto, MeasureStatusUpdateResultsDto> {
        private final boolean dryRun;
        private final String path;

        Updates(List<MeasureStatusUpdateDto> items, boolean dryRun, String path) {
            super(items, MeasureStatusUpdateResultDto.class, MeasureStatusUpdateResultsDto.class);
            this.dryRun = dryRun;
            this.path = path;
        }

        /** The run being applied; a run that fails is begun again, so it never outlives its transaction. */
        private StatusUpdates.Run run;

        @Override
        public void prepare(int from, int to) {
            run = updates.begin(items.subList(from, to).stream().map(StatusSync::toDomain).toList());
        }

        @Override
        public MeasureStatusUpdateResultDto apply(int index) {
            MeasureStatusUpdateDto item = items.get(index);
            StatusUpdates.Applied applied = run.apply(toDomain(item));
            MeasureStatusUpdateResultDto result = new MeasureStatusUpdateResultDto();
            result.setReference(item.getReference());
            result.setStatus(200);
            result.setMeasureId(applied.id());
            result.setMeasureCode(applied.code());
            result.setEtag(ETags.of(applied.version()));
            return result;
        }

        @Override
        public void write(int from, int to) {
            run.write();
        }

        @Override
        public int status(MeasureStatusUpdateResultDto result) {
            return result.getStatus();
        }

        @Override
        public MeasureStatusUpdateResultDto failed(int index, ProblemException problem) {
            return StatusSync.this.failed(items.get(index), problem, path);
        }

        @Override
        public MeasureStatusUpdateResultsDto answer(List<MeasureStatusUpdateResultDto> results) {
            MeasureStatusUpdateResultsDto answer = new MeasureStatusUpdateResultsDto();
            answer.setDryRun(dryRun);
            answer.setItems(results);
            return answer;
        }
    }

    private static StatusUpdate toDomain(MeasureStatusUpdateDto item) {
        return new StatusUpdate(item.getMeasure(), item.getPlan(), item.getIfMatch(),
                item.getStatus() == null ? null : MeasureStatus.valueOf(item.getStatus().name()), item.getStatusReason(),
                item.getProgress(), item.getStatusNote());
    }

    /**
     * A failed item names the measure it was about where the caller may see it (a 412 with its
     * current ETag), so that a script can look at it or resend without a lookup of its own; an
     * unknown or hidden one stays unnamed. Read after the item's transaction was rolled back.
     */
    private MeasureStatusUpdateResultDto failed(MeasureStatusUpdateDto item, ProblemException problem, String path) {
        MeasureStatusUpdateResultDto result = new MeasureStatusUpdateResultDto();
        result.setReference(item.getReference());
        result.setStatus(problem.type().status());
        result.setProblem(Problems.body(problem.type(), problem.getMessage(), path, problem.errors()));
        measures.visible(item.getMeasure(), item.getPlan()).ifPresent(measure -> {
            result.setMeasureId(measure.getId());
            result.setMeasureCode(measure.getCode());
            if (problem.type() == ProblemType.PRECONDITION_FAILED) {
                result.setCurrentEtag(ETags.of(measure.getVersion()));
            }
        });
        return result;
    }
}
