package de.fachplan.api.common.batch;

import java.util.List;

import de.fachplan.api.common.problem.ProblemException;

/**
 * One kind of 207 batch that is not all-or-nothing, as {@link BatchRunner} runs it: how an item is
 * applied, what is reported for it, and what the whole answer is. {@code R} is the result of one
 * item, {@code A} the answer of the batch.
 */
public interface ItemBatch<R, A> {

    /** The number of items. */
    int size();

    /** What an item's result is read back as from the idempotency store. */
    Class<R> resultType();

    /** What the batch's answer is read back as from the idempotency store. */
    Class<A> answerType();

    /** Applies item {@code index} inside the transaction its run of items shares; throws if it cannot be applied. */
    R apply(int index);

    /** The HTTP status an item's result stands for. */
    int status(R result);

    /** The result of item {@code index} that failed with {@code problem}, made after its transaction was rolled back. */
    R failed(int index, ProblemException problem);

    /** The batch's answer from the results of all items, in request order. */
    A answer(List<R> results);

    /**
     * Reads, in a run's transaction, what items {@code from} (inclusive) to {@code to} will need,
     * before the first of them is applied, so that a run loads its rows in a few statements instead
     * of a few per item. Must not fail for a bad item: that item's own application reports it.
     */
    default void prepare(int from, int to) {
    }

    /**
     * Writes, in a run's transaction, what items {@code from} (inclusive) to {@code to} changed,
     * after the last of them was applied and before the run's collected rows are inserted: where a
     * batch writes a whole run in a few set-based statements instead of one per item.
     */
    default void write(int from, int to) {
    }

    /**
     * Records what items {@code from} to {@code to} came to: in the transaction that wrote them, so
     * the record commits with them (an import job's progress), or in a transaction of its own when
     * nothing was written (a check, or an item that failed).
     */
    default void record(int from, int to, List<R> results) {
    }

    /**
     * The most consecutive items committed together. A longer run holds the locks of its first
     * items longer, which a client waiting on a batch of status changes would feel; a background
     * job (an import) may take longer runs and pay fewer round trips per item.
     */
    default int longestRun() {
        return BatchRunner.LONGEST_RUN;
    }

    /** Whether {@code failure} ends the whole batch instead of failing its item (an outage is no item's fault). */
    default boolean endsBatch(RuntimeException failure) {
        return false;
    }
}
