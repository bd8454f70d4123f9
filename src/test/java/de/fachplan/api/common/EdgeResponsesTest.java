package de.fachplan.api.common;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import de.fachplan.api.common.operations.OperationsTest;
import de.fachplan.api.support.Api;

/**
 * What the HTTP stack answers by itself is problem+json with a status the contract declares, and
 * every response carries the headers the conventions require. Raw sockets and the JDK's client
 * send what RestAssured would repair (bad escapes, chunked bodies).
 */
@QuarkusTest
@Tag("integration")
class EdgeResponsesTest {

    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URL base;

    private record Raw(int status, String headers, String body) {
    }

    /** Sends a request as bytes (the server closes the connection after answering) and reads the answer. */
    private Raw raw(String requestLine, String... headers) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            return new Raw(Integer.parseInt(answer.substring(9, 12)), answer.substring(0, split).toLowerCase(),
                    answer.substring(split + 4));
        }
    }

    /**
     * Quarkus refuses a request line that is no valid URI in its root handler, before any route
     * (and so before this service) sees it: a 400, which every operation declares, without a body.
     * The switch, the system property {@code vertx.disableURIValidation}, is read when Quarkus's
     * HTTP recorder class loads, before any application code.
     */
    @Test
    void aBadPercentEscapeIsRefusedWithA400BeforeAnyRoute() throws Exception {
        assertEquals(400, raw("GET /api/v1/measures?q=a%zzb HTTP/1.1").status());
        assertEquals(400, raw("GET /api/v1/measures?q=%E0%A4%A HTTP/1.1").status());
    }

    @Test
    void anEncodedNulInAParameterOrPathIsAMalformedRequestProblem() {
        invalid(anonymous()).urlEncodingEnabled(false).get("/api/v1/measures?q=a%00b").then().statusCode(400)
                .contentType(PROBLEM).body("type", equalTo("urn:fachplan:problem:malformed-request"));
        invalid(anonymous()).urlEncodingEnabled(false).get("/api/v1/measures/a%00b").then().statusCode(400)
                .contentType(PROBLEM).body("type", equalTo("urn:fachplan:problem:malformed-request"));
    }

    @Test
    void aRequestLineAboveFourKibibytesReachesTheContractsLimits() {
        invalid(anonymous()).queryParam("q", "a".repeat(10_000)).get("/api/v1/measures").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].pointer", equalTo("#/query/q"));
    }

    @Test
    void aChunkedBodyAboveTheLimitIsA413ProblemWithoutAnErrorLogged() throws Exception {
        long errorsBefore = errorLines();
        byte[] big = ("{\"actionField\":\"S\",\"title\":\"" + "a".repeat(1_200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = chunked("/api/v1/measures", big);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("urn:fachplan:problem:payload-too-large"), response.body());
        assertEquals(errorsBefore, errorLines(), "the 413 logged an ERROR");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsRead() throws Exception {
        byte[] body = "{\"actionField\":\"S\",\"title\":\"Sprachcafé in Teilen gesendet\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = chunked("/api/v1/measures", body);
        assertEquals(201, response.statusCode(), response.body());
        assertTrue(response.body().contains("Sprachcafé in Teilen gesendet"), response.body());
    }

    private HttpResponse<String> chunked(String path, byte[] body) throws Exception {
        // A body publisher without a known length makes the JDK client send the body chunked.
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long errorLines() throws Exception {
        Path log = Path.of("target/quarkus-test.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(" ERROR ")).count() : 0;
    }

    @Test
    void aBodyAboveTheLimitIsA413TheWriteOperationsOfIndicatorsDeclare() {
        invalid(editor()).contentType(ContentType.JSON).body("{\"code\":\"" + "x".repeat(1_100_000) + "\"}")
                .post("/api/v1/indicators").then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void everyResponseIsNosniffAndOnlyPublicReadsMayBeStored() {
        anonymous().get("/api/v1/measures").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", nullValue());
        editor().get("/api/v1/measures").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        editor().contentType(ContentType.JSON).body("{\"actionField\":\"S\",\"title\":\"Kopfzeilen\"}")
                .post("/api/v1/measures").then().statusCode(201)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        anonymous().get("/api/v1/measures/" + UUID.randomUUID()).then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        anonymous().get("/q/health/live").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        invalid(anonymous()).get("/nowhere").then().statusCode(404)
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
    }

    @Test
    void requestsThatReachNoOperationShareOneMetricsLabel() throws Exception {
        String marker = "unrouted" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            invalid(anonymous()).urlEncodingEnabled(false).get("/api/v1/" + marker + i + "?q=%00").then().statusCode(400);
            invalid(anonymous()).get("/" + marker + "/" + i).then().statusCode(404);
        }
        // Micrometer records a request after its response went out: poll until the last one shows.
        String metrics = "";
        for (int attempt = 0; attempt < 100 && !(metrics.contains("status=\"404\",uri=\"/UNMATCHED\"")
                && metrics.contains("status=\"400\",uri=\"/UNMATCHED\"")); attempt++) {
            metrics = OperationsTest.metrics();
        }
        assertTrue(metrics.contains("status=\"404\",uri=\"/UNMATCHED\"") && metrics.contains("status=\"400\",uri=\"/UNMATCHED\""),
                "no shared label for unrouted requests: "
                + metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")).toList());
        assertFalse(metrics.contains(marker), "a raw path became a metrics label");
        assertTrue(metrics.contains("uri=\"/measures\""), "routed requests lost their label");
    }
}
