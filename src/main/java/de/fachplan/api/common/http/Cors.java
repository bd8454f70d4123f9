package de.fachplan.api.common.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import de.fachplan.api.common.problem.ProblemType;

/**
 * CORS for the origins in {@code fachplan.cors.origins} ({@code FACHPLAN_CORS_ORIGINS}); without
 * any, nothing here runs and browsers keep their same-origin rule.
 *
 * <p>Why not Quarkus' {@code quarkus.http.cors}: it answers a refused origin with a bare
 * {@code 403 CORS Rejected}, and its lists of headers would be a second, hand-kept copy of the
 * contract. Here the methods, request headers and exposed response headers are read from the
 * contract itself (plus the service's own {@code X-Request-Id} and {@code traceparent}, which
 * every operation takes), so a header the contract gains is usable from a browser at once.
 *
 * <p>It runs on the router before everything else and sets its headers when the response's
 * headers are written, so every answer carries them: one from the read cache on the event loop, a
 * 304, a problem, a 413 from {@link EdgeResponses}. Every response says {@code Vary: Origin},
 * because whether it carries {@code Access-Control-Allow-Origin} depends on it. A request from the
 * service's own origin (Swagger UI) is no cross-origin request and passes untouched.
 */
@Singleton
public class Cors {

    private static final String REQUEST_ID = "X-Request-Id";
    private static final String TRACEPARENT = "traceparent";
    private static final String MAX_AGE_SECONDS = "3600";

    @Inject
    CorsConfig config;

    @Inject
    EdgeResponses edge;

    private Set<String> origins;
    private String allowedMethods;
    private String allowedHeaders;
    private String exposedHeaders;

    void install(@Observes Router router) {
        List<String> configured = config.origins().orElse(List.of()).stream().map(String::trim)
                .filter(o -> !o.isEmpty()).toList();
        if (configured.isEmpty()) {
            return;
        }
        origins = configured.stream().map(Cors::checkedOrigin).collect(Collectors.toUnmodifiableSet());
        JsonNode contract;
        try {
            contract = new YAMLMapper().readTree(ContractRoute.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> methods = new TreeSet<>();
        Set<String> requestHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Set<String> responseHeaders = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        requestHeaders.addAll(List.of("Content-Type", REQUEST_ID, TRACEPARENT));
        responseHeaders.add(REQUEST_ID);
        contract.path("components").path("securitySchemes").forEach(scheme -> {
            if (scheme.path("type").asText().equals("http")) {
                requestHeaders.add("Authorization");
            } else if (scheme.path("in").asText().equals("header")) {
                requestHeaders.add(scheme.path("name").asText());
            }
        });
        for (JsonNode path : iterable(contract.path("paths").elements())) {
            for (Map.Entry<String, JsonNode> operation : iterable(path.fields())) {
                if (operation.getKey().equals("parameters")) {
                    continue;
                }
                methods.add(operation.getKey().toUpperCase(Locale.ROOT));
                for (JsonNode parameter : operation.getValue().path("parameters")) {
                    JsonNode resolved = resolve(contract, parameter);
                    if (resolved.path("in").asText().equals("header")) {
                        requestHeaders.add(resolved.path("name").asText());
                    }
                }
                for (JsonNode response : operation.getValue().path("responses")) {
                    resolve(contract, response).path("headers").fieldNames().forEachRemaining(responseHeaders::add);
                }
            }
        }
        allowedMethods = String.join(", ", methods);
        allowedHeaders = String.join(", ", requestHeaders);
        exposedHeaders = String.join(", ", responseHeaders);
        router.route().order(Integer.MIN_VALUE).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader("Origin");
        context.addHeadersEndHandler(ignored -> vary(context.response().headers(), "Origin"));
        if (origin == null || isSameOrigin(origin, request.getHeader("Host"))) {
            context.next();
            return;
        }
        if (!origins.contains(origin.toLowerCase(Locale.ROOT))) {
            edge.respond(context, ProblemType.FORBIDDEN, "Scripts from the origin " + shortened(origin)
                    + " may not call this API; the operators allow browser origins in FACHPLAN_CORS_ORIGINS.");
            return;
        }
        MultiMap headers = context.response().headers();
        if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
            headers.set("Access-Control-Allow-Origin", origin)
                    .set("Access-Control-Allow-Methods", allowedMethods)
                    .set("Access-Control-Allow-Headers", allowedHeaders)
                    .set("Access-Control-Max-Age", MAX_AGE_SECONDS);
            vary(headers, "Access-Control-Request-Method");
            vary(headers, "Access-Control-Request-Headers");
            context.response().setStatusCode(204).end();
            return;
        }
        context.addHeadersEndHandler(ignored -> context.response().headers()
                .set("Access-Control-Allow-Origin", origin)
                .set("Access-Control-Expose-Headers", exposedHeaders));
        context.next();
    }

    /** Adds a name to {@code Vary} unless it is there already, whoever set the header before. */
    private static void vary(MultiMap headers, String name) {
        boolean present = headers.getAll("Vary").stream().flatMap(v -> List.of(v.split(",")).stream())
                .anyMatch(v -> v.trim().equalsIgnoreCase(name) || v.trim().equals("*"));
        if (!present) {
            headers.add("Vary", name);
        }
    }

    /** Browsers send {@code Origin} on their own same-origin writes; those are no CORS requests. */
    private static boolean isSameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An origin as browsers send it: lower case, scheme and authority, no path. */
    private static String checkedOrigin(String configured) {
        String origin = configured.toLowerCase(Locale.ROOT);
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !(origin.startsWith("http://") || origin.startsWith("https://")) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalStateException("fachplan.cors.origins: " + configured
                    + " is not an origin; write scheme, host and port as a browser sends them, e.g. https://dashboard.example.org");
        }
        return origin;
    }

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        JsonNode resolved = node;
        while (resolved.has("$ref")) {
            JsonNode target = contract;
            for (String step : resolved.get("$ref").asText().substring(2).split("/")) {
                target = target.path(step);
            }
            resolved = target;
        }
        return resolved;
    }

    private static String shortened(String origin) {
        return origin.length() > 100 ? origin.substring(0, 100) + "…" : origin;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
