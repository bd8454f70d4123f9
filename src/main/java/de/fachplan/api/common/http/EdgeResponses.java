package de.fachplan.api.common.http;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import de.fachplan.api.common.problem.ProblemType;
import de.fachplan.api.common.problem.Problems;

/**
 * Answers as problem+json what Vert.x would answer with a bare status line or an HTML page: a body
 * above the limit (413) and a path outside every route (404). A DELETE whose {@code Accept} names
 * only JSON is let through: DELETE answers 204 or a problem, and a client asking for JSON must
 * not get a 406 for that.
 */
@Singleton
public class EdgeResponses {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        // After Cors, so that a browser can read these answers too.
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && isAbove(length)) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                respond(context, ProblemType.PAYLOAD_TOO_LARGE,
                        "Request bodies are limited to " + maxBodySize.asLongValue() / 1024 + " KiB.");
                return;
            }
            if (context.request().method() == io.vertx.core.http.HttpMethod.DELETE) {
                context.request().headers().set(HttpHeaders.ACCEPT, "*/*");
            }
            context.next();
        });
        router.route().last().handler(context -> respond(context, ProblemType.NOT_FOUND,
                "No resource at " + context.request().path() + "; the API lives under /api/v1."));
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
