package de.fachplan.api.capacity;

import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fachplan.api.common.batch.ItemBatch;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.Problems;
import de.fachplan.api.generated.model.CapacityRecordBatch;
import de.fachplan.api.generated.model.CapacityRecordResult;
import de.fachplan.api.generated.model.CapacityRecordResults;
import de.fachplan.api.generated.model.CapacityRecordUpdate;

/** Records many facility months in one request: each item on its own and atomically (not all-or-nothing). */
@ApplicationScoped
public class CapacityRecordSync {

    private static final String OPERATION = "applyCapacityRecordUpdates";

    @Inject
    CapacityLedger ledger;

    @Inject
    ItemBatch batches;

    /** The answer and whether it is the replay of an earlier one. */
    public record Outcome(CapacityRecordResults results, boolean replayed) {
    }

    public Outcome apply(CapacityRecordBatch batch, boolean dryRun, String key, String path) {
        List<CapacityRecordUpdate> items = batch.getItems();
        ItemBatch.Outcome<CapacityRecordResults> outcome = batches.run(key, OPERATION, List.of(dryRun, batch),
                items.size(), dryRun, CapacityRecordResult.class, CapacityRecordResults.class,
                index -> applyItem(items.get(index)), CapacityRecordResult::getStatus,
                (index, problem) -> failed(items.get(index).getReference(), problem, path),
                results -> {
                    CapacityRecordResults answer = new CapacityRecordResults();
                    answer.setDryRun(dryRun);
                    answer.setItems(results);
                    return answer;
                });
        return new Outcome(outcome.answer(), outcome.replayed());
    }

    private CapacityRecordResult applyItem(CapacityRecordUpdate item) {
        CapacityLedger.Written written = ledger.put(item.getFacility(), YearMonth.parse(item.getMonth()),
                new CapacityLedger.Figures(item.getPlacesAvailable(), item.getPlacesBlocked(), item.getPersonsHoused(),
                        item.getState() == null ? null : FacilityState.valueOf(item.getState().name()),
                        item.getOverrideReason()),
                item.getIfMatch(), false);
        CapacityRecordResult result = new CapacityRecordResult();
        result.setReference(item.getReference());
        result.setStatus(written.created() ? 201 : 200);
        result.setFacilityId(written.facility().id);
        result.setMonth(item.getMonth());
        result.setEtag(ETags.of(written.record().version));
        return result;
    }

    private static CapacityRecordResult failed(String reference, ProblemException problem, String path) {
        CapacityRecordResult result = new CapacityRecordResult();
        result.setReference(reference);
        result.setStatus(problem.type().status());
        result.setProblem(Problems.body(problem.type(), problem.getMessage(), path, problem.errors()));
        return result;
    }
}
