package de.fachplan.api.common.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the cursor of the next page ({@code null} on the last). */
public record Page<T>(List<T> items, String nextCursor) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
