package de.fachplan.api.common.idempotency;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * Applies the items of a 207 batch, each atomically: a bad item never stops a good one, and an
 * interrupted batch leaves every item applied or not at all. Under an idempotency key each applied
 * item stores its result in the transaction that applied it, so a retry after an interruption
 * reports it as it was applied instead of applying it again. A check (dry run) applies the item
 * and rolls its transaction back.
 *
 * <p>{@link #applyAll} commits runs of consecutive items together: one commit for many items is
 * what makes a large batch fast. A run's items are reported only once it committed, so each is
 * reported exactly as applied. When an item fails, its run is rolled back, the items before it
 * are applied again as a run of their own and the failing item alone, in a transaction of its own;
 * the next run then starts small and doubles while items succeed. Savepoints would spare the
 * repetition, but a service method that fails inside a joined transaction marks all of it for
 * rollback, so an item cannot be rolled back on its own in a shared transaction.
 */
@ApplicationScoped
public class BatchItems {

    private static final Logger LOG = Logger.getLogger(BatchItems.class);

    @Inject
    Idempotency idempotency;

    /** Most items committed together; more would hold the locks of the first ones longer. */
    static final int LONGEST_RUN = 64;

    /**
     * The results of items {@code from} (inclusive) to {@code to}, in order: the result of
     * {@code action} for an applied item, of {@code failed} for one whose application failed (which
     * may rethrow, to end the batch there: an outage is no item's fault).
     */
    public <R> List<R> applyAll(String key, String run, int from, int to, boolean checkOnly, Class<R> type,
            ToIntFunction<R> status, IntFunction<R> action, BiFunction<Integer, RuntimeException, R> failed) {
        List<R> results = new ArrayList<>(to - from);
        int index = from;
        int length = LONGEST_RUN;
        while (index < to) {
            int end = Math.min(index + length, to);
            int first = index;
            try {
                results.addAll(together(key, run, first, end, checkOnly, type, status, action));
                index = end;
                length = Math.min(length * 2, LONGEST_RUN);
            } catch (ItemFailed failure) {
                if (failure.index == first) {
                    results.add(failed.apply(first, failure.cause));
                    index = first + 1;
                    length = 1;
                } else {
                    length = failure.index - first;
                }
            } catch (RuntimeException commitFailed) {
                if (end - first == 1) {
                    results.add(failed.apply(first, commitFailed));
                    index = end;
                } else {
                    // Which item the commit failed for is unknown: each of them on its own.
                    length = 1;
                }
            }
        }
        return results;
    }

    private <R> List<R> together(String key, String run, int from, int to, boolean checkOnly, Class<R> type,
            ToIntFunction<R> status, IntFunction<R> action) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                List<R> results = new ArrayList<>(to - from);
                for (int index = from; index < to; index++) {
                    try {
                        results.add(applyIn(key, run, index, checkOnly, type, status, action));
                    } catch (RuntimeException e) {
                        throw new ItemFailed(index, e);
                    }
                }
                if (checkOnly) {
                    throw new Checked(results);
                }
                return results;
            });
        } catch (Checked checked) {
            @SuppressWarnings("unchecked")
            List<R> results = (List<R>) checked.result;
            return results;
        }
    }

    private <R> R applyIn(String key, String run, int index, boolean checkOnly, Class<R> type, ToIntFunction<R> status,
            IntFunction<R> action) {
        if (run != null) {
            Optional<R> applied = idempotency.storedItem(run, index, type);
            if (applied.isPresent()) {
                return applied.get();
            }
        }
        R result = action.apply(index);
        if (run != null && !checkOnly) {
            idempotency.storeItem(key, run, index, status.applyAsInt(result), result);
        }
        return result;
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

    /** The problem an item's failure stands for; an unexpected one is logged under an id the client sees. */
    public static ProblemException problem(RuntimeException failure, String item) {
        return ProblemException.known(failure).orElseGet(() -> {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(failure, "Unexpected error %s in %s of a batch", errorId, item);
            return new ProblemException(ProblemType.INTERNAL_ERROR,
                    "An unexpected error occurred; it has been logged as " + errorId + ".");
        });
    }

    /** Leaves a checking transaction by rolling it back, with the result the item would have had. */
    private static final class Checked extends RuntimeException {
        private final transient Object result;

        Checked(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
