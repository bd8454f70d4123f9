package de.fachplan.api.common.batch;

import java.util.List;

/**
 * An {@link ItemBatch} over the items of a request, with the types its results and answer are
 * stored as under an idempotency key.
 */
public abstract class RequestItems<I, R, A> implements ItemBatch<R, A> {

    protected final List<I> items;
    private final Class<R> resultType;
    private final Class<A> answerType;

    protected RequestItems(List<I> items, Class<R> resultType, Class<A> answerType) {
        this.items = items;
        this.resultType = resultType;
        this.answerType = answerType;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public Class<R> resultType() {
        return resultType;
    }

    @Override
    public Class<A> answerType() {
        return answerType;
    }
}
