package de.fachplan.api.common.http;

import java.nio.charset.StandardCharsets;
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

    /**
     * A representation rendered to text (a picture, a document), tagged by its UTF-8 bytes: 304 when
     * {@code If-None-Match} names it. The caller adds its own headers and builds.
     */
    public static <T> RestResponse.ResponseBuilder<T> rendered(String ifNoneMatch, String body, String mediaType) {
        String etag = ETags.ofContent(body.getBytes(StandardCharsets.UTF_8));
        if (ETags.matchesNoneMatch(ifNoneMatch, etag)) {
            return RestResponse.ResponseBuilder.<T>notModified().header("ETag", etag);
        }
        // A String, which every writer writes as it is: the writers chosen for the operation's
        // declared type would write a byte array or a stream as its toString().
        @SuppressWarnings("unchecked")
        RestResponse.ResponseBuilder<T> ok = (RestResponse.ResponseBuilder<T>) RestResponse.ResponseBuilder.ok(body,
                mediaType + ";charset=UTF-8");
        return ok.header("ETag", etag);
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
