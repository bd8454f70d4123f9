package de.fachplan.api.capacity;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The chart of slide 3 as a picture ({@code Accept: image/svg+xml}), read back with an XML parser:
 * a well-formed SVG with the title, the three series in the legend and the projection told apart
 * (dashed lines, a labelled area), in German or English by {@code Accept-Language}, drawn from the
 * same defaults as the JSON chart, with an ETag, 304 and Vary like the other representations.
 */
@QuarkusTest
@Tag("integration")
class CapacityChartPictureTest {

    private static final String SVG = "image/svg+xml";
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final Pattern STROKE = Pattern.compile("stroke:\\s*(rgb\\([^)]*\\))");

    /** What the picture says in each language: title, legend, projection area. */
    private static final List<String> GERMAN = List.of("Kapazität, benötigte Kapazität und unterzubringende Personen",
            "Kapazität", "benötigte Kapazität", "unterzubringende Personen", "Prognose: Stabile Zuweisung");
    private static final List<String> ENGLISH = List.of("Capacity, needed capacity and persons to be housed",
            "capacity", "needed capacity", "persons to be housed", "Projection: Stabile Zuweisung");

    /** The texts of a picture and how many colours it strokes both solid and dashed, as an XML parser reads them. */
    private record Picture(List<String> texts, int seriesSolidAndDashed) {

        boolean says(String text) {
            return texts.contains(text);
        }

        boolean anyMatches(String regex) {
            return texts.stream().anyMatch(t -> t.matches(regex));
        }
    }

    @Test
    void withoutParametersOrLanguageAnAnonymousCallerGetsTheDefaultChartInGerman() throws Exception {
        Response json = anonymous().accept("application/json").get("/api/v1/capacity-chart").then().statusCode(200)
                .extract().response();
        Response svg = picture(anonymous(), null);
        svg.then().header("Content-Language", "de").header("Cache-Control", (String) null);
        Picture picture = read(svg.asByteArray());

        GERMAN.forEach(text -> assertTrue(picture.says(text), "missing \"" + text + "\" in " + picture.texts()));
        // The same scenario and range as the JSON answer's defaults, named in the subtitle.
        String range = json.path("from") + " – " + json.path("to");
        assertTrue(picture.texts().stream().anyMatch(t -> t.contains(range)
                && t.contains("Szenario " + json.path("scenario.code") + ", Version " + json.path("scenario.version"))),
                "subtitle with " + range + " in " + picture.texts());
        assertEquals(3, picture.seriesSolidAndDashed(), "recorded solid, projected dashed");
        assertTrue(picture.anyMatches("[1-9]\\.[0-9]{3}"), "German thousands on the value axis: " + picture.texts());
    }

    @Test
    void englishWhenAcceptLanguagePrefersItWithItsQValues() throws Exception {
        for (String acceptLanguage : List.of("en", "en-GB,en;q=0.9,de;q=0.5", "de;q=0.4, en-US;q=0.8", "de;q=0, *")) {
            Response svg = picture(anonymous(), acceptLanguage);
            svg.then().header("Content-Language", "en");
            Picture picture = read(svg.asByteArray());
            ENGLISH.forEach(text -> assertTrue(picture.says(text), acceptLanguage + ": missing \"" + text + "\""));
            assertFalse(picture.says(GERMAN.get(0)), acceptLanguage);
            assertTrue(picture.anyMatches("[1-9],[0-9]{3}"), "English thousands: " + picture.texts());
        }
        for (String acceptLanguage : List.of("de-DE", "en;q=0.3, de", "fr-FR, fr;q=0.9", "en;q=zero")) {
            Response svg = picture(anonymous(), acceptLanguage);
            svg.then().header("Content-Language", "de");
            assertTrue(read(svg.asByteArray()).says(GERMAN.get(0)), acceptLanguage);
        }
    }

