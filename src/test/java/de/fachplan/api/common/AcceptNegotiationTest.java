package de.fachplan.api.common;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every operation that offers CSV besides JSON, asked with the Accept headers that clients really
 * send: the answer is the representation the header prefers (q-values included) or a 406 problem,
 * never a 500, and a normal answer is never labelled problem+json.
 */
@QuarkusTest
@Tag("integration")
class AcceptNegotiationTest {

    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";
    private static final String NOT_ACCEPTABLE = "406";

    /** The GET operations whose contract answers text/csv, with a request each can answer with 200. */
    private static final Map<String, Supplier<RequestSpecification>> CSV_OPERATIONS = Map.of(
            "/capacity-chart", () -> anonymous().queryParam("scenario", "STABLE_ALLOCATION")
                    .queryParam("from", "2019-03").queryParam("to", "2019-05"),
            "/indicator-values", () -> as(controllerKey()).queryParam("limit", "5"));

    private static String controllerKey;

    /** Accept header (null: none) → what it must give. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(null, JSON);
        EXPECTED.put("*/*", JSON);
        EXPECTED.put("text/*", CSV);
        EXPECTED.put("text/csv", CSV);
        EXPECTED.put("application/json", JSON);
        EXPECTED.put("text/csv, application/json", CSV);
        EXPECTED.put("application/json, text/csv", JSON);
        EXPECTED.put("application/json;q=0.5, text/csv", CSV);
        EXPECTED.put("text/csv;q=0.5, application/json;q=0.9", JSON);
        EXPECTED.put("text/*, application/json", JSON);
        EXPECTED.put("text/csv;q=0, */*", JSON);
        EXPECTED.put("application/json;q=0, */*;q=0.1", CSV);
        EXPECTED.put("application/problem+json", NOT_ACCEPTABLE);
        EXPECTED.put("image/png", NOT_ACCEPTABLE);
    }

    @Test
    void theTableCoversEveryOperationThatOffersCsv() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi", "openapi.yaml").toFile());
        TreeSet<String> offeringCsv = new TreeSet<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode ok = operation.getValue().path("responses").path("200").path("content");
            if (ok.has(CSV)) {
                assertEquals("get", operation.getKey(), path.getKey() + " answers CSV to another method than GET");
                offeringCsv.add(path.getKey());
            }
        }));
        assertEquals(offeringCsv, new TreeSet<>(CSV_OPERATIONS.keySet()));
    }

    @Test
    void everyCsvOperationAnswersEachAcceptHeaderWithItsPreferredTypeOrA406() {
        CSV_OPERATIONS.forEach((path, request) -> EXPECTED.forEach((accept, expected) -> {
            if (accept == null) {
                return;
            }
            RequestSpecification spec = request.get().header("Accept", accept);
            if (expected.equals(NOT_ACCEPTABLE)) {
                spec = invalid(spec);
            }
            Response response = spec.get("/api/v1" + path);
            String where = path + " with Accept: " + accept;
            if (expected.equals(NOT_ACCEPTABLE)) {
                assertEquals(406, response.statusCode(), where);
                response.then().contentType("application/problem+json")
                        .body("type", equalTo("urn:fachplan:problem:not-acceptable"));
                return;
            }
            assertEquals(200, response.statusCode(), where);
            assertAnswered(expected, response.contentType(), response.asString(), where);
        }));
    }

    /** REST Assured always sends an Accept header; the JDK's client sends none unless told. */
    @Test
    void everyCsvOperationAnswersJsonWithoutAnAcceptHeader() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : CSV_OPERATIONS.keySet()) {
            String query = path.equals("/capacity-chart") ? "?scenario=STABLE_ALLOCATION&from=2019-03&to=2019-05" : "";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1"
                    + path + query)).header("Authorization", "Bearer " + controllerKey()).GET().build();
            assertFalse(request.headers().firstValue("Accept").isPresent());
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), path);
            assertAnswered(EXPECTED.get(null), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), path + " without Accept");
        }
    }

    private static void assertAnswered(String expected, String contentType, String body, String where) {
        assertFalse(contentType.contains("problem"), where + " was labelled " + contentType);
        assertEquals(expected, contentType.split(";")[0].trim(), where);
        assertEquals(expected.equals(JSON), body.startsWith("{"), where + ": " + body);
    }

    private static synchronized String controllerKey() {
        if (controllerKey == null) {
            controllerKey = admin().contentType(ContentType.JSON)
                    .body("{\"name\":\"accept negotiation\",\"role\":\"CONTROLLER\"}")
                    .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        }
        return controllerKey;
    }
}
