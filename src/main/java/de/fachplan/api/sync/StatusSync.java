package de.fachplan.api.sync;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fachplan.api.common.batch.ItemBatch;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.Problems;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.generated.model.MeasureStatusUpdateDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateBatchDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateResultDto;
import de.fachplan.api.generated.model.MeasureStatusUpdateResultsDto;
import de.fachplan.api.measures.Measure;
import de.fachplan.api.measures.MeasureChange;
import de.fachplan.api.measures.MeasureService;
import de.fachplan.api.measures.MeasureStatus;

/**
 * Applies a batch of status updates through {@link ItemBatch}: each item on its own and atomically,
 * replayable under an idempotency key.
 */
@ApplicationScoped
public class StatusSync {

    private static final String OPERATION = "applyMeasureStatusUpdates";

    @Inject
    MeasureService measures;

    @Inject
    ItemBatch batches;

    @Inject
    Caller caller;

    /** The answer and whether it is the replay of an earlier one. */
    public record Outcome(MeasureStatusUpdateResultsDto results, boolean replayed) {
    }

    public Outcome apply(MeasureStatusUpdateBatchDto batch, boolean dryRun, String key, String path) {
        List<MeasureStatusUpdateDto> items = batch.getItems();
        ItemBatch.Outcome<MeasureStatusUpdateResultsDto> outcome = batches.run(key, OPERATION, List.of(dryRun, batch),
                items.size(), dryRun, MeasureStatusUpdateResultDto.class, MeasureStatusUpdateResultsDto.class,
                index -> applyItem(items.get(index)), MeasureStatusUpdateResultDto::getStatus,
                (index, problem) -> failed(items.get(index).getReference(), problem, path),
                results -> {
                    MeasureStatusUpdateResultsDto answer = new MeasureStatusUpdateResultsDto();
                    answer.setDryRun(dryRun);
                    answer.setItems(results);
                    return answer;
                });
        return new Outcome(outcome.answer(), outcome.replayed());
    }

    private MeasureStatusUpdateResultDto applyItem(MeasureStatusUpdateDto item) {
        Measure measure = measures.update(item.getMeasure(), item.getPlan(),
                item.getIfMatch() == null ? "*" : item.getIfMatch(),
                MeasureChange.statusUpdate(
                        item.getStatus() == null ? null : MeasureStatus.valueOf(item.getStatus().name()),
                        item.getStatusReason(), item.getProgress(), item.getStatusNote()),
                caller.displayName());
        MeasureStatusUpdateResultDto result = new MeasureStatusUpdateResultDto();
        result.setReference(item.getReference());
        result.setStatus(200);
        result.setMeasureId(measure.id);
        result.setEtag(ETags.of(measure.version));
        return result;
    }

    private static MeasureStatusUpdateResultDto failed(String reference, ProblemException problem, String path) {
        MeasureStatusUpdateResultDto result = new MeasureStatusUpdateResultDto();
        result.setReference(reference);
        result.setStatus(problem.type().status());
        result.setProblem(Problems.body(problem.type(), problem.getMessage(), path, problem.errors()));
        return result;
    }
}
