package de.fachplan.api.catalogue;

import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.editor;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import de.fachplan.api.support.Api;

@QuarkusTest
@Tag("integration")
class CatalogueTest {

    @Test
    void theAdoptedDresdenPlanIsThere() {
        anonymous().get("/api/v1/plans/DD-FAI-2022").then().statusCode(200)
                .body("title", equalTo("Fachplan Asyl und Integration 2022"))
                .body("councilReference", equalTo("V2927/19"))
                .body("adoptedOn", equalTo("2019-07-05"))
                .body("validTo", equalTo("2022-12-31"));
        anonymous().get("/api/v1/plans").then().statusCode(200).body("items.code", hasItems("DD-FAI-2022"));
    }

    @Test
    void listsTheTenActionFieldsInThePlansOrder() {
        anonymous().get("/api/v1/action-fields").then().statusCode(200)
                .body("items.code", contains("M", "R", "B", "W", "S", "F", "G", "P", "Q", "C"))
                .body("nextCursor", nullValue());
    }

    @Test
    void findsAnActionFieldByCodeAndById() {
        String id = anonymous().get("/api/v1/action-fields/W").then().statusCode(200)
                .body("name.de", equalTo("Unterbringung und Wohnen"))
                .body("name.en", equalTo("Accommodation and housing"))
                .extract().path("id");
        anonymous().get("/api/v1/action-fields/" + id).then().statusCode(200).body("code", equalTo("W"));
        anonymous().get("/api/v1/action-fields/X").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:fachplan:problem:not-found"));
    }

    @Test
    void pagesThroughActionFieldsWithACursorAndLinkHeader() {
        var first = anonymous().queryParam("limit", 4).get("/api/v1/action-fields").then().statusCode(200)
                .header("Link", startsWith("<")).body("items.code", contains("M", "R", "B", "W")).extract();
        String cursor = first.path("nextCursor");
        var second = anonymous().queryParam("limit", 4).queryParam("cursor", cursor).get("/api/v1/action-fields")
                .then().statusCode(200).body("items.code", contains("S", "F", "G", "P")).extract();
        anonymous().queryParam("limit", 4).queryParam("cursor", (String) second.path("nextCursor"))
                .get("/api/v1/action-fields").then().statusCode(200).body("items.code", contains("Q", "C"))
                .body("nextCursor", nullValue());
    }

    @Test
    void unknownPlanIsNotFound() {
        anonymous().queryParam("plan", "NO-SUCH-PLAN").get("/api/v1/action-fields").then().statusCode(404);
    }

    @Test
    void listsTheThreeGuidelinesInGermanAndEnglish() {
        anonymous().get("/api/v1/guidelines").then().statusCode(200)
                .body("items.code", contains("L1", "L2", "L3"))
                .body("items[0].title.de", equalTo("Integration von Anfang an – zeitlich begrenzt oder auf Dauer"));
        anonymous().get("/api/v1/guidelines/L3").then().statusCode(200)
                .body("title.en", equalTo("Support cohesion – keep districts and citizens in view"));
    }

    @Test
    void listsDresdensTenCityDistrictsBeforeTheLocalities() {
        anonymous().queryParam("limit", 10).get("/api/v1/districts").then().statusCode(200)
                .body("items.kind", contains("CITY_DISTRICT", "CITY_DISTRICT", "CITY_DISTRICT", "CITY_DISTRICT",
                        "CITY_DISTRICT", "CITY_DISTRICT", "CITY_DISTRICT", "CITY_DISTRICT", "CITY_DISTRICT",
                        "CITY_DISTRICT"))
                .body("items.name", contains("Altstadt", "Blasewitz", "Cotta", "Klotzsche", "Leuben", "Loschwitz",
                        "Neustadt", "Pieschen", "Plauen", "Prohlis"));
        anonymous().get("/api/v1/districts/COTTA").then().statusCode(200).body("name", equalTo("Cotta"));
    }

    @Test
    void districtsAreReadOnly() {
        Api.invalid(editor()).contentType("application/json").body("{}").post("/api/v1/districts").then()
                .statusCode(405).contentType("application/problem+json");
    }
}
