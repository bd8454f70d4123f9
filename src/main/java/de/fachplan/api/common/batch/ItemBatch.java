package de.fachplan.api.common.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * Runs the items of a 207 batch, each in a transaction of its own: a bad item never stops a good
 * one, and an interrupted batch leaves every item applied or not at all. Under an idempotency key,
 * each applied item stores its result in its own transaction, so a retry after an interruption
 * reports those items as they were applied instead of applying them again. A dry run applies each
 * item and rolls it back, so it checks exactly what a real run would.
 */
@ApplicationScoped
public class ItemBatch {

    private static final Logger LOG = Logger.getLogger(ItemBatch.class);

    @Inject
    Idempotency idempotency;

    /** What applying one item gave: the HTTP status it stands for and the result to report. */
    public record Applied<R>(int status, R result) {
    }

    /** Applies item {@code index} inside the transaction the batch opened for it. */
    @FunctionalInterface
    public interface ItemAction<R> {
        Applied<R> apply(int index);
    }

    /** The answer and whether it is the replay of an earlier one. */
    public record Outcome<A>(A answer, boolean replayed) {
    }

    /**
     * @param request what identifies the request for the idempotency key (body and flags)
     * @param failed the result to report for item {@code index} that failed with a problem
     * @param answer the batch's answer from the results in request order
     */
    public <R, A> Outcome<A> run(String key, String operation, Object request, int size, boolean dryRun,
            Class<R> resultType, Class<A> answerType, ItemAction<R> action,
            BiFunction<Integer, ProblemException, R> failed, Function<List<R>, A> answer) {
        String run = null;
        if (key != null) {
            Idempotency.BatchStart<A> start = idempotency.beginBatch(key, operation, request, answerType);
            if (start.replay() != null) {
                return new Outcome<>(start.replay(), true);
            }
            run = dryRun ? null : start.run();
        }
        List<R> results = new ArrayList<>(size);
        for (int index = 0; index < size; index++) {
            results.add(applyItem(index, key, run, dryRun, resultType, action, failed));
        }
        A response = answer.apply(results);
        if (key != null) {
            idempotency.completeBatch(key, 207, response);
        }
        return new Outcome<>(response, false);
    }

    private <R> R applyItem(int index, String key, String run, boolean dryRun, Class<R> resultType,
            ItemAction<R> action, BiFunction<Integer, ProblemException, R> failed) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (run != null) {
                    Optional<R> applied = idempotency.storedItem(run, index, resultType);
                    if (applied.isPresent()) {
                        return applied.get();
                    }
                }
                Applied<R> applied = action.apply(index);
                if (dryRun) {
                    throw new DryRun(applied.result());
                }
                if (run != null) {
                    idempotency.storeItem(key, run, index, applied.status(), applied.result());
                }
                return applied.result();
            });
        } catch (DryRun checked) {
            return resultType.cast(checked.result);
        } catch (RuntimeException e) {
            return failed.apply(index, ProblemException.known(e).orElseGet(() -> {
                String errorId = UUID.randomUUID().toString();
                LOG.errorf(e, "Unexpected error %s in item %d of a batch", errorId, index);
                return new ProblemException(ProblemType.INTERNAL_ERROR,
                        "An unexpected error occurred; it has been logged as " + errorId + ".");
            }));
        }
    }

    /** Leaves a dry run's transaction by rolling it back, with the result it would have had. */
    private static final class DryRun extends RuntimeException {
        private final transient Object result;

        DryRun(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
