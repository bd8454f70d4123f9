package de.fachplan.api.common.batch;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import de.fachplan.api.common.idempotency.BatchItems;
import de.fachplan.api.common.idempotency.Idempotency;
import de.fachplan.api.common.problem.ProblemException;

/**
 * Runs a whole 207 batch that is not all-or-nothing: starts it under its idempotency key (or
 * replays the stored answer), applies every item through {@link BatchItems} (each atomically, its
 * result stored with it, a dry run rolled back) and stores the answer.
 */
@ApplicationScoped
public class ItemBatch {

    @Inject
    Idempotency idempotency;

    @Inject
    BatchItems items;

    /** The answer and whether it is the replay of an earlier one. */
    public record Outcome<A>(A answer, boolean replayed) {
    }

    /**
     * @param request what identifies the request for the idempotency key (body and flags)
     * @param action applies item {@code index} inside the transaction opened for it
     * @param statusOf the HTTP status an item's result stands for
     * @param failed the result to report for item {@code index} that failed with a problem
     * @param answer the batch's answer from the results in request order
     */
    public <R, A> Outcome<A> run(String key, String operation, Object request, int size, boolean dryRun,
            Class<R> resultType, Class<A> answerType, IntFunction<R> action, ToIntFunction<R> statusOf,
            BiFunction<Integer, ProblemException, R> failed, Function<List<R>, A> answer) {
        String run = null;
        if (key != null) {
            Idempotency.BatchStart<A> start = idempotency.beginBatch(key, operation, request, answerType);
            if (start.replay() != null) {
                return new Outcome<>(start.replay(), true);
            }
            run = dryRun ? null : start.run();
        }
        List<R> results = items.applyAll(key, run, 0, size, dryRun, resultType, statusOf, action,
                (item, failure) -> failed.apply(item, BatchItems.problem(failure, "item " + item)));
        A response = answer.apply(results);
        if (key != null) {
            idempotency.completeBatch(key, 207, response);
        }
        return new Outcome<>(response, false);
    }
}
