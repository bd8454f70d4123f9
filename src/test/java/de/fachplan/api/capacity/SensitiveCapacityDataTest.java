package de.fachplan.api.capacity;

import static de.fachplan.api.capacity.CapacityTestData.facility;
import static de.fachplan.api.capacity.CapacityTestData.figures;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Addresses and single-facility figures reach staff and the operating partner, nobody else: not
 * anonymous callers, not another organisation's partner, in no response, list, export, error
 * message or change feed entry. Three facilities of one operator in May 2094 (a year no other test
 * records): two in Klotzsche (3 and 150 persons), one in Loschwitz (37 persons).
 */
@QuarkusTest
@Tag("integration")
class SensitiveCapacityDataTest {

    private static final String MONTH = "2094-05";
    private static final List<String> ADDRESSES = List.of("Geheimgasse 7", "Verborgenweg 9", "Stillweg 3");

    private static String operatorKey;
    private static String foreignKey;
    private static List<String> codes;
    private static List<String> ids;

    @BeforeEach
    void recordFacilities() {
        if (codes != null) {
            return;
        }
        String operator = organisation("Betreiber sensibel");
        operatorKey = partnerKey(operator);
        foreignKey = partnerKey(organisation("Anderer Träger"));
        List<String> created = new ArrayList<>();
        created.add(facility("GU-SECRET", "KLOTZSCHE", operator, ADDRESSES.get(0), 40, 2094));
        created.add(facility("GU-SECRET", "KLOTZSCHE", operator, ADDRESSES.get(1), 200, 2094));
        created.add(facility("GU-SECRET", "LOSCHWITZ", operator, ADDRESSES.get(2), 50, 2094));
        int[][] months = { { 40, 0, 3 }, { 200, 10, 150 }, { 50, 0, 37 } };
        for (int i = 0; i < created.size(); i++) {
            as(operatorKey).contentType(ContentType.JSON).header("If-None-Match", "*")
                    .body(figures(months[i][0], months[i][1], months[i][2]))
                    .put("/api/v1/accommodation-facilities/{code}/capacity-records/{month}", created.get(i), MONTH)
                    .then().statusCode(201);
        }
        ids = created.stream().map(code -> editor().get("/api/v1/accommodation-facilities/" + code).then()
                .statusCode(200).extract().<String>path("id")).toList();
        codes = created;
    }

    @Test
    void staffAndTheOperatorSeeAddressesAndFigures() {
        for (RequestSpecification reader : List.of(editor(), controller(), as(operatorKey))) {
            assertTrue(reader.get("/api/v1/accommodation-facilities/" + codes.get(0)).asString()
                    .contains(ADDRESSES.get(0)));
        }
        as(operatorKey).get("/api/v1/accommodation-facilities/{code}/capacity-records/{month}", codes.get(2), MONTH)
                .then().statusCode(200).body("personsHoused", equalTo(37));
        editor().queryParam("from", MONTH).queryParam("to", MONTH).get("/api/v1/capacity-by-district").then()
                .statusCode(200)
                .body("months[0].source", equalTo("FACILITY_LEDGER"))
                .body("months[0].cells.find { it.district == 'LOSCHWITZ' }.personsHoused", equalTo(37))
                .body("months[0].cells.find { it.district == 'KLOTZSCHE' }.personsHoused", equalTo(153))
                .body("months[0].cells.suppressed", equalTo(List.of(false, false)));
        List<Map<String, Object>> feed = feed(as(operatorKey));
        assertTrue(feed.stream().anyMatch(e -> ids.get(0).equals(e.get("resourceId"))));
    }