    @Test
    void thePictureHasAnETagPerLanguageAnswers304AndVariesByAcceptAndLanguage() {
        Response german = picture(anonymous(), "de");
        String etag = german.header("ETag");
        assertNotNull(etag);
        assertTrue(etag.matches("\"[A-Za-z0-9_-]+\""), etag);
        assertEquals(etag, picture(anonymous(), "de").header("ETag"), "equal pictures, equal tags");
        assertVaries(german);

        Response notModified = anonymous().accept(SVG).header("Accept-Language", "de").header("If-None-Match", etag)
                .get("/api/v1/capacity-chart");
        notModified.then().statusCode(304).header("ETag", etag);
        assertVaries(notModified);
        String english = picture(anonymous(), "en").header("ETag");
        assertNotEquals(etag, english);
        anonymous().accept(SVG).header("Accept-Language", "en").header("If-None-Match", etag)
                .get("/api/v1/capacity-chart").then().statusCode(200).header("ETag", english);
        String jsonTag = anonymous().accept("application/json").get("/api/v1/capacity-chart").then().statusCode(200)
                .extract().header("ETag");
        assertNotEquals(etag, jsonTag, "the JSON and the picture are different representations");
    }

    @Test
    void theJsonAndCsvOfTheChartVaryByAcceptAsWellFromTheCacheToo() {
        for (int i = 0; i < 2; i++) {
            // The second JSON answer comes from the read cache, which must repeat the Vary.
            Response json = anonymous().accept("application/json").queryParam("scenario", "STABLE_ALLOCATION")
                    .queryParam("from", "2019-01").queryParam("to", "2019-06").get("/api/v1/capacity-chart");
            json.then().statusCode(200);
            assertVaries(json);
            Response notModified = anonymous().accept("application/json").header("If-None-Match", json.header("ETag"))
                    .queryParam("scenario", "STABLE_ALLOCATION").queryParam("from", "2019-01").queryParam("to", "2019-06")
                    .get("/api/v1/capacity-chart");
            notModified.then().statusCode(304);
            assertVaries(notModified);
        }
        Response csv = anonymous().accept("text/csv").get("/api/v1/capacity-chart");
        csv.then().statusCode(200);
        assertVaries(csv);
    }

    /** Vary names Accept and Accept-Language (in one header line or several, besides Origin). */
    private static void assertVaries(Response response) {
        List<String> names = response.headers().getValues("Vary").stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(v -> v.trim().toLowerCase(Locale.ROOT)).toList();
        assertTrue(names.containsAll(List.of("accept", "accept-language")), response.headers().toString());
    }

    @Test
    void aCallerWithCredentialsGetsThePictureNotToBeStored() throws Exception {
        Response svg = picture(editor(), "en");
        svg.then().header("Cache-Control", "no-store");
        assertTrue(read(svg.asByteArray()).says(ENGLISH.get(0)));
    }

    @Test
    void aPictureOfAnUnknownScenarioIsAProblemNotAPicture() {
        anonymous().accept(SVG).queryParam("scenario", "NO_SUCH_SCENARIO").get("/api/v1/capacity-chart").then()
                .statusCode(404).contentType("application/problem+json");
    }

    private static Response picture(RequestSpecification request, String acceptLanguage) {
        if (acceptLanguage != null) {
            request = request.header("Accept-Language", acceptLanguage);
        }
        Response response = request.accept(SVG).get("/api/v1/capacity-chart");
        response.then().statusCode(200).contentType(startsWith(SVG));
        return response;
    }

    private static Picture read(byte[] svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // Well-formed SVG needs no DTD; a picture that asked for one would not be read.
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document document;
        try {
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        } catch (SAXException e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + " in "
                    + new String(svg, 0, Math.min(svg.length, 300), StandardCharsets.UTF_8), e);
        }
        Element root = document.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG_NAMESPACE, root.getNamespaceURI());
        assertNull(document.getDoctype());
        assertFalse(root.getAttribute("viewBox").isBlank(), "a view box lets a page scale the picture");
        List<String> texts = new ArrayList<>();
        NodeList textElements = document.getElementsByTagNameNS(SVG_NAMESPACE, "text");
        for (int i = 0; i < textElements.getLength(); i++) {
            texts.add(textElements.item(i).getTextContent().trim());
        }
        // A series is told apart when its colour strokes solid lines (recorded) and dashed ones
        // (projected); grid lines are dashed too, but never solid in their colour.
        Set<String> solid = new HashSet<>();
        Set<String> dashed = new HashSet<>();
        NodeList elements = document.getElementsByTagNameNS(SVG_NAMESPACE, "*");
        for (int i = 0; i < elements.getLength(); i++) {
            String style = ((Element) elements.item(i)).getAttribute("style");
            Matcher stroke = STROKE.matcher(style);
            if (stroke.find()) {
                (style.contains("stroke-dasharray") ? dashed : solid).add(stroke.group(1));
            }
        }
        dashed.retainAll(solid);
        return new Picture(texts, dashed.size());
    }
}
