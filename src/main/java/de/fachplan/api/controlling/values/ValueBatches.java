package de.fachplan.api.controlling.values;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.batch.BatchRunner;
import de.fachplan.api.common.batch.MultiStatus;
import de.fachplan.api.common.batch.RequestItems;
import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.problem.Problems;
import de.fachplan.api.generated.model.IndicatorValueBatchResultDto;
import de.fachplan.api.generated.model.IndicatorValueBatchResultsDto;

/**
 * Reports many values at once (JSON items or CSV rows). By default each item is applied on its
 * own ({@link BatchRunner}). All or nothing: every item is first checked in a transaction that is
 * rolled back, and only if all pass are they written together in one transaction.
 */
@ApplicationScoped
public class ValueBatches {

    @Inject
    IndicatorValueService values;

    @Inject
    Idempotency idempotency;

    @Inject
    BatchRunner runner;

    /** One item: the client's reference, the CSV row (or {@code null}), and the value. */
    public record Item(String reference, Integer row, IndicatorValueService.NewValue value) {
    }

    /** An item that was refused before it could be applied, with the reason (an unreadable CSV field). */
    public record Refused(ProblemException problem) {
    }

    public MultiStatus<IndicatorValueBatchResultsDto> apply(String operation, String planRef, List<Item> items,
            List<Refused> refused, boolean dryRun, boolean allOrNothing, String key, String path) {
        String run = null;
        if (key != null) {
            Object request = List.of(operation, String.valueOf(planRef), dryRun, allOrNothing, items);
            Idempotency.BatchStart<IndicatorValueBatchResultsDto> start = idempotency.beginBatch(key, operation, request,
                    IndicatorValueBatchResultsDto.class);
            if (start.replay() != null) {
                return new MultiStatus<>(start.replay(), true);
            }
            run = dryRun || allOrNothing ? null : start.run();
        }
        Values batch = new Values(values, planRef, items, refused, path, dryRun, allOrNothing);
        List<IndicatorValueBatchResultDto> results = runner.applyAll(key, run, 0, items.size(), dryRun || allOrNothing,
                batch);
        if (allOrNothing && !dryRun) {
            results = writeAll(planRef, items, results, path);
        }
        IndicatorValueBatchResultsDto answer = batch.answer(results);
        if (key != null) {
            idempotency.completeBatch(key, 207, answer);
        }
        return new MultiStatus<>(answer, false);
    }

    /**
     * Values reported one item each, as {@link BatchRunner} applies them: an item refused as read
     * fails with its reason, any other is reported through {@link IndicatorValueService#report}.
     */
    public static class Values extends RequestItems<Item, IndicatorValueBatchResultDto, IndicatorValueBatchResultsDto> {
        private final IndicatorValueService values;
        private final String planRef;
        private final List<Refused> refused;
        private final String path;
        private final boolean dryRun;
        private final boolean allOrNothing;

        public Values(IndicatorValueService values, String planRef, List<Item> items, List<Refused> refused, String path,
                boolean dryRun, boolean allOrNothing) {
            super(items, IndicatorValueBatchResultDto.class, IndicatorValueBatchResultsDto.class);
            this.values = values;
            this.planRef = planRef;
            this.refused = refused;
            this.path = path;
            this.dryRun = dryRun;
            this.allOrNothing = allOrNothing;
        }

        @Override
        public void prepare(int from, int to) {
            values.load(items.subList(from, to).stream().map(Item::value).toList());
        }

        @Override
        public IndicatorValueBatchResultDto apply(int index) {
            if (refused.get(index) != null) {
                throw refused.get(index).problem();
            }
            return succeeded(items.get(index), values.report(planRef, items.get(index).value(), true));
        }

        @Override
        public int status(IndicatorValueBatchResultDto result) {
            return result.getStatus();
        }

        @Override
        public IndicatorValueBatchResultDto failed(int index, ProblemException problem) {
            return ValueBatches.failed(items.get(index), problem, path);
        }

        @Override
        public IndicatorValueBatchResultsDto answer(List<IndicatorValueBatchResultDto> results) {
            IndicatorValueBatchResultsDto answer = new IndicatorValueBatchResultsDto();
            answer.setDryRun(dryRun);
            answer.setAllOrNothing(allOrNothing);
            answer.setItems(results);
            return answer;
        }
    }

    private List<IndicatorValueBatchResultDto> writeAll(String planRef, List<Item> items,
            List<IndicatorValueBatchResultDto> checked, String path) {
        if (checked.stream().anyMatch(r -> r.getStatus() >= 400)) {
            return checked.stream().map(r -> r.getStatus() >= 400 ? r : notWritten(r, path)).toList();
        }
        try {
            return writeTogether(planRef, items, () -> { });
        } catch (RuntimeException e) {
            // Another write got in between the check and the write: nothing was written.
            ProblemException problem = BatchRunner.problem(e, "the write of an all-or-nothing batch");
            List<IndicatorValueBatchResultDto> failed = new ArrayList<>(items.size());
            for (Item item : items) {
                failed.add(failed(item, problem, path));
            }
            return failed;
        }
    }

    /**
     * Writes every item in one new transaction, after {@code first} has run in it (an import job
     * marks itself done there, so that its state commits with the values). Any failure rolls back
     * all of it and propagates.
     */
    public List<IndicatorValueBatchResultDto> writeTogether(String planRef, List<Item> items, Runnable first) {
        return QuarkusTransaction.requiringNew().call(() -> {
            first.run();
            List<IndicatorValueBatchResultDto> written = new ArrayList<>(items.size());
            for (Item item : items) {
                written.add(succeeded(item, values.report(planRef, item.value(), true)));
            }
            return written;
        });
    }

    private static IndicatorValueBatchResultDto succeeded(Item item, IndicatorValueService.Reported reported) {
        IndicatorValueBatchResultDto result = base(item);
        result.setStatus(reported.created() ? 201 : 200);
        result.setValueId(reported.value().getId());
        result.setEtag(ETags.of(reported.value().getVersion()));
        return result;
    }

    private static IndicatorValueBatchResultDto notWritten(IndicatorValueBatchResultDto checked, String path) {
        IndicatorValueBatchResultDto result = new IndicatorValueBatchResultDto();
        result.setReference(checked.getReference());
        result.setRow(checked.getRow());
        result.setStatus(424);
        result.setProblem(Problems.body(ProblemType.NOT_WRITTEN, "Valid, but not written: another item of this"
                + " all-or-nothing batch failed.", path, List.of()));
        return result;
    }

    private static IndicatorValueBatchResultDto failed(Item item, ProblemException problem, String path) {
        IndicatorValueBatchResultDto result = base(item);
        result.setStatus(problem.type().status());
        result.setProblem(Problems.body(problem.type(), problem.getMessage(), path, problem.errors()));
        return result;
    }

    private static IndicatorValueBatchResultDto base(Item item) {
        IndicatorValueBatchResultDto result = new IndicatorValueBatchResultDto();
        result.setReference(item.reference());
        result.setRow(item.row());
        return result;
    }
}