    @Test
    void anonymousCallersGetNeitherFacilitiesNorTheirFigures() {
        List<Response> responses = new ArrayList<>();
        responses.add(invalid(anonymous()).get("/api/v1/accommodation-facilities"));
        for (String code : codes) {
            responses.add(invalid(anonymous()).get("/api/v1/accommodation-facilities/" + code));
            responses.add(invalid(anonymous()).get("/api/v1/accommodation-facilities/" + code + "/capacity-records"));
            responses.add(invalid(anonymous()).contentType(ContentType.JSON).header("If-None-Match", "*")
                    .body(figures(1, 0, 1))
                    .put("/api/v1/accommodation-facilities/{code}/capacity-records/{month}", code, "2094-06"));
        }
        responses.add(invalid(anonymous()).get("/api/v1/changes"));
        for (Response response : responses) {
            assertEquals(401, response.statusCode(), response.asString());
            assertNoSecrets(response.asString());
        }
        assertNoSecrets(anonymous().queryParam("scenario", "STABLE_ALLOCATION").queryParam("from", "2094-01")
                .queryParam("to", "2094-12").get("/api/v1/capacity-chart").then().statusCode(200).extract().asString());
    }

    @Test
    void thePublicDistrictFiguresWithholdSingleFacilitiesAndWhatWouldRevealThem() {
        Response response = anonymous().queryParam("from", MONTH).queryParam("to", MONTH)
                .get("/api/v1/capacity-by-district");
        response.then().statusCode(200).body("suppressionThreshold", equalTo(5))
                // Loschwitz is a single facility; with only Klotzsche left, the total would reveal it,
                // so Klotzsche is withheld as well.
                .body("months[0].cells.suppressed", equalTo(List.of(true, true)))
                .body("months[0].totalPersonsHoused", equalTo(190));
        assertNoSecrets(response.asString());
        assertFalse(response.asString().contains("\"personsHoused\":37"));
        assertFalse(response.asString().contains("\"personsHoused\":153"));
    }

    @Test
    void anotherOrganisationsPartnerLearnsNothingAboutTheFacilities() {
        for (String code : codes) {
            Response single = as(foreignKey).get("/api/v1/accommodation-facilities/" + code);
            assertEquals(404, single.statusCode());
            assertNoSecrets(single.asString());
            Response records = as(foreignKey).get("/api/v1/accommodation-facilities/{code}/capacity-records/{month}",
                    code, MONTH);
            assertEquals(404, records.statusCode());
            assertNoSecrets(records.asString());
            Response write = as(foreignKey).contentType(ContentType.JSON).header("If-None-Match", "*")
                    .body(figures(1, 0, 1))
                    .put("/api/v1/accommodation-facilities/{code}/capacity-records/{month}", code, "2094-06");
            assertEquals(404, write.statusCode());
            assertNoSecrets(write.asString());
        }
        Response list = as(foreignKey).queryParam("limit", 200).get("/api/v1/accommodation-facilities");
        list.then().statusCode(200);
        assertNoSecrets(list.asString());
        List<Map<String, Object>> feed = feed(as(foreignKey));
        assertTrue(feed.stream().noneMatch(e -> ids.contains(e.get("resourceId"))));
        as(foreignKey).queryParam("limit", 200).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.resourceType", org.hamcrest.Matchers.not(hasItem("capacity-record")));
        Response district = as(foreignKey).queryParam("from", MONTH).queryParam("to", MONTH)
                .get("/api/v1/capacity-by-district");
        district.then().statusCode(200).body("months[0].cells.suppressed", equalTo(List.of(true, true)));
        assertNoSecrets(district.asString());
    }

    private static List<Map<String, Object>> feed(RequestSpecification reader) {
        List<Map<String, Object>> entries = new ArrayList<>();
        String cursor = null;
        boolean more = true;
        while (more) {
            RequestSpecification request = reader.queryParam("limit", 200).queryParam("types", "accommodation-facility");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/changes").then().statusCode(200).extract();
            assertNoSecrets(page.asString());
            entries.addAll(page.path("items"));
            cursor = page.path("nextCursor");
            more = page.path("hasMore");
        }
        return entries;
    }

    private static void assertNoSecrets(String body) {
        for (String address : ADDRESSES) {
            assertFalse(body.contains(address), () -> "an address leaked: " + body);
        }
    }
}
