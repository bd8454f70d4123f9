package de.fachplan.api.measures;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Every test scopes the list to measures of this class's own organisation. */
@QuarkusTest
@Tag("integration")
class MeasureListTest {

    private static String organisation;
    private static OffsetDateTime beforeLastChange;
    private static String lastChanged;

    /** REST Assured knows the test port only once a test runs, so the data is made before the first. */
    @BeforeEach
    void createMeasures() throws InterruptedException {
        if (organisation != null) {
            return;
        }
        organisation = editor().contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel-Träger MeasureListTest\",\"type\":\"ASSOCIATION\",\"illustrative\":true}")
                .post("/api/v1/organisations").then().statusCode(201).extract().path("id");
        create("W", "Zentrale Wohnungsbörse", "Vermittlung von Wohnungen an Familien.", "PIPELINE",
                "[\"L1\"]", "[\"FAMILIES_WITH_CHILDREN\"]", "[\"COTTA\"]");
        create("S", "Sprachkurse für Eltern", "Deutschkurse mit Kinderbetreuung.", "IMPLEMENTATION",
                "[\"L1\",\"L2\"]", "[\"WOMEN\"]", "[\"PROHLIS\"]");
        create("S", "Ämterlotsen", "Begleitung zu Behörden und Übersetzung.", "IMPLEMENTATION",
                "[\"L2\"]", "[\"ASYLUM_SEEKERS\"]", "[]");
        create("W", "Auszugsmanagement", "Unterstützung beim Umzug aus Gemeinschaftsunterkünften.", "IMPLEMENTATION",
                "[\"L1\"]", "[\"RECOGNISED_REFUGEES\"]", "[\"PROHLIS\"]");
        create("G", "Zahnärztliche Versorgung", "Sprechstunden ohne Termin.", "PIPELINE",
                "[\"L3\"]", "[\"UNACCOMPANIED_MINORS\"]", "[\"ALTSTADT\"]");
        Thread.sleep(20);
        beforeLastChange = OffsetDateTime.now(ZoneOffset.UTC);
        Thread.sleep(20);
        lastChanged = create("B", "Begegnungscafé", "Treffpunkt für Nachbarschaft und Ehrenamt.", "PIPELINE",
                "[\"L3\"]", "[\"ASYLUM_SEEKERS\"]", "[\"NEUSTADT\"]");
    }

    private static String create(String field, String title, String description, String status, String guidelines,
            String targetGroups, String districts) {
        return editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"" + field + "\",\"title\":\"" + title + "\",\"description\":\"" + description
                        + "\",\"status\":\"" + status + "\",\"leadOrganisationId\":\"" + organisation
                        + "\",\"guidelines\":" + guidelines + ",\"targetGroups\":" + targetGroups
                        + ",\"districts\":" + districts + "}")
                .post("/api/v1/measures").then().statusCode(201).extract().path("title");
    }

    private static RequestSpecification ours() {
        return anonymous().queryParam("organisation", organisation);
    }

    @Test
    void listsByActionFieldInCodeOrder() {
        ours().queryParam("actionField", "W").get("/api/v1/measures").then().statusCode(200)
                .body("items.title", contains("Zentrale Wohnungsbörse", "Auszugsmanagement"));
    }

    @Test
    void filtersByStatusTargetGroupGuidelineAndDistrict() {
        ours().queryParam("status", "IMPLEMENTATION").get("/api/v1/measures").then()
                .body("items.title", containsInAnyOrder("Sprachkurse für Eltern", "Ämterlotsen", "Auszugsmanagement"));
        ours().queryParam("targetGroup", "ASYLUM_SEEKERS").get("/api/v1/measures").then()
                .body("items.title", containsInAnyOrder("Ämterlotsen", "Begegnungscafé"));
        ours().queryParam("guideline", "L2").get("/api/v1/measures").then()
                .body("items.title", containsInAnyOrder("Sprachkurse für Eltern", "Ämterlotsen"));
        ours().queryParam("district", "PROHLIS").queryParam("status", "IMPLEMENTATION").get("/api/v1/measures").then()
                .body("items.title", containsInAnyOrder("Sprachkurse für Eltern", "Auszugsmanagement"));
        ours().queryParam("targetGroup", "NOBODY").get("/api/v1/measures").then().body("items", hasSize(0));
    }

    @Test
    void searchesGermanTextWithStemming() {
        ours().queryParam("q", "Sprachkurs").get("/api/v1/measures").then()
                .body("items.title", contains("Sprachkurse für Eltern"));
        ours().queryParam("q", "Familie").get("/api/v1/measures").then()
                .body("items.title", contains("Zentrale Wohnungsbörse"));
        ours().queryParam("q", "Behörde").get("/api/v1/measures").then().body("items.title", contains("Ämterlotsen"));
    }

    @Test
    void sortsTitlesTheGermanWay() {
        ours().queryParam("sort", "title").get("/api/v1/measures").then().statusCode(200)
                .body("items.title", contains("Ämterlotsen", "Auszugsmanagement", "Begegnungscafé",
                        "Sprachkurse für Eltern", "Zahnärztliche Versorgung", "Zentrale Wohnungsbörse"));
        ours().queryParam("sort", "-title").get("/api/v1/measures").then()
                .body("items.title[0]", equalTo("Zentrale Wohnungsbörse"));
    }

    @Test
    void listsOnlyWhatChangedSinceAGivenInstant() {
        ours().queryParam("modifiedSince", beforeLastChange.toString()).get("/api/v1/measures").then()
                .statusCode(200).body("items.title", contains(lastChanged));
    }

    @Test
    void pagesWithoutRepeatingOrSkippingInEverySortOrder() {
        for (String sort : List.of("code", "-code", "title", "-updatedAt", "createdAt,title")) {
            List<String> all = ours().queryParam("sort", sort).get("/api/v1/measures").then().extract()
                    .path("items.title");
            List<String> paged = new ArrayList<>();
            String cursor = null;
            do {
                RequestSpecification request = ours().queryParam("sort", sort).queryParam("limit", 2);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                var page = request.get("/api/v1/measures").then().statusCode(200).extract();
                paged.addAll(page.path("items.title"));
                cursor = page.path("nextCursor");
            } while (cursor != null);
            assertEquals(all, paged, "sort " + sort);
            assertEquals(6, paged.size());
        }
    }

    @Test
    void aCursorOnlyWorksWithTheFiltersItCameWith() {
        String cursor = ours().queryParam("limit", 2).get("/api/v1/measures").then().extract().path("nextCursor");
        invalid(ours()).queryParam("limit", 2).queryParam("status", "PIPELINE").queryParam("cursor", cursor)
                .get("/api/v1/measures").then().statusCode(400).body("errors[0].pointer", equalTo("#/query/cursor"));
        invalid(ours()).queryParam("cursor", "not-a-cursor").get("/api/v1/measures").then().statusCode(400);
    }

    @Test
    void refusesALimitAboveTheMaximumAndAnUnknownSortKey() {
        invalid(ours()).queryParam("limit", 201).get("/api/v1/measures").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].pointer", equalTo("#/query/limit"));
        invalid(ours()).queryParam("sort", "secret").get("/api/v1/measures").then().statusCode(400);
        invalid(ours()).queryParam("sort", "title,-title").get("/api/v1/measures").then().statusCode(400);
    }

    @Test
    void theLastPageHasNoNextCursor() {
        ours().queryParam("limit", 200).get("/api/v1/measures").then().body("nextCursor", nullValue())
                .header("Link", nullValue());
    }
}
