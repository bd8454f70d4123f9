package de.fachplan.api.common.cache;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

import de.fachplan.api.common.http.ETags;
import de.fachplan.api.common.security.ReadScope;

/**
 * Conditional and repeated reads of {@link CachedRepresentation} operations.
 *
 * <p>A request first looks for a current rendered representation on the event loop, before any
 * worker thread, transaction or query: a hit is answered from memory, a matching
 * {@code If-None-Match} with 304. A miss runs the operation; its answer is rendered here once,
 * given an ETag (the resource's version where it sets one, else a hash of the bytes, so that every
 * replica gives the same page the same tag), kept, and turned into a 304 if the client already has
 * it. Anonymous callers need no identity for the lookup: every credential the service accepts
 * comes as {@code Authorization} (API keys and JWTs); other callers' scope comes from the identity
 * that the eager authentication has already established.
 *
 * <p>Every request with another method counts as a write (unless its operation is marked
 * {@link ChangesNothing}): its response leaves only after the generation moved on, so a client
 * reads its own write on this replica at once.
 */
public class RepresentationCacheFilter {

    private static final String PENDING = RepresentationCacheFilter.class.getName() + ".pending";
    private static final int MAX_KEPT_URI = 2048;
    private static final int MAX_KEPT_ACCEPT = 256;

    private final Map<Operation, Boolean> cachedOperations = new ConcurrentHashMap<>();
    private final Map<Operation, Boolean> changesNothing = new ConcurrentHashMap<>();

    @Inject
    RepresentationCache cache;

    @Inject
    DataChanges changes;

    @Inject
    CurrentIdentityAssociation identity;

    @Inject
    ObjectMapper json;

    /** A resource method by class and name (JAX-RS resources do not overload them). */
    private record Operation(Class<?> type, String method) {
    }

    /** What a miss needs to keep its answer: where, in which generation, and what the client has. */
    private record Pending(RepresentationCache.Key key, long generation, String ifNoneMatch) {
    }

    @ServerRequestFilter(nonBlocking = true, priority = 1)
    public Uni<Response> serve(ContainerRequestContext request, SimpleResourceInfo resource, HttpServerRequest http) {
        if (!HttpMethod.GET.equals(request.getMethod()) || !marked(resource, CachedRepresentation.class, cachedOperations)) {
            return null;
        }
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return Uni.createFrom().item(lookup(request, http, ReadScope.PUBLIC));
        }
        return identity.getDeferredIdentity().map(caller -> lookup(request, http, ReadScope.of(caller)));
    }

    @ServerResponseFilter
    public void keep(ContainerRequestContext request, ContainerResponseContext response, SimpleResourceInfo resource) {
        if (!isRead(request.getMethod())) {
            // A request refused before or by its operation (401, 404, 412, 422, ...) wrote nothing;
            // counting it would let anyone empty the cache with cheap failures.
            boolean refused = response.getStatus() >= 400 && response.getStatus() < 500;
            if (matched(resource) && !refused && !marked(resource, ChangesNothing.class, changesNothing)) {
                changes.localWrite();
            }
            return;
        }
        if (!(request.getProperty(PENDING) instanceof Pending pending) || response.getStatus() != 200
                || !response.hasEntity() || response.getEntity() instanceof StreamingOutput
                || (response.getMediaType() != null && !MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType()))) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(response.getEntity());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a representation could not be rendered", e);
        }
        String etag = response.getHeaderString(HttpHeaders.ETAG);
        if (etag == null) {
            etag = ETags.ofContent(body);
            response.getHeaders().putSingle(HttpHeaders.ETAG, etag);
        }
        response.setEntity(body, response.getEntityAnnotations(),
                response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType());
        cache.keep(pending.key(), new RepresentationCache.Entry(pending.generation(), body, etag,
                response.getHeaderString("Link"), response.getHeaderString(HttpHeaders.VARY)));
        if (ETags.matchesNoneMatch(pending.ifNoneMatch(), etag)) {
            response.setStatus(Response.Status.NOT_MODIFIED.getStatusCode());
            response.setEntity(null);
        }
    }

    private Response lookup(ContainerRequestContext request, HttpServerRequest http, ReadScope scope) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (http.uri().length() > MAX_KEPT_URI || (accept != null && accept.length() > MAX_KEPT_ACCEPT)) {
            // Served, but neither looked up nor kept: keys of any size would let a client fill memory.
            return null;
        }
        // What the absolute request URI (and so the Link header) is made of, without parsing it.
        var key = new RepresentationCache.Key(http.scheme() + "://" + http.host() + http.uri(), accept, scope);
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        RepresentationCache.Entry entry = cache.find(key);
        if (entry == null) {
            request.setProperty(PENDING, new Pending(key, cache.generation(), ifNoneMatch));
            return null;
        }
        if (ETags.matchesNoneMatch(ifNoneMatch, entry.etag())) {
            // A 304 carries the Vary that the 200 would (RFC 9110 section 15.4.5).
            return Response.notModified().header(HttpHeaders.ETAG, entry.etag()).header(HttpHeaders.VARY, entry.vary())
                    .build();
        }
        Response.ResponseBuilder hit = Response.ok(entry.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, entry.etag()).header(HttpHeaders.VARY, entry.vary());
        if (entry.link() != null) {
            hit.header("Link", entry.link());
        }
        return hit.build();
    }

    /** Whether the request reached an operation; one refused before matching did not. */
    private static boolean matched(SimpleResourceInfo resource) {
        return resource != null && resource.getResourceClass() != null && resource.getMethodName() != null;
    }

    /** Whether the operation is annotated; a request that matched none is not. */
    private static boolean marked(SimpleResourceInfo resource, Class<? extends Annotation> mark,
            Map<Operation, Boolean> known) {
        if (!matched(resource)) {
            return false;
        }
        // Keyed by class and name: the resource info may be a new object on every request.
        return known.computeIfAbsent(new Operation(resource.getResourceClass(), resource.getMethodName()), o -> {
            try {
                return o.type().getMethod(o.method(), resource.parameterTypes()).isAnnotationPresent(mark);
            } catch (NoSuchMethodException e) {
                return false;
            }
        });
    }

    private static boolean isRead(String method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
    }
}
