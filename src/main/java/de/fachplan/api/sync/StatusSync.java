package de.fachplan.api.sync;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.idempotency.BatchItems;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.Problems;
import de.fachplan.api.common.security.Caller;
import de.fachplan.api.generated.model.MeasureStatusUpdate;
import de.fachplan.api.generated.model.MeasureStatusUpdateBatch;
import de.fachplan.api.generated.model.MeasureStatusUpdateResult;
import de.fachplan.api.generated.model.MeasureStatusUpdateResults;
import de.fachplan.api.measures.Measure;
import de.fachplan.api.measures.MeasureChange;
import de.fachplan.api.measures.MeasureService;
import de.fachplan.api.measures.MeasureStatus;

/**
 * Applies a batch of status updates, each item in a transaction of its own: a bad item never
 * stops a good one, and an interrupted batch leaves every item applied or not at all. Under an
 * idempotency key, each applied item stores its result in its own transaction, so a retry after
 * an interruption reports those items as they were applied instead of applying them again.
 */
@ApplicationScoped
public class StatusSync {

    private static final String OPERATION = "applyMeasureStatusUpdates";

    @Inject
    MeasureService measures;

    @Inject
    Idempotency idempotency;

    @Inject
    BatchItems items;

    @Inject
    Caller caller;

    /** The answer and whether it is the replay of an earlier one. */
    public record Outcome(MeasureStatusUpdateResults results, boolean replayed) {
    }

    public Outcome apply(MeasureStatusUpdateBatch batch, boolean dryRun, String key, String path) {
        Object request = List.of(dryRun, batch);
        String run = null;
        if (key != null) {
            Idempotency.BatchStart<MeasureStatusUpdateResults> start = idempotency.beginBatch(key, OPERATION, request,
                    MeasureStatusUpdateResults.class);
            if (start.replay() != null) {
                return new Outcome(start.replay(), true);
            }
            run = dryRun ? null : start.run();
        }
        List<MeasureStatusUpdateResult> results = new ArrayList<>(batch.getItems().size());
        for (int index = 0; index < batch.getItems().size(); index++) {
            results.add(applyItem(batch.getItems().get(index), index, dryRun, key, run, path));
        }
        MeasureStatusUpdateResults answer = new MeasureStatusUpdateResults();
        answer.setDryRun(dryRun);
        answer.setItems(results);
        if (key != null) {
            idempotency.completeBatch(key, 207, answer);
        }
        return new Outcome(answer, false);
    }

    private MeasureStatusUpdateResult applyItem(MeasureStatusUpdate item, int index, boolean dryRun, String key,
            String run, String path) {
        try {
            return items.apply(key, run, index, dryRun, MeasureStatusUpdateResult.class, MeasureStatusUpdateResult::getStatus,
                    () -> {
                        Measure measure = measures.update(item.getMeasure(), item.getPlan(),
                                item.getIfMatch() == null ? "*" : item.getIfMatch(),
                                MeasureChange.statusUpdate(
                                        item.getStatus() == null ? null : MeasureStatus.valueOf(item.getStatus().name()),
                                        item.getStatusReason(), item.getProgress(), item.getStatusNote()),
                                caller.displayName());
                        MeasureStatusUpdateResult result = new MeasureStatusUpdateResult();
                        result.setReference(item.getReference());
                        result.setStatus(200);
                        result.setMeasureId(measure.id);
                        result.setEtag(ETags.of(measure.version));
                        return result;
                    });
        } catch (RuntimeException e) {
            return failed(item.getReference(), BatchItems.problem(e, "item " + item.getReference()), path);
        }
    }

    private static MeasureStatusUpdateResult failed(String reference, ProblemException problem, String path) {
        MeasureStatusUpdateResult result = new MeasureStatusUpdateResult();
        result.setReference(reference);
        result.setStatus(problem.type().status());
        result.setProblem(Problems.body(problem.type(), problem.getMessage(), path, problem.errors()));
        return result;
    }
}
