package de.fachplan.api.common.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.persistence.CollectedInserts;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * Runs 207 batches ({@link ItemBatch}), each item atomically: a bad item never stops a good one,
 * and an interrupted batch leaves every item applied or not at all. Under an idempotency key the
 * batch replays its stored answer, and each applied item stores its result in the transaction that
 * applied it, so a retry after an interruption reports it as it was applied instead of applying it
 * again. A check (dry run) applies the items and rolls their transaction back.
 *
 * <p>Consecutive items commit together in runs (at most {@link ItemBatch#longestRun} items): one
 * commit for many items, the rows they read loaded for the whole run ({@link ItemBatch#prepare}),
 * and the audit, change feed and outbox rows of the run written by one multi-row insert per table
 * ({@link CollectedInserts}). A run's items are
 * reported only once it committed, so each is reported exactly as applied. When an item fails, its
 * run is rolled back, the items before it are applied again as a run of their own and the failing
 * item alone; the next run then starts small and doubles while items succeed. Savepoints would
 * spare the repetition, but a service method that fails inside a joined transaction marks all of
 * it for rollback, so an item cannot be rolled back on its own in a shared transaction.
 */
@ApplicationScoped
public class BatchRunner {

    private static final Logger LOG = Logger.getLogger(BatchRunner.class);

    /** Most items committed together unless a batch says otherwise ({@link ItemBatch#longestRun}). */
    static final int LONGEST_RUN = 64;

    @Inject
    Idempotency idempotency;

    @Inject
    CollectedInserts inserts;

    /**
     * Runs a whole batch: starts it under its idempotency key (or replays the stored answer),
     * applies every item and stores the answer.
     *
     * @param request what identifies the request for the idempotency key (body and flags)
     */
    public <R, A> MultiStatus<A> run(String key, String operation, Object request, boolean dryRun, ItemBatch<R, A> batch) {
        String run = null;
        if (key != null) {
            Idempotency.BatchStart<A> start = idempotency.beginBatch(key, operation, request, batch.answerType());
            if (start.replay() != null) {
                return new MultiStatus<>(start.replay(), true);
            }
            run = dryRun ? null : start.run();
        }
        A answer = batch.answer(applyAll(key, run, 0, batch.size(), dryRun, batch));
        if (key != null) {
            idempotency.completeBatch(key, 207, answer);
        }
        return new MultiStatus<>(answer, false);
    }

    /**
     * The results of items {@code from} (inclusive) to {@code to}, in order; items are stored under
     * {@code run} of the batch's idempotency {@code key} when both are given.
     */
    public <R> List<R> applyAll(String key, String run, int from, int to, boolean checkOnly, ItemBatch<R, ?> batch) {
        List<R> results = new ArrayList<>(to - from);
        int index = from;
        int longest = batch.longestRun();
        int length = longest;
        while (index < to) {
            int end = Math.min(index + length, to);
            int first = index;
            try {
                results.addAll(together(key, run, first, end, checkOnly, batch));
                index = end;
                length = Math.min(length * 2, longest);
            } catch (ItemFailed failure) {
                if (batch.endsBatch(failure.cause)) {
                    throw failure.cause;
                }
                if (failure.index == first) {
                    results.add(alone(batch, first, failure.cause));
                    index = first + 1;
                    length = 1;
                } else {
                    length = failure.index - first;
                }
            } catch (RuntimeException commitFailed) {
                if (batch.endsBatch(commitFailed)) {
                    throw commitFailed;
                }
                if (end - first == 1) {
                    results.add(alone(batch, first, commitFailed));
                    index = end;
                } else {
                    // Which item the commit failed for is unknown: each of them on its own.
                    length = 1;
                }
            }
        }
        return results;
    }

    /** The result of an item that failed on its own, recorded in a transaction of its own. */
    private <R> R alone(ItemBatch<R, ?> batch, int index, RuntimeException failure) {
        R result = batch.failed(index, problem(failure, "item " + index));
        QuarkusTransaction.requiringNew().run(() -> batch.record(index, index + 1, List.of(result)));
        return result;
    }

    private <R> List<R> together(String key, String run, int from, int to, boolean checkOnly, ItemBatch<R, ?> batch) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                batch.prepare(from, to);
                List<R> results = new ArrayList<>(to - from);
                for (int index = from; index < to; index++) {
                    try {
                        results.add(applyIn(key, run, index, checkOnly, batch));
                    } catch (RuntimeException e) {
                        throw new ItemFailed(index, e);
                    }
                }
                batch.write(from, to);
                inserts.write();
                if (checkOnly) {
                    throw new Checked(results);
                }
                batch.record(from, to, results);
                return results;
            });
        } catch (Checked checked) {
            @SuppressWarnings("unchecked")
            List<R> results = (List<R>) checked.results;
            QuarkusTransaction.requiringNew().run(() -> batch.record(from, to, results));
            return results;
        }
    }

    private <R> R applyIn(String key, String run, int index, boolean checkOnly, ItemBatch<R, ?> batch) {
        if (run != null) {
            Optional<R> applied = idempotency.storedItem(run, index, batch.resultType());
            if (applied.isPresent()) {
                return applied.get();
            }
        }
        R result = batch.apply(index);
        if (run != null && !checkOnly) {
            idempotency.storeItem(key, run, index, batch.status(result), result);
        }
        return result;
    }

    /** The problem a failure stands for; an unexpected one is logged under an id the client sees. */
    public static ProblemException problem(RuntimeException failure, String what) {
        return ProblemException.known(failure).orElseGet(() -> {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(failure, "Unexpected error %s in %s of a batch", errorId, what);
            return new ProblemException(ProblemType.INTERNAL_ERROR,
                    "An unexpected error occurred; it has been logged as " + errorId + ".");
        });
    }

    /** An item of a run failed: the run is rolled back. */
    private static final class ItemFailed extends RuntimeException {
        private final int index;
        private final RuntimeException cause;

        ItemFailed(int index, RuntimeException cause) {
            super(null, null, false, false);
            this.index = index;
            this.cause = cause;
        }
    }

    /** Leaves a checking transaction by rolling it back, with the results the items would have had. */
    private static final class Checked extends RuntimeException {
        private final transient Object results;

        Checked(Object results) {
            super(null, null, false, false);
            this.results = results;
        }
    }
}
