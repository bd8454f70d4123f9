package de.fachplan.api.common.http;

import java.util.function.Supplier;

import org.jboss.resteasy.reactive.RestResponse;

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
}
