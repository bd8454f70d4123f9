package de.fachplan.api.organisations;

import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
@Tag("integration")
class OrganisationsTest {

    private static ExtractableResponse<Response> create(String body) {
        return editor().contentType(ContentType.JSON).body(body).post("/api/v1/organisations").then()
                .statusCode(201).extract();
    }

    @Test
    void theSocialWelfareOfficeIsThere() {
        List<String> names = anonymous().queryParam("type", "CITY_UNIT").queryParam("limit", 200)
                .get("/api/v1/organisations").then().statusCode(200).extract().path("items.name");
        org.junit.jupiter.api.Assertions.assertTrue(names.contains("Landeshauptstadt Dresden, Sozialamt"));
    }

    @Test
    void listsNamesInGermanOrder() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        for (String name : List.of("Zukunft " + tag, "Ökumenisches Netz " + tag, "Oase " + tag, "Ärztenetz " + tag,
                "Anker " + tag)) {
            create("{\"name\":\"" + name + "\",\"type\":\"MIGRANT_ORGANISATION\",\"illustrative\":true}");
        }
        List<String> names = anonymous().queryParam("type", "MIGRANT_ORGANISATION").queryParam("limit", 200)
                .get("/api/v1/organisations").then().statusCode(200).extract().path("items.name");
        List<String> ours = names.stream().filter(n -> n.endsWith(tag)).toList();
        assertEquals(List.of("Anker " + tag, "Ärztenetz " + tag, "Oase " + tag, "Ökumenisches Netz " + tag,
                "Zukunft " + tag), ours);
    }

    @Test
    void mergePatchClearsTheWebsiteAndKeepsTheRest() {
        var created = create("{\"name\":\"Beispiel-Verein Website\",\"shortName\":\"BVW\",\"type\":\"ASSOCIATION\","
                + "\"website\":\"https://example.org\",\"illustrative\":true}");
        String id = created.path("id");
        editor().contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"website\":null}").patch("/api/v1/organisations/" + id).then().statusCode(200)
                .body("website", nullValue()).body("shortName", equalTo("BVW"))
                .body("name", equalTo("Beispiel-Verein Website"));
    }

    @Test
    void anOrganisationThatLeadsAMeasureCannotBeDeleted() {
        var created = create("{\"name\":\"Beispiel-Träger Löschen\",\"type\":\"ASSOCIATION\",\"illustrative\":true}");
        String id = created.path("id");
        editor().contentType(ContentType.JSON)
                .body("{\"actionField\":\"Q\",\"title\":\"Stadtteilfest\",\"leadOrganisationId\":\"" + id + "\"}")
                .post("/api/v1/measures").then().statusCode(201);
        editor().header("If-Match", (String) created.header("ETag")).delete("/api/v1/organisations/" + id).then()
                .statusCode(409);
        anonymous().get("/api/v1/organisations/" + id).then().statusCode(200);
    }

    @Test
    void anUnusedOrganisationIsDeletedWithItsETag() {
        var created = create("{\"name\":\"Beispiel-Verein Kurzlebig\",\"type\":\"OTHER\",\"illustrative\":true}");
        String id = created.path("id");
        anonymous().header("If-None-Match", (String) created.header("ETag")).get("/api/v1/organisations/" + id)
                .then().statusCode(304);
        editor().header("If-Match", (String) created.header("ETag")).delete("/api/v1/organisations/" + id).then()
                .statusCode(204);
        anonymous().get("/api/v1/organisations/" + id).then().statusCode(404);
    }

    @Test
    void clearableMembersStillKeepTheirLimits() {
        var created = create("{\"name\":\"Beispiel-Verein Grenzen\",\"type\":\"OTHER\",\"illustrative\":true}");
        String id = created.path("id");
        invalid(editor()).contentType(MERGE_PATCH).header("If-Match", (String) created.header("ETag"))
                .body("{\"shortName\":\"" + "k".repeat(61) + "\",\"website\":\"javascript:alert(1)\"}")
                .patch("/api/v1/organisations/" + id).then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.containsInAnyOrder("/shortName", "/website"));
        anonymous().get("/api/v1/organisations/" + id).then().body("website", nullValue());
    }

    @Test
    void listsOnlyWhatChangedSinceAGivenInstant() throws InterruptedException {
        create("{\"name\":\"Beispiel-Verein Vorher\",\"type\":\"OTHER\",\"illustrative\":true}");
        Thread.sleep(20);
        String since = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).toString();
        Thread.sleep(20);
        String later = create("{\"name\":\"Beispiel-Verein Nachher\",\"type\":\"OTHER\",\"illustrative\":true}").path("id");
        List<String> ids = anonymous().queryParam("modifiedSince", since).queryParam("limit", 200)
                .get("/api/v1/organisations").then().statusCode(200).extract().path("items.id");
        assertEquals(List.of(later), ids);
    }

    @Test
    void aWebsiteMustBeAnHttpUrl() {
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"name\":\"Beispiel\",\"type\":\"OTHER\",\"website\":\"javascript:alert(1)\"}")
                .post("/api/v1/organisations").then().statusCode(422).body("errors[0].pointer", equalTo("/website"));
    }
}
