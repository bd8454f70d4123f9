package de.fachplan.api.common.http;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.RestResponse;

/** Builds list responses: the body and, when there is a next page, its {@code Link} header. */
public final class Links {

    private Links() {
    }

    public static <T> RestResponse<T> page(T body, String nextCursor, UriInfo uri) {
        RestResponse.ResponseBuilder<T> builder = RestResponse.ResponseBuilder.ok(body);
        if (nextCursor != null) {
            String next = uri.getRequestUriBuilder().replaceQueryParam("cursor", nextCursor).build().toString();
            builder.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return builder.build();
    }
}
