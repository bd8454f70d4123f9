package de.fachplan.api.common;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.organisation;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import de.fachplan.api.support.Chromium;

/**
 * A real browser on a second local origin uses the API as a frontend would: pages through a
 * filtered list by the Link header, reads a measure conditionally (304), changes it with If-Match
 * and an editor key, creates one and reads Location, ETag and X-Request-Id, all from JavaScript
 * (src/test/resources/browser/index.html). Needs Chromium; without it the test is skipped, unless
 * {@value Chromium#REQUIRED} is {@code true} (CI), where it fails. The page's console, its results
 * and a screenshot stay in target/browser-test/.
 */
@QuarkusTest
@Tag("integration")
@TestProfile(BrowserTest.SecondOrigin.class)
class BrowserTest {

    /** Allows the page's origin: 127.0.0.1 on a free port, while the API answers on localhost. */
    public static class SecondOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (var socket = new java.net.ServerSocket(0)) {
                return Map.of("fachplan.cors.origins", "http://127.0.0.1:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Path ARTEFACTS = Path.of("target", "browser-test");

    @ConfigProperty(name = "fachplan.cors.origins")
    List<String> origins;

    @Test
    void aPageOnAnotherOriginPagesPatchesAndReadsTheHeadersItNeeds() throws Exception {
        Optional<Path> binary = Chromium.binary();
        if (binary.isEmpty()) {
            assertTrue(!"true".equals(System.getenv(Chromium.REQUIRED)), "no Chromium on this machine, but "
                    + Chromium.REQUIRED + "=true: install it (apt-get install chromium) or set CHROMIUM_BIN");
            Assumptions.abort("no Chromium on this machine (set CHROMIUM_BIN or install the chromium package)");
        }
        String organisation = organisation("Beispiel-Träger im Browser");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            codes.add(editor().contentType(ContentType.JSON).body("{\"actionField\":\"B\",\"title\":\"Patenschaft " + i
                    + "\",\"leadOrganisationId\":\"" + organisation + "\"}").post("/api/v1/measures").then()
                    .statusCode(201).extract().path("code"));
        }
        String editorKey = admin().contentType(ContentType.JSON).body("{\"name\":\"browser page\",\"role\":\"EDITOR\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
        String api = "http://localhost:" + RestAssured.port + "/api/v1";
        URI origin = URI.create(origins.get(0));

        HttpServer pageServer = HttpServer.create(new InetSocketAddress("127.0.0.1", origin.getPort()), 0);
        byte[] page;
        try (var in = getClass().getResourceAsStream("/browser/index.html")) {
            page = in.readAllBytes();
        }
        pageServer.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        pageServer.start();
        Files.createDirectories(ARTEFACTS);
        JsonNode results;
        try (Chromium chromium = Chromium.launch(binary.get())) {
            try {
                chromium.open(origin + "/index.html#api=" + encode(api) + "&key=" + encode(editorKey)
                        + "&organisation=" + organisation + "&measure=" + codes.get(0));
                results = chromium.await("window.browserTest");
                Files.writeString(ARTEFACTS.resolve("results.json"),
                        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
                chromium.screenshot(ARTEFACTS.resolve("page.png"));
            } finally {
                Files.write(ARTEFACTS.resolve("console.log"), chromium.console());
            }
        } finally {
            pageServer.stop(0);
        }

        assertTrue(results.path("error").isMissingNode(), "the page failed: " + results + " " + ARTEFACTS);
        assertEquals(origin.toString(), results.path("origin").asText());
        List<Integer> pageSizes = new ArrayList<>();
        TreeSet<String> listed = new TreeSet<>();
        results.path("pages").forEach(p -> {
            pageSizes.add(p.size());
            p.forEach(code -> listed.add(code.asText()));
        });
        assertEquals(List.of(2, 2, 1), pageSizes, "pages followed by Link: " + results.path("pages"));
        assertEquals(new TreeSet<>(codes), listed);

        String etag = results.path("etag").asText(null);
        assertNotNull(etag, "ETag not readable from JavaScript");
        assertEquals(304, results.path("conditionalStatus").asInt());
        assertEquals(etag, results.path("conditionalEtag").asText());

        assertEquals(200, results.path("patchStatus").asInt());
        assertEquals(40, results.path("patchedProgress").asInt());
        assertNotEquals(etag, results.path("patchedEtag").asText());
        editor().get("/api/v1/measures/" + codes.get(0)).then().body("progress", equalTo(40))
                .header("ETag", equalTo(results.path("patchedEtag").asText()));
        assertEquals(412, results.path("staleStatus").asInt());
        assertEquals("application/problem+json", results.path("staleContentType").asText());
        assertEquals("urn:fachplan:problem:precondition-failed", results.path("staleProblemType").asText());

        assertEquals(201, results.path("createStatus").asInt());
        String location = results.path("location").asText();
        assertTrue(location.startsWith(api + "/measures/"), location);
        editor().get(URI.create(location).getPath()).then().statusCode(200)
                .header("ETag", equalTo(results.path("createdEtag").asText()));
        // The page sent its own X-Request-Id; the answer names the server's, which a client cannot choose.
        String requestId = results.path("requestId").asText();
        assertTrue(requestId.matches("[0-9a-f]{32}"), requestId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
