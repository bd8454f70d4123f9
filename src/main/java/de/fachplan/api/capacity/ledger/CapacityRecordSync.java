package de.fachplan.api.capacity.ledger;

import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fachplan.api.capacity.facilities.FacilityState;
import de.fachplan.api.common.batch.ItemBatch;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.problem.Problems;
import de.fachplan.api.generated.model.CapacityRecordBatchDto;
import de.fachplan.api.generated.model.CapacityRecordResultDto;
import de.fachplan.api.generated.model.CapacityRecordResultsDto;
import de.fachplan.api.generated.model.CapacityRecordUpdateDto;

/** Records many facility months in one request: each item on its own and atomically (not all-or-nothing). */
@ApplicationScoped
public class CapacityRecordSync {

    private static final String OPERATION = "applyCapacityRecordUpdates";

    @Inject
    CapacityLedger ledger;

    @Inject
    ItemBatch batches;

    /** The answer and whether it is the replay of an earlier one. */
    public record Outcome(CapacityRecordResultsDto results, boolean replayed) {
    }

    public Outcome apply(CapacityRecordBatchDto batch, boolean dryRun, String key, String path) {
        List<CapacityRecordUpdateDto> items = batch.getItems();
        ItemBatch.Outcome<CapacityRecordResultsDto> outcome = batches.run(key, OPERATION, List.of(dryRun, batch),
                items.size(), dryRun, CapacityRecordResultDto.class, CapacityRecordResultsDto.class,
                index -> applyItem(items.get(index)), CapacityRecordResultDto::getStatus,
                (index, problem) -> failed(items.get(index), problem, path),
                results -> {
                    CapacityRecordResultsDto answer = new CapacityRecordResultsDto();
                    answer.setDryRun(dryRun);
                    answer.setItems(results);
                    return answer;
                });
        return new Outcome(outcome.answer(), outcome.replayed());
    }

    private CapacityRecordResultDto applyItem(CapacityRecordUpdateDto item) {
        CapacityLedger.Written written = ledger.put(item.getFacility(), YearMonth.parse(item.getMonth()),
                new CapacityLedger.Figures(item.getPlacesAvailable(), item.getPlacesBlocked(), item.getPersonsHoused(),
                        item.getState() == null ? null : FacilityState.valueOf(item.getState().name()),
                        item.getOverrideReason()),
                item.getIfMatch(), false);
        CapacityRecordResultDto result = new CapacityRecordResultDto();
        result.setReference(item.getReference());
        result.setStatus(written.created() ? 201 : 200);
        result.setFacilityId(written.facility().id);
        result.setFacilityCode(written.facility().code);
        result.setMonth(item.getMonth());
        result.setEtag(ETags.of(written.record().version));
        return result;
    }

    /**
     * A failed item names the facility and month it was about where the caller may see the
     * facility, and on a 412 the month's current ETag; read after the item was rolled back.
     */
    private CapacityRecordResultDto failed(CapacityRecordUpdateDto item, ProblemException problem, String path) {
        CapacityRecordResultDto result = new CapacityRecordResultDto();
        result.setReference(item.getReference());
        result.setStatus(problem.type().status());
        result.setProblem(Problems.body(problem.type(), problem.getMessage(), path, problem.errors()));
        result.setMonth(item.getMonth());
        ledger.seen(item.getFacility(), YearMonth.parse(item.getMonth())).ifPresent(seen -> {
            result.setFacilityId(seen.facility().id);
            result.setFacilityCode(seen.facility().code);
            if (problem.type() == ProblemType.PRECONDITION_FAILED && seen.version() != null) {
                result.setCurrentEtag(ETags.of(seen.version()));
            }
        });
        return result;
    }
}
