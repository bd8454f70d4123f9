package de.fachplan.api.common.http;

import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * Strong entity tags from the row version. A version counts every change of the resource and its
 * relations, so it identifies one representation.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** True when {@code If-None-Match} names the current version (or is {@code *}). */
    public static boolean matchesNoneMatch(String ifNoneMatch, long version) {
        return matchesNoneMatch(ifNoneMatch, of(version));
    }

    /** True when {@code If-None-Match} names the current tag, weakly compared as RFC 9110 says (or is {@code *}). */
    public static boolean matchesNoneMatch(String ifNoneMatch, String current) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current) || tag.equals("W/" + current)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks {@code If-Match} against the current version: missing is a 428, anything but the
     * current strong tag (or {@code *}) a 412.
     */
    public static void requireMatch(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the resource's ETag in If-Match; read it with GET first.");
        }
        String current = of(version);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The resource has changed; its current ETag is " + current + ".");
    }
}
