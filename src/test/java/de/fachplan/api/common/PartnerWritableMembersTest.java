package de.fachplan.api.common;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import de.fachplan.api.support.Api;

/**
 * Walks the contract: every PATCH and batch operation, every member of its request schema. Where
 * partners reach the schema (it declares {@code x-partner-writable}), a partner sending a member
 * gets a 2xx when the member is declared writable and a 422 naming it when not. Every other PATCH
 * and batch operation refuses partners by role (403), so an operation opened to partners without
 * declaring its members fails here.
 */
@QuarkusTest
@Tag("integration")
class PartnerWritableMembersTest {

    private static final String REFUSAL = "only city staff change this member";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode schemas;
    private static List<Operation> operations;
    private static String organisation;
    private static String partner;

    /** A PATCH or batch operation with a JSON body of a named schema; {@code itemSchema} for a batch. */
    private record Operation(String id, String method, String path, String schema, String itemSchema) {
    }

    /**
     * How the test sends one member as a partner, per partner-reachable operation: the request for
     * a body (fixtures of its own), the path, and values the member's schema cannot tell.
     */
    private record Scenario(Function<ObjectNode, Response> send, Map<String, Supplier<Object>> values) {
    }

    @BeforeAll
    static void readContract() throws IOException {
        JsonNode contract = new YAMLMapper().readTree(Path.of("openapi/openapi.yaml").toFile());
        schemas = contract.path("components").path("schemas");
        operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode operation = method.getValue();
                boolean batch = operation.path("responses").has("207");
                if (!method.getKey().equals("patch") && !batch) {
                    continue;
                }
                String schema = null;
                for (Iterator<Map.Entry<String, JsonNode>> content = operation.path("requestBody").path("content").fields(); content.hasNext();) {
                    Map.Entry<String, JsonNode> type = content.next();
                    if (type.getKey().contains("json")) {
                        schema = name(type.getValue().path("schema"));
                    }
                }
                if (schema == null) {
                    continue; // a CSV upload: its rows are the JSON batch's items, checked there
                }
                String itemSchema = batch ? name(schemas.path(schema).path("properties").path("items").path("items")) : null;
                operations.add(new Operation(operation.path("operationId").asText(), method.getKey(), path.getKey(), schema,
                        itemSchema));
            }
        }
    }

    @BeforeEach
    void partner() {
        if (partner == null) {
            organisation = Api.organisation("Schreibrechte-Träger");
            partner = Api.partnerKey(organisation);
        }
    }

    private static String name(JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static JsonNode bodySchema(Operation operation) {
        return schemas.path(operation.itemSchema() != null ? operation.itemSchema() : operation.schema());
    }

    private static boolean partnerReachable(Operation operation) {
        for (JsonNode property : bodySchema(operation).path("properties")) {
            if (property.has("x-partner-writable")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theWalkFindsThePartnerReachableOperations() {
        List<String> reachable = operations.stream().filter(PartnerWritableMembersTest::partnerReachable)
                .map(Operation::id).sorted().toList();
        assertTrue(reachable.containsAll(List.of("updateMeasure", "applyMeasureStatusUpdates")), reachable.toString());
        assertTrue(operations.size() > reachable.size(), "some PATCH operations are staff-only");
    }

    @Test
    void everyOtherPatchAndBatchOperationRefusesPartnersByRole() {
        for (Operation operation : operations) {
            if (partnerReachable(operation)) {
                continue;
            }
            String path = "/api/v1" + operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            int status = invalid(as(partner)).contentType(operation.method().equals("patch") ? MERGE_PATCH : "application/json")
                    .header("If-Match", "\"0\"").body(operation.itemSchema() != null ? "{\"items\":[]}" : "{}")
                    .request(operation.method().toUpperCase(), path).statusCode();
            assertEquals(403, status, operation.id() + " is open to partners: declare its partner-writable members");
        }
    }

    @Test
    void everyMemberOfAPartnerReachableSchemaIsRefusedUnlessDeclaredWritable() {
        Map<String, Scenario> scenarios = scenarios();
        for (Operation operation : operations) {
            if (!partnerReachable(operation)) {
                continue;
            }
            Scenario scenario = scenarios.get(operation.id());
            assertNotNull(scenario, operation.id() + " is reachable by partners: give it a scenario here");
            JsonNode schema = bodySchema(operation);
            for (Iterator<Map.Entry<String, JsonNode>> members = schema.path("properties").fields(); members.hasNext();) {
                Map.Entry<String, JsonNode> member = members.next();
                String name = member.getKey();
                boolean writable = member.getValue().path("x-partner-writable").asBoolean(false);
                ObjectNode body = JSON.createObjectNode();
                JsonNode value = JSON.valueToTree(scenario.values().containsKey(name)
                        ? scenario.values().get(name).get() : example(member.getValue()));
                body.set(name, value);
                Response response = scenario.send().apply(body);
                String pointer = (operation.itemSchema() != null ? "/items/0/" : "/") + name;
                String what = operation.id() + " " + name + " -> " + response.statusCode() + " " + response.asString();
                if (writable) {
                    assertTrue(response.statusCode() >= 200 && response.statusCode() < 300, what);
                    assertFalse(response.asString().contains(REFUSAL), what);
                } else {
                    assertEquals(422, response.statusCode(), what);
                    List<Map<String, String>> errors = response.path("errors");
                    assertTrue(errors.stream().anyMatch(e -> pointer.equals(e.get("pointer")) && REFUSAL.equals(e.get("detail"))),
                            what);
                }
            }
        }
    }

    /** A well-formed value of the member's schema. */
    private static Object example(JsonNode schema) {
        JsonNode resolved = schema.path("allOf").size() == 1 ? schema.get("allOf").get(0) : schema;
        if (resolved.has("$ref")) {
            resolved = schemas.path(name(resolved));
        }
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0).asText();
        }
        String pattern = resolved.path("pattern").asText();
        return switch (resolved.path("type").asText()) {
            case "integer" -> resolved.path("minimum").asInt(1);
            case "number" -> 1;
            case "boolean" -> false;
            case "array" -> List.of();
            case "object" -> Map.of();
            default -> switch (resolved.path("format").asText()) {
                case "date" -> "2026-01-15";
                case "uuid" -> UUID.randomUUID().toString();
                default -> pattern.contains("[0-9]{4}") ? "2026-01" : "R" + UUID.randomUUID().toString().substring(0, 8);
            };
        };
    }

    private static String newMeasure() {
        return editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"S\",\"title\":\"Schreibrechte\",\"leadOrganisationId\":\"" + organisation + "\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("code");
    }

    private static String etag(String path) {
        return as(partner).get(path).then().statusCode(200).extract().header("ETag");
    }

    /** What the partner-reachable operations need; each member is sent to a fresh object where state matters. */
    private static Map<String, Scenario> scenarios() {
        String statusTarget = newMeasure();
        String value = as(partner).contentType(ContentType.JSON).body("{\"indicator\":\"" + reportedIndicator()
                + "\",\"period\":\"2026-01\",\"value\":3}").post("/api/v1/indicator-values").then().statusCode(201)
                .extract().path("id");
        return Map.of(
                "updateMeasure", new Scenario(body -> {
                    String code = newMeasure();
                    if (body.has("statusReason")) {
                        body.put("status", "IMPLEMENTATION"); // a reason is recorded only with a change of status
                    }
                    return invalid(as(partner)).contentType(MERGE_PATCH).header("If-Match", etag("/api/v1/measures/" + code))
                            .body(body.toString()).patch("/api/v1/measures/" + code);
                }, Map.of("status", () -> "IMPLEMENTATION")),
                "applyMeasureStatusUpdates", batch("/api/v1/measure-status-updates",
                        Map.of("reference", "r1", "measure", statusTarget),
                        Map.of("measure", () -> statusTarget, "ifMatch", () -> etag("/api/v1/measures/" + statusTarget),
                                "status", () -> "PIPELINE")),
                "updateIndicatorValue", new Scenario(body -> invalid(as(partner)).contentType(MERGE_PATCH)
                        .header("If-Match", etag("/api/v1/indicator-values/" + value)).body(body.toString())
                        .patch("/api/v1/indicator-values/" + value), Map.of("state", () -> "DRAFT")),
                "submitIndicatorValueBatch", batch("/api/v1/indicator-value-batches",
                        Map.of("indicator", "NONE", "period", "2026-02", "value", 1), Map.of()),
                "applyCapacityRecordUpdates", batch("/api/v1/capacity-record-updates",
                        Map.of("reference", "r1", "facility", "NONE", "month", "2026-01"), Map.of()));
    }

    /** A batch of one item: the required members, and the member under test. The items' outcomes are theirs; the batch is a 207. */
    private static Scenario batch(String path, Map<String, Object> required, Map<String, Supplier<Object>> values) {
        return new Scenario(body -> {
            ObjectNode item = JSON.valueToTree(required);
            item.setAll(body);
            ObjectNode batch = JsonNodeFactory.instance.objectNode();
            batch.putArray("items").add(item);
            return invalid(as(partner)).contentType(ContentType.JSON).body(batch.toString()).post(path);
        }, values);
    }

    private static String reportedIndicator() {
        String code = "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        editor().contentType(ContentType.JSON).body("{\"code\":\"" + code + "\",\"name\":{\"de\":\"Schreibrechte\"},"
                + "\"unit\":\"COUNT\",\"direction\":\"HIGHER_IS_BETTER\",\"frequency\":\"MONTHLY\",\"actionField\":\"M\","
                + "\"reportingOrganisation\":\"" + organisation + "\"}").post("/api/v1/indicators").then().statusCode(201);
        return code;
    }
}
