package de.fachplan.api.common;

import static de.fachplan.api.support.Api.admin;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.organisation;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
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

import javax.imageio.ImageIO;

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
 * (src/test/resources/browser/index.html); and a page embeds the capacity chart as SVG
 * (chart.html). Needs Chromium; without it the tests are skipped, unless
 * {@value Chromium#REQUIRED} is {@code true} (CI), where they fail. The pages' consoles, their
 * results and screenshots (page.png, capacity-chart.png) stay in target/browser-test/.
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
    private static final String CHART_SCREENSHOT = "capacity-chart.png";

    @ConfigProperty(name = "fachplan.cors.origins")
    List<String> origins;

    @Test
    void aPageOnAnotherOriginPagesPatchesAndReadsTheHeadersItNeeds() throws Exception {
        Optional<Path> binary = chromium();
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

        HttpServer pageServer = pageServer(origin);
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

    /**
     * The slide-3 chart embedded in a page on another origin as a plain {@code <img>}: the browser's
     * own Accept header gets the SVG, the browser draws it, and the screenshot
     * ({@value #CHART_SCREENSHOT}) is kept with the other artefacts. Its pixels must show the
     * three series' colours, so a broken-image icon or an empty frame fails.
     */
    @Test
    void aPageOnAnotherOriginShowsTheCapacityChartPicture() throws Exception {
        Optional<Path> binary = chromium();
        String api = "http://localhost:" + RestAssured.port + "/api/v1";
        URI origin = URI.create(origins.get(0));
        HttpServer pageServer = pageServer(origin);
        Files.createDirectories(ARTEFACTS);
        Path screenshot = ARTEFACTS.resolve(CHART_SCREENSHOT);
        Files.deleteIfExists(screenshot);
        JsonNode results;
        try (Chromium chromium = Chromium.launch(binary.get())) {
            try {
                chromium.sendHeaders(Map.of("Accept-Language", "de-DE,de;q=0.9,en;q=0.5"));
                chromium.open(origin + "/chart.html#api=" + encode(api));
                results = chromium.await("window.chartTest");
                Files.writeString(ARTEFACTS.resolve("capacity-chart.json"),
                        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
                chromium.screenshot(screenshot, 992, 572);
            } finally {
                Files.write(ARTEFACTS.resolve("capacity-chart-console.log"), chromium.console());
            }
        } finally {
            pageServer.stop(0);
        }

        assertTrue(results.path("error").isMissingNode(), "the page failed: " + results);
        assertTrue(results.path("loaded").asBoolean(), "the picture did not load: " + results);
        assertEquals(960, results.path("naturalWidth").asInt());
        assertEquals(540, results.path("naturalHeight").asInt());
        assertTrue(results.path("contentType").asText().startsWith("image/svg+xml"), results.toString());
        assertEquals("de", results.path("contentLanguage").asText());

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertEquals(992, image.getWidth());
        for (Map.Entry<String, Color> series : Map.of("capacity", new Color(0x2E, 0x7D, 0x32), "needed capacity",
                new Color(0xE6, 0x51, 0x00), "persons to be housed", new Color(0x15, 0x65, 0xC0)).entrySet()) {
            long pixels = pixelsNear(image, series.getValue());
            // At least its legend line (the test data's capacity is a flat projection along the axis).
            assertTrue(pixels > 30, series.getKey() + " line drawn with " + pixels + " pixels of its colour in " + screenshot);
        }
    }

    /** Skips without Chromium, unless {@value Chromium#REQUIRED} says that it must be there. */
    private static Optional<Path> chromium() {
        Optional<Path> binary = Chromium.binary();
        if (binary.isEmpty()) {
            assertTrue(!"true".equals(System.getenv(Chromium.REQUIRED)), "no Chromium on this machine, but "
                    + Chromium.REQUIRED + "=true: install it (apt-get install chromium) or set CHROMIUM_BIN");
            Assumptions.abort("no Chromium on this machine (set CHROMIUM_BIN or install the chromium package)");
        }
        return binary;
    }

    /** Serves the pages of src/test/resources/browser on the second origin. */
    private HttpServer pageServer(URI origin) throws IOException {
        HttpServer pageServer = HttpServer.create(new InetSocketAddress("127.0.0.1", origin.getPort()), 0);
        pageServer.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().replaceFirst("^/", "");
            try (var in = name.matches("[a-z-]+\\.html") ? getClass().getResourceAsStream("/browser/" + name) : null) {
                if (in == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    byte[] page = in.readAllBytes();
                    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                    exchange.sendResponseHeaders(200, page.length);
                    exchange.getResponseBody().write(page);
                }
            } finally {
                exchange.close();
            }
        });
        pageServer.start();
        return pageServer;
    }

    /** Pixels whose colour is within a small distance of the given one (lines are anti-aliased). */
    private static long pixelsNear(BufferedImage image, Color colour) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color pixel = new Color(image.getRGB(x, y));
                if (Math.abs(pixel.getRed() - colour.getRed()) + Math.abs(pixel.getGreen() - colour.getGreen())
                        + Math.abs(pixel.getBlue() - colour.getBlue()) < 40) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
