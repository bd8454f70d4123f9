package de.fachplan.api.common.idempotency;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * Applies the items of a 207 batch one by one, each in a transaction of its own: a bad item never
 * stops a good one, and an interrupted batch leaves every item applied or not at all. Under an
 * idempotency key each applied item stores its result in the transaction that applied it, so a
 * retry after an interruption reports it as it was applied instead of applying it again. A check
 * (dry run) applies the item and rolls its transaction back.
 */
@ApplicationScoped
public class BatchItems {

    private static final Logger LOG = Logger.getLogger(BatchItems.class);

    @Inject
    Idempotency idempotency;

    /**
     * Applies item {@code index}; {@code run} is the batch run's key from
     * {@link Idempotency#beginBatch} or {@code null}. Failures propagate: see {@link #problem}.
     */
    public <R> R apply(String key, String run, int index, boolean checkOnly, Class<R> type, ToIntFunction<R> status,
            Supplier<R> action) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (run != null) {
                    Optional<R> applied = idempotency.storedItem(run, index, type);
                    if (applied.isPresent()) {
                        return applied.get();
                    }
                }
                R result = action.get();
                if (checkOnly) {
                    throw new Checked(result);
                }
                if (run != null) {
                    idempotency.storeItem(key, run, index, status.applyAsInt(result), result);
                }
                return result;
            });
        } catch (Checked checked) {
            return type.cast(checked.result);
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
