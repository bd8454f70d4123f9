package de.fachplan.api.capacity.ledger;

import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fachplan.api.capacity.facilities.FacilityState;
import de.fachplan.api.common.batch.BatchRunner;
import de.fachplan.api.common.batch.MultiStatus;
import de.fachplan.api.common.batch.RequestItems;
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
    BatchRunner runner;

    public MultiStatus<CapacityRecordResultsDto> apply(CapacityRecordBatchDto batch, boolean dryRun, String key,
            String path) {
        return runner.run(key, OPERATION, List.of(dryRun, batch), dryRun, new Updates(batch.getItems(), dryRun, path));
    }

    /** The items of one request. */
    private final class Updates extends RequestItems<CapacityRecordUpdateDto, CapacityRecordResultDto, CapacityRecordResultsDto> {
        private final boolean dryRun;
        private final String path;

        Updates(List<CapacityRecordUpdateDto> items, boolean dryRun, String path) {
            super(items, CapacityRecordResultDto.class, CapacityRecordResultsDto.class);
            this.dryRun = dryRun;
            this.path = path;
        }

        @Override
        public CapacityRecordResultDto apply(int index) {
            return applyItem(items.get(index));
        }

        @Override
        public int status(CapacityRecordResultDto result) {
            return result.getStatus();
        }

        @Override
        public CapacityRecordResultDto failed(int index, ProblemException problem) {
            return CapacityRecordSync.this.failed(items.get(index), problem, path);
        }

        @Override
        public CapacityRecordResultsDto answer(List<CapacityRecordResultDto> results) {
            CapacityRecordResultsDto answer = new CapacityRecordResultsDto();
            answer.setDryRun(dryRun);
            answer.setItems(results);
            return answer;
        }
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
