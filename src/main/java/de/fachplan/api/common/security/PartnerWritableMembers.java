package de.fachplan.api.common.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import de.fachplan.api.common.problem.FieldError;

/**
 * Which members of a request body a partner organisation may send, as the contract declares them:
 * a schema with a property marked {@code x-partner-writable} is one that partners reach, and of
 * it a partner may send only the properties marked {@code x-partner-writable: true}. Nested
 * objects and array items are judged by their own schemas, so a batch's items are held to the
 * item schema. The contract is the served one ({@code contract/openapi.yaml}), read once on first
 * use; the generated request classes carry their schema's name.
 */
@ApplicationScoped
public class PartnerWritableMembers {

    static final String EXTENSION = "x-partner-writable";
    static final String REFUSAL = "only city staff change this member";
    private static final String FILE = "contract/openapi.yaml";

    private volatile JsonNode schemas;
    private final Map<String, Boolean> governed = new ConcurrentHashMap<>();

    /** Whether a body of this schema can hold a member that partners may not send. */
    public boolean governs(String schema) {
        return governed.computeIfAbsent(schema, name -> reachesGoverned(schemas().path(name), new HashSet<>()));
    }

    /** Every member of the body a partner may not send, by JSON pointer; empty when it may send them all. */
    public List<FieldError> refusals(String schema, JsonNode body) {
        List<FieldError> refused = new ArrayList<>();
        walk(schemas().path(schema), body, "", refused);
        return refused;
    }

    private void walk(JsonNode schema, JsonNode value, String pointer, List<FieldError> refused) {
        JsonNode resolved = resolve(schema);
        if (value.isObject() && resolved.has("properties")) {
            JsonNode properties = resolved.get("properties");
            boolean isGoverned = declares(resolved);
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode property = properties.get(field.getKey());
                if (property == null) {
                    continue; // an unknown member is refused for everyone when the body is read
                }
                String member = pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                if (isGoverned && !property.path(EXTENSION).asBoolean(false)) {
                    refused.add(new FieldError(member, REFUSAL));
                } else {
                    walk(property, field.getValue(), member, refused);
                }
            }
        } else if (value.isArray() && resolved.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                walk(resolved.get("items"), value.get(i), pointer + "/" + i, refused);
            }
        }
    }

    private boolean reachesGoverned(JsonNode schema, Set<String> seen) {
        JsonNode ref = schema.path("$ref");
        if (ref.isTextual() && !seen.add(ref.asText())) {
            return false;
        }
        JsonNode resolved = resolve(schema);
        if (declares(resolved)) {
            return true;
        }
        for (JsonNode property : resolved.path("properties")) {
            if (reachesGoverned(property, seen)) {
                return true;
            }
        }
        return resolved.has("items") && reachesGoverned(resolved.get("items"), seen);
    }

    private static boolean declares(JsonNode schema) {
        for (JsonNode property : schema.path("properties")) {
            if (property.has(EXTENSION)) {
                return true;
            }
        }
        return false;
    }

    /** The schema a reference, or a one-element {@code allOf} (a reference with extensions beside it), stands for. */
    private JsonNode resolve(JsonNode schema) {
        if (schema.path("allOf").size() == 1) {
            return resolve(schema.get("allOf").get(0));
        }
        JsonNode ref = schema.path("$ref");
        return ref.isTextual() ? schemas().path(ref.asText().substring(ref.asText().lastIndexOf('/') + 1)) : schema;
    }

    private JsonNode schemas() {
        if (schemas == null) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(FILE)) {
                if (in == null) {
                    throw new IllegalStateException(FILE + " is not on the class path; the build copies it there");
                }
                schemas = new YAMLMapper().readTree(in).path("components").path("schemas");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schemas;
    }
}
