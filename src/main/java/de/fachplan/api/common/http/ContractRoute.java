package de.fachplan.api.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the contract, {@code openapi/openapi.yaml} as the build copied it, at {@code /q/openapi}:
 * the file itself as YAML, or the same tree as JSON for {@code ?format=json} or
 * {@code Accept: application/json}, as SmallRye OpenAPI answers. The JSON is made on first demand,
 * so a start pays for nothing.
 */
@ApplicationScoped
public class ContractRoute {

    static final String PATH = "/q/openapi";
    private static final String FILE = "contract/openapi.yaml";

    private volatile Buffer yaml;
    private volatile Buffer json;

    void route(@Observes Router router) {
        // Before the router Quarkus mounts for its own /q endpoints, which would answer 404.
        router.get(PATH).order(-1).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        String format = context.request().getParam("format");
        String accept = context.request().getHeader("Accept");
        boolean asJson = "json".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.contains("application/json") && !accept.contains("yaml"));
        context.response().putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Type", asJson ? "application/json;charset=UTF-8" : "application/yaml;charset=UTF-8")
                .end(asJson ? json() : yaml());
    }

    private Buffer yaml() {
        if (yaml == null) {
            yaml = Buffer.buffer(file());
        }
        return yaml;
    }

    /** The contract as the build copied it to the class path. */
    static byte[] file() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is not on the class path; the build copies it there");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Buffer json() {
        if (json == null) {
            try {
                json = Buffer.buffer(new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml().getBytes())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return json;
    }
}
