package de.fachplan.api.capacity;

import static de.fachplan.api.capacity.CapacityTestData.facility;
import static de.fachplan.api.capacity.CapacityTestData.figures;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Figures the city published per district are public as they are; suppression is for cells made
 * from the facility ledger, and counts only the facilities that contribute to a cell.
 */
@QuarkusTest
@Tag("integration")
class PublishedDistrictFiguresTest {

    @Test
    void dresdensPublishedDistrictFiguresOfMarch2019AreServedAsPublished() {
        anonymous().queryParam("from", "2019-03").queryParam("to", "2019-03").get("/api/v1/capacity-by-district")
                .then().statusCode(200)
                .body("months[0].source", equalTo("CITYWIDE_FIGURE"))
                .body("months[0].published", equalTo(true))
                .body("months[0].publishedSource", containsString("Dresden"))
                .body("months[0].cells.suppressed", everyItem(equalTo(false)))
                .body("months[0].cells.find { it.district == 'COTTA' }.personsHoused", equalTo(752))
                .body("months[0].cells.find { it.district == 'PROHLIS' }.personsHoused", equalTo(713))
                .body("months[0].cells.find { it.district == 'PLAUEN' }.personsHoused", equalTo(268))
                .body("months[0].cells.find { it.district == 'ALTSTADT' }.personsHoused", equalTo(262))
                .body("months[0].cells.find { it.district == 'NEUSTADT' }.personsHoused", equalTo(251));
    }

    @Test
    void aFacilityThatHousesNobodyDoesNotMakeACellLookLikeSeveralFacilities() {
        String month = "2089-05";
        String operator = organisation("Betreiber 2089");
        String key = partnerKey(operator);
        record(key, facility("GU-2089", "PIESCHEN", operator, "Wegstraße 1", 120, 2089), month, figures(120, 0, 100));
        record(key, facility("GU-2089", "PIESCHEN", operator, "Wegstraße 2", 80, 2089), month, figures(0, 0, 0));
        record(key, facility("GU-2089", "LEUBEN", operator, "Wegstraße 3", 150, 2089), month, figures(150, 0, 120));
        record(key, facility("GU-2089", "LEUBEN", operator, "Wegstraße 4", 150, 2089), month, figures(150, 0, 110));
        record(key, facility("GU-2089", "BLASEWITZ", operator, "Wegstraße 5", 300, 2089), month, figures(300, 0, 250));
        record(key, facility("GU-2089", "BLASEWITZ", operator, "Wegstraße 6", 300, 2089), month, figures(300, 0, 260));
        editor().queryParam("from", month).queryParam("to", month).get("/api/v1/capacity-by-district").then()
                .statusCode(200).body("months[0].source", equalTo("FACILITY_LEDGER"))
                .body("months[0].published", equalTo(false))
                .body("months[0].cells.find { it.district == 'PIESCHEN' }.personsHoused", equalTo(100));
        // Pieschen's 100 persons all live in one facility: its cell would be that facility's occupancy.
        anonymous().queryParam("from", month).queryParam("to", month).get("/api/v1/capacity-by-district").then()
                .statusCode(200)
                .body("months[0].cells.find { it.district == 'PIESCHEN' }.suppressed", equalTo(true))
                .body("months[0].cells.find { it.district == 'BLASEWITZ' }.suppressed", equalTo(false))
                .body("months[0].cells.find { it.district == 'BLASEWITZ' }.personsHoused", equalTo(510));
    }

    private static void record(String key, String facility, String month, String figures) {
        as(key).contentType(ContentType.JSON).header("If-None-Match", "*").body(figures)
                .put("/api/v1/accommodation-facilities/{code}/capacity-records/{month}", facility, month)
                .then().statusCode(201);
    }
}
