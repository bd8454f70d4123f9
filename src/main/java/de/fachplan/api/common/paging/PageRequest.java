package de.fachplan.api.common.paging;

import java.util.List;

import de.fachplan.api.common.problem.ProblemException;

/**
 * A requested page: the size and the decoded position after which it starts. The cursor carries a
 * fingerprint of the query it came from, so a cursor replayed with other filters or another sort
 * is a 400 instead of a page that silently skips or repeats rows.
 */
public record PageRequest(int limit, List<String> after, String fingerprint) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, String cursor, String fingerprint) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("#/query/limit", "must be between 1 and " + MAX_LIMIT);
        }
        List<String> after = cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor, fingerprint);
        return new PageRequest(size, after, fingerprint);
    }
}
