package de.fachplan.api.common;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Browsers on the configured origin (the test profile allows https://dashboard.test.invalid) may
 * call the API and read the headers clients need, on every kind of answer; other origins get a
 * problem.
 */
@QuarkusTest
@Tag("integration")
class CorsTest {

    private static final String ALLOWED = "https://dashboard.test.invalid";
    private static final List<String> EXPOSED = List.of("ETag", "Link", "Location", "X-Changes-Cursor",
            "Idempotency-Replayed", "Retry-After", "X-Request-Id");
    private static final List<String> REQUEST_HEADERS = List.of("Authorization", "If-Match", "If-None-Match",
            "Idempotency-Key", "Content-Type", "X-Request-Id");

    private static Set<String> list(String header) {
        return header == null ? Set.of()
                : Arrays.stream(header.split(",")).map(v -> v.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static void assertReadableBy(String origin, Response response) {
        assertEquals(origin, response.header("Access-Control-Allow-Origin"));
        Set<String> exposed = list(response.header("Access-Control-Expose-Headers"));
        EXPOSED.forEach(h -> assertTrue(exposed.contains(h.toLowerCase(Locale.ROOT)), h + " is not exposed: " + exposed));
        assertTrue(list(String.join(",", response.headers().getValues("Vary"))).contains("origin"));
    }

    private static String createMeasure() {
        return editor().contentType(ContentType.JSON).body("{\"actionField\":\"P\",\"title\":\"Beteiligungswerkstatt\"}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("code");
    }

    @Test
    void aPreflightAllowsTheContractsMethodsAndRequestHeaders() throws Exception {
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/measures/W1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,content-type,if-match").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, preflight.statusCode());
        assertEquals(ALLOWED, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(Set.of("get", "post", "put", "patch", "delete"),
                list(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null)));
        Set<String> allowed = list(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(null));
        REQUEST_HEADERS.forEach(h -> assertTrue(allowed.contains(h.toLowerCase(Locale.ROOT)), h + " not allowed: " + allowed));
        assertTrue(list(String.join(",", preflight.headers().allValues("Vary"))).contains("origin"));
    }

    @Test
    void readsFromTheCacheAndNotModifiedAnswersCarryTheCorsHeadersToo() {
        createMeasure();
        String code = createMeasure();
        String path = "/api/v1/measures/" + code;
        Response first = anonymous().header("Origin", ALLOWED).get(path);
        first.then().statusCode(200);
        assertReadableBy(ALLOWED, first);
        Response kept = anonymous().header("Origin", ALLOWED).get(path);
        kept.then().statusCode(200).header("ETag", first.header("ETag"));
        assertReadableBy(ALLOWED, kept);
        Response notModified = anonymous().header("Origin", ALLOWED).header("If-None-Match", first.header("ETag")).get(path);
        notModified.then().statusCode(304);
        assertReadableBy(ALLOWED, notModified);

        String list = "/api/v1/measures?actionField=P&limit=1";
        Response page = anonymous().header("Origin", ALLOWED).get(list);
        page.then().statusCode(200).header("Link", containsString("rel=\"next\""));
        Response keptPage = anonymous().header("Origin", ALLOWED).get(list);
        keptPage.then().statusCode(200).header("Link", equalTo(page.header("Link")));
        assertReadableBy(ALLOWED, keptPage);
        Response pageNotModified = anonymous().header("Origin", ALLOWED).header("If-None-Match", page.header("ETag")).get(list);
        pageNotModified.then().statusCode(304);
        assertReadableBy(ALLOWED, pageNotModified);
    }

    @Test
    void writesAndTheirProblemsAreReadableFromTheAllowedOrigin() {
        createMeasure();
        Response created = editor().header("Origin", ALLOWED).contentType(ContentType.JSON)
                .body("{\"actionField\":\"P\",\"title\":\"Stadtteilrat\"}").post("/api/v1/measures");
        created.then().statusCode(201).header("Location", containsString("/api/v1/measures/"));
        assertReadableBy(ALLOWED, created);
        Response stale = editor().header("Origin", ALLOWED).contentType(MERGE_PATCH).header("If-Match", "\"999\"")
                .body("{\"progress\":5}").patch("/api/v1/measures/" + created.path("code"));
        stale.then().statusCode(412).contentType("application/problem+json");
        assertReadableBy(ALLOWED, stale);
    }

    @Test
    void anotherOriginGetsAProblemThatNamesTheSetting() throws Exception {
        Response refused = invalid(anonymous()).header("Origin", "https://elsewhere.test.invalid")
                .get("/api/v1/measures?limit=1");
        refused.then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:fachplan:problem:forbidden"))
                .body("detail", containsString("FACHPLAN_CORS_ORIGINS"));
        assertNull(refused.header("Access-Control-Allow-Origin"));
        HttpResponse<String> preflight = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/v1/measures"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://elsewhere.test.invalid")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, preflight.statusCode());
        assertEquals("application/problem+json", preflight.headers().firstValue("Content-Type").orElse(null));
        assertTrue(preflight.body().contains("urn:fachplan:problem:forbidden"));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void theServicesOwnOriginAndRequestsWithoutOriginAreNoCorsRequests() {
        Response own = anonymous().header("Origin", "http://localhost:" + RestAssured.port).get("/api/v1/measures?limit=1");
        own.then().statusCode(200);
        assertNull(own.header("Access-Control-Allow-Origin"));
        Response plain = anonymous().get("/api/v1/measures?limit=1");
        plain.then().statusCode(200);
        assertNull(plain.header("Access-Control-Allow-Origin"));
        assertTrue(list(String.join(",", plain.headers().getValues("Vary"))).contains("origin"));
    }
}
