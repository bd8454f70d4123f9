import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Writes the model generator's copy of the contract, in which every component schema that no request
 * reaches carries {@value #MARK}; the generator's model template (src/build/openapi-templates) leaves
 * the bean-validation annotations off those models.
 *
 * <p>Why: Hibernate Validator builds the metadata of every class that carries a constraint when the
 * service starts, and that was the largest single piece of a start. Only request bodies and
 * parameters are validated (the generated operations put {@code @Valid} on their body parameter,
 * never on their return value), so the annotations on a model that only responses use are never
 * read.
 *
 * <p>The rule: a schema is reached when a {@code $ref} chain leads to it from a path's or an
 * operation's {@code parameters} or from an operation's {@code requestBody}. Every {@code $ref}
 * below those roots is followed, wherever it stands (properties, items, allOf, oneOf,
 * additionalProperties, referenced request bodies and parameters), so a schema a request can carry
 * is never marked. Only named component schemas are marked; models the generator makes from inline
 * schemas keep their annotations. Callbacks are not roots: their bodies are what the service sends.
 *
 * <p>Run by the build ({@code generate-sources}, exec-maven-plugin) with Jackson on the class path:
 * {@code java MarkResponseOnlySchemas.java CONTRACT.yaml OUTPUT.json}.
 */
public final class MarkResponseOnlySchemas {

    /**
     * The mark. Its value is the context the template renders the model in: inside it
     * {@code useBeanValidation} is false.
     */
    static final String MARK = "x-response-only";

    private static final List<String> METHODS =
            List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private MarkResponseOnlySchemas() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: MarkResponseOnlySchemas CONTRACT.yaml OUTPUT.json");
        }
        JsonNode contract = new YAMLMapper().readTree(Path.of(args[0]).toFile());
        Set<JsonNode> reached = Collections.newSetFromMap(new IdentityHashMap<>());
        for (JsonNode pathItem : contract.path("paths")) {
            follow(contract, pathItem.path("parameters"), reached);
            for (String method : METHODS) {
                JsonNode operation = pathItem.path(method);
                follow(contract, operation.path("parameters"), reached);
                follow(contract, operation.path("requestBody"), reached);
            }
        }
        int marked = 0;
        int total = 0;
        for (JsonNode schema : contract.path("components").path("schemas")) {
            total++;
            if (!reached.contains(schema) && schema instanceof ObjectNode object) {
                object.putObject(MARK).put("useBeanValidation", false);
                marked++;
            }
        }
        Path output = Path.of(args[1]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        new ObjectMapper().writeValue(output.toFile(), contract);
        System.out.printf("%s: %d of %d component schemas reached by no request, marked %s%n",
                output, marked, total, MARK);
    }

    private static void follow(JsonNode contract, JsonNode node, Set<JsonNode> reached) {
        if (node.isArray()) {
            node.forEach(element -> follow(contract, element, reached));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.isTextual()) {
            JsonNode target = resolve(contract, ref.asText());
            if (reached.add(target)) {
                follow(contract, target, reached);
            }
        }
        node.forEach(child -> follow(contract, child, reached));
    }

    private static JsonNode resolve(JsonNode contract, String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only references inside the contract are supported: " + ref);
        }
        JsonNode target = contract.at(JsonPointer.compile(ref.substring(1)));
        if (target.isMissingNode()) {
            throw new IllegalStateException("unresolved reference: " + ref);
        }
        return target;
    }
}
