package de.fachplan.api.common.http;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.problem.Problems;

/**
 * The edge of the HTTP stack: what Vert.x would answer with a bare status line or an HTML page is
 * answered as problem+json, and every response gets the headers that the conventions require.
 *
 * <ul>
 * <li>A body above the limit is a 413, announced by {@code Content-Length} or found while a
 * chunked body arrives (such a body is read here, up to the limit, so that no operation ever sees
 * a stream that breaks in the middle).</li>
 * <li>A request line or header that Vert.x Web refuses (a bad percent-escape, a missing
 * {@code Host}) is a 400; so is an encoded NUL ({@code %00}), which no text the service stores can
 * hold.</li>
 * <li>A path outside every route is a 404.</li>
 * <li>Every response carries {@code X-Content-Type-Options: nosniff}; every response that is not
 * public carries {@code Cache-Control: no-store} (see {@link #isPublic}).</li>
 * <li>Requests that reached no operation share one metrics label, {@value #UNMATCHED}: the raw
 * path of arbitrary requests would use up the label cap of the HTTP metrics.</li>
 * </ul>
 *
 * <p>Requests that Netty's HTTP codec refuses before Vert.x sees them (control characters in a
 * header, a request line above {@code quarkus.http.limits.max-initial-line-length}, headers above
 * {@code max-header-size}) are answered by Vert.x with a bare 400, 414 or 431 and a closed
 * connection; Quarkus offers no hook for them. The limits are set so that every request the
 * contract allows stays below them.
 *
 * <p>A DELETE whose {@code Accept} names only JSON is let through: DELETE answers 204 or a
 * problem, and a client asking for JSON must not get a 406 for that.
 */
@Singleton
public class EdgeResponses {

    /** The metrics label of every request that reached no operation. */
    public static final String UNMATCHED = "UNMATCHED";

    private static final Logger LOG = Logger.getLogger(EdgeResponses.class);
    /** Where Quarkus's HTTP metrics look for the route template of a request. */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    /** How many times the body limit a refused body may still send before it is cut off. */
    private static final long SWALLOW_LIMITS = 4;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @ConfigProperty(name = "quarkus.rest.path")
    String apiRoot;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        // After Cors, so that a browser can read these answers too.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::admit).failureHandler(this::refused);
        router.route().last().handler(context -> respond(context, ProblemType.NOT_FOUND,
                "No resource at " + context.request().path() + "; the API lives under " + apiRoot + "."));
    }

    private void admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        context.addHeadersEndHandler(ignored -> finish(context));
        if (request.uri().contains("%00")) {
            respond(context, ProblemType.MALFORMED_REQUEST,
                    "The request line holds an encoded NUL character (%00); no path segment or parameter may contain one.");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && isAbove(length)) {
            tooLarge(context);
            return;
        }
        if (request.method() == HttpMethod.DELETE) {
            request.headers().set(HttpHeaders.ACCEPT, "*/*");
        }
        if (length == null && request.headers().contains(HttpHeaders.TRANSFER_ENCODING) && !request.isEnded()) {
            readChunked(context);
            return;
        }
        context.next();
    }

    /**
     * Reads a chunked body into memory, at most the body limit, and hands it to the operation as
     * the routing context's body (which RESTEasy reads instead of the stream). Past the limit the
     * client gets a 413 and the connection is closed, so the rest is never read.
     */
    private void readChunked(RoutingContext context) {
        HttpServerRequest request = context.request();
        long limit = maxBodySize.asLongValue();
        Buffer body = Buffer.buffer();
        boolean[] refused = { false };
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                tooLarge(context);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            if (!refused[0] && !context.response().ended()) {
                refused[0] = true;
                context.fail(400, failure);
            }
        });
        request.endHandler(ignored -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    /**
     * Answers 413 and closes the connection once the client has finished sending. Closing while
     * the body still arrives makes the kernel reset the connection, and a client that writes its
     * whole body before reading (most HTTP libraries, every browser) then sees a broken pipe instead
     * of the problem. So the rest of the body is read and dropped, up to {@link #SWALLOW_LIMITS}
     * times the limit; beyond that the connection is closed at once.
     */
    private void tooLarge(RoutingContext context) {
        HttpServerRequest request = context.request();
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        respond(context, ProblemType.PAYLOAD_TOO_LARGE,
                "Request bodies are limited to " + maxBodySize.asLongValue() / 1024 + " KiB.");
        if (request.isEnded()) {
            close(request);
            return;
        }
        long swallowLimit = SWALLOW_LIMITS * maxBodySize.asLongValue();
        long[] dropped = { 0 };
        request.handler(chunk -> {
            dropped[0] += chunk.length();
            if (dropped[0] > swallowLimit) {
                close(request);
            }
        });
        request.exceptionHandler(failure -> close(request));
        request.endHandler(ignored -> close(request));
        request.resume();
    }

    private static void close(HttpServerRequest request) {
        if (request.connection() != null) {
            request.connection().close();
        }
    }

    /** Failures that Vert.x Web raises before any operation runs, as problem+json. */
    private void refused(RoutingContext context) {
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        int status = context.failure() instanceof HttpException http ? http.getStatusCode() : context.statusCode();
        switch (status) {
            case 400 -> respond(context, ProblemType.MALFORMED_REQUEST,
                    "The request line or a header is malformed (for example a bad percent-escape); see RFC 3986.");
            case 404 -> respond(context, ProblemType.NOT_FOUND, "No resource at " + context.request().path() + ".");
            case 405 -> respond(context, ProblemType.METHOD_NOT_ALLOWED, "This resource does not support that method.");
            case 413 -> tooLarge(context);
            default -> {
                String errorId = UUID.randomUUID().toString();
                LOG.errorf(context.failure(), "Unexpected error %s on %s", errorId, context.request().path());
                respond(context, ProblemType.INTERNAL_ERROR,
                        "An unexpected error occurred; it has been logged as " + errorId + ".");
            }
        }
    }

    private void finish(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.contains(HttpHeaders.CACHE_CONTROL) && !isPublic(context)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        Context requestContext = context.request() instanceof HttpServerRequestInternal internal ? internal.context()
                : Vertx.currentContext();
        if (requestContext != null && requestContext.getLocal(URL_PATH_TEMPLATE) == null
                && (context.request().path().startsWith(apiRoot) || context.currentRoute() == null
                        || context.currentRoute().getPath() == null)) {
            // Every operation of the API sets its template; Quarkus's own routes (/q/...) have a
            // fixed path. What is left reached nothing.
            requestContext.putLocal(URL_PATH_TEMPLATE, UNMATCHED);
        }
    }

    /**
     * Public is what anyone may read and every replica answers alike: a successful GET or HEAD of
     * the API without credentials (the read cache keeps such answers under its public scope).
     * Everything else (answers to a caller with credentials, writes, errors, the operational
     * endpoints under /q) may hold what is not for everyone, or for later, and is {@code no-store}.
     */
    private boolean isPublic(RoutingContext context) {
        HttpServerRequest request = context.request();
        return (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && context.response().getStatusCode() < 400
                && request.path().startsWith(apiRoot);
    }

    void respond(RoutingContext context, ProblemType type, String detail) {
        try {
            String body = json.writeValueAsString(Problems.body(type, detail, context.request().path(), List.of()));
            context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .end(body);
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    private boolean isAbove(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
