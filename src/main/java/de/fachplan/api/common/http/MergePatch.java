package de.fachplan.api.common.http;

import java.util.List;
import java.util.function.Function;

import org.openapitools.jackson.nullable.JsonNullable;

/**
 * Reads the list members of a JSON merge patch (RFC 7396) from the generated models, which hold
 * every member that may be {@code null} in a {@link JsonNullable}: absent, {@code null} and a value
 * are three different requests. Single members become a {@link de.fachplan.api.common.patch.Patch}.
 */
public final class MergePatch {

    private MergePatch() {
    }

    /**
     * A list member replaces the whole list. Absent stays {@code null} (no change); {@code null}
     * removes the member, and a list without members is the empty list, as {@code []} is. The
     * contract lets lists be {@code null} so that generated clients need not send an empty list
     * for every list they were not asked to change.
     */
    public static <T> List<T> list(JsonNullable<List<T>> member) {
        return list(member, Function.identity());
    }

    /** {@link #list(JsonNullable)}, each item mapped. */
    public static <T, R> List<R> list(JsonNullable<List<T>> member, Function<T, R> mapping) {
        if (!member.isPresent()) {
            return null;
        }
        return member.get() == null ? List.of() : member.get().stream().map(mapping).toList();
    }
}
