package de.fachplan.api.common.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

import de.fachplan.api.common.problem.ProblemException;
import de.fachplan.api.common.problem.ProblemType;

/**
 * Strong entity tags: from the row version where a resource has one (a version counts every change
 * of the resource and its relations, so it identifies one representation), else from the bytes of
 * the representation.
 */
public final class ETags {

    /** {@code *} or a list of strong entity tags (RFC 9110 section 8.8.3), the only forms If-Match compares. */
    private static final Pattern IF_MATCH = Pattern.compile(
            "\\s*(\\*|\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"(\\s*,\\s*\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\")*)\\s*");

    /** What a client that sent a malformed If-Match is told. */
    public static final String EXPECTED_FORM = "If-Match takes the ETag exactly as the service sent it, quotes included,"
            + " for example \"5\" (or *); a weak tag such as W/\"5\" never matches.";

    private ETags() {
    }

    /** Whether an If-Match value can be compared at all; absent counts as well-formed. */
    public static boolean isWellFormedIfMatch(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() || IF_MATCH.matcher(ifMatch).matches();
    }

    /** A malformed If-Match is a 400: it cannot name a version, so a 412 ("changed") would mislead. */
    public static void requireWellFormed(String ifMatch) {
        if (!isWellFormedIfMatch(ifMatch)) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "Malformed If-Match " + shortened(ifMatch) + ". "
                    + EXPECTED_FORM);
        }
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** A strong tag of the bytes: equal representations get equal tags on every replica. */
    public static String ofContent(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
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
     * Checks {@code If-Match} against the current version: missing is a 428, malformed a 400,
     * anything but the current strong tag (or {@code *}) a 412.
     */
    public static void requireMatch(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the resource's ETag in If-Match; read it with GET first.");
        }
        requireWellFormed(ifMatch);
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
