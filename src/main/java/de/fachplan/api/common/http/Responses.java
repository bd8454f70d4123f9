package de.fachplan.api.common.http;

import java.util.function.Supplier;

import org.jboss.resteasy.reactive.RestResponse;

import de.fachplan.api.common.idempotency.Idempotency;

/** Responses that carry a resource's version: every one has its ETag, and a current one a 304. */
public final class Responses {

    private Responses() {
    }

    public static <T> RestResponse<T> withETag(T body, long version) {
        return RestResponse.ResponseBuilder.ok(body).header("ETag", ETags.of(version)).build();
    }

    /** 304 when {@code If-None-Match} names the current version; otherwise the body, built only then. */
    public static <T> RestResponse<T> conditional(String ifNoneMatch, long version, Supplier<T> body) {
        if (ETags.matchesNoneMatch(ifNoneMatch, version)) {
            return RestResponse.ResponseBuilder.<T>notModified().header("ETag", ETags.of(version)).build();
        }
        return withETag(body.get(), version);
    }

    /**
     * The answer of a batch whose items succeed or fail each on their own: 207 with one result per
     * item, marked as a replay when an earlier run under the same idempotency key answered it.
     */
    public static <T> RestResponse<T> multiStatus(T results, boolean replayed) {
        RestResponse.ResponseBuilder<T> response = RestResponse.ResponseBuilder.<T>create(207).entity(results);
        if (replayed) {
            response.header(Idempotency.REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
