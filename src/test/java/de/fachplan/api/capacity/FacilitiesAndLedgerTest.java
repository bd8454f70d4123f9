package de.fachplan.api.capacity;

import static de.fachplan.api.capacity.CapacityTestData.facility;
import static de.fachplan.api.capacity.CapacityTestData.figures;
import static de.fachplan.api.support.Api.MERGE_PATCH;
import static de.fachplan.api.support.Api.anonymous;
import static de.fachplan.api.support.Api.as;
import static de.fachplan.api.support.Api.controller;
import static de.fachplan.api.support.Api.editor;
import static de.fachplan.api.support.Api.invalid;
import static de.fachplan.api.support.Api.organisation;
import static de.fachplan.api.support.Api.partnerKey;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@Tag("integration")
class FacilitiesAndLedgerTest {

    private static final int YEAR = 2095;
    private static final String RECORDS = "/api/v1/accommodation-facilities/{code}/capacity-records/{month}";

    private static String operator;
    private static String operatorKey;
    private static String foreignKey;

    @BeforeEach
    void createOperators() {
        if (operator != null) {
            return;
        }
        operator = organisation("Betreiber");
        operatorKey = partnerKey(operator);
        foreignKey = partnerKey(organisation("Fremder Träger"));
    }

    @Test
    void editorsRegisterAndChangeFacilitiesUnderTheirETag() {
        String code = "GU-T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var created = editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"Unterkunft Test\",\"type\":\"MUNICIPAL_FLAT\","
                        + "\"district\":\"PIESCHEN\",\"operatorOrganisationId\":\"" + operator + "\","
                        + "\"streetAddress\":\"Teststraße 5\",\"postalCode\":\"01127\",\"plannedPlaces\":40,"
                        + "\"openedOn\":\"" + YEAR + "-01-01\",\"closedOn\":\"" + YEAR + "-12-31\"}")
                .post("/api/v1/accommodation-facilities").then().statusCode(201)
                .header("Location", containsString("accommodation-facilities/"))
                .body("state", equalTo("ACTIVE")).body("district", equalTo("PIESCHEN")).extract();
        String id = created.path("id");
        String etag = created.header("ETag");

        controller().get("/api/v1/accommodation-facilities/" + id).then().statusCode(200).body("code", equalTo(code));
        editor().header("If-None-Match", etag).get("/api/v1/accommodation-facilities/" + code).then().statusCode(304);

        var changed = editor().contentType(MERGE_PATCH).header("If-Match", etag)
                .body("{\"state\":\"RESERVE\",\"postalCode\":null}")
                .patch("/api/v1/accommodation-facilities/" + code).then().statusCode(200)
                .body("state", equalTo("RESERVE")).body("postalCode", nullValue()).extract();
        assertNotEquals(etag, changed.header("ETag"));

        editor().contentType(MERGE_PATCH).header("If-Match", etag).body("{\"name\":\"Zu spät\"}")
                .patch("/api/v1/accommodation-facilities/" + code).then().statusCode(412);
        invalid(editor()).contentType(MERGE_PATCH).body("{\"name\":\"Ohne ETag\"}")
                .patch("/api/v1/accommodation-facilities/" + code).then().statusCode(428);
    }

    @Test
    void badFacilityInputIsAProblemNamingTheMember() {
        String code = facility("GU-DUP", "COTTA", operator, "Doppelweg 1", 10, YEAR);
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"" + code + "\",\"name\":\"x\",\"type\":\"SHARED_ACCOMMODATION\",\"district\":\"COTTA\","
                        + "\"operatorOrganisationId\":\"" + operator + "\",\"streetAddress\":\"x\",\"plannedPlaces\":1}")
                .post("/api/v1/accommodation-facilities").then().statusCode(409);
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"GU-NOWHERE\",\"name\":\"x\",\"type\":\"SHARED_ACCOMMODATION\",\"district\":\"ATLANTIS\","
                        + "\"operatorOrganisationId\":\"" + operator + "\",\"streetAddress\":\"x\",\"plannedPlaces\":1}")
                .post("/api/v1/accommodation-facilities").then().statusCode(422)
                .body("errors.pointer", hasItem("/district"));
        editor().contentType(ContentType.JSON)
                .body("{\"code\":\"GU-SHUT\",\"name\":\"x\",\"type\":\"SHARED_ACCOMMODATION\",\"district\":\"COTTA\","
                        + "\"operatorOrganisationId\":\"" + operator + "\",\"streetAddress\":\"x\",\"plannedPlaces\":1,"
                        + "\"state\":\"CLOSED\"}")
                .post("/api/v1/accommodation-facilities").then().statusCode(422)
                .body("errors.pointer", hasItem("/closedOn"));
        invalid(editor()).contentType(ContentType.JSON)
                .body("{\"code\":\"gu lower\",\"name\":\"x\",\"type\":\"SHARED_ACCOMMODATION\",\"district\":\"COTTA\","
                        + "\"operatorOrganisationId\":\"" + operator + "\",\"streetAddress\":\"x\",\"plannedPlaces\":-1}")
                .post("/api/v1/accommodation-facilities").then().statusCode(422)
                .body("errors.pointer", hasItem("/plannedPlaces"));
    }

    @Test
    void facilitiesAreForStaffAndTheirOperatorOnly() {
        String code = facility("GU-OWN", "LEUBEN", operator, "Eigenweg 2", 30, YEAR);
        invalid(anonymous()).get("/api/v1/accommodation-facilities").then().statusCode(401);
        as(operatorKey).get("/api/v1/accommodation-facilities/" + code).then().statusCode(200);
        as(operatorKey).queryParam("limit", 200).get("/api/v1/accommodation-facilities").then().statusCode(200)
                .body("items.code", hasItem(code)).body("items.operatorOrganisationId", not(hasItem(not(operator))));
        as(foreignKey).get("/api/v1/accommodation-facilities/" + code).then().statusCode(404);
        as(foreignKey).queryParam("limit", 200).get("/api/v1/accommodation-facilities").then().statusCode(200)
                .body("items.code", not(hasItem(code)));
        as(operatorKey).contentType(MERGE_PATCH).header("If-Match", "*").body("{\"name\":\"Umbenannt\"}")
                .patch("/api/v1/accommodation-facilities/" + code).then().statusCode(403);
    }

    @Test
    void aMonthIsCreatedWithIfNoneMatchAndChangedWithItsETag() {
        String code = facility("GU-LEDGER", "PROHLIS", operator, "Buchweg 3", 100, YEAR);
        String month = YEAR + "-03";
        var created = as(operatorKey).contentType(ContentType.JSON).header("If-None-Match", "*")
                .body(figures(100, 10, 80)).put(RECORDS, code, month).then().statusCode(201)
                .body("state", equalTo("ACTIVE")).body("personsHoused", equalTo(80)).extract();
        String etag = created.header("ETag");

        // The nightly script retries the same PUT: nothing changes, so it is a 200, not a 412.
        as(operatorKey).contentType(ContentType.JSON).header("If-None-Match", "*").body(figures(100, 10, 80))
                .put(RECORDS, code, month).then().statusCode(200).header("ETag", equalTo(etag));

        String changed = editor().contentType(ContentType.JSON).header("If-Match", etag).body(figures(100, 12, 85))
                .put(RECORDS, code, month).then().statusCode(200).body("placesBlocked", equalTo(12))
                .extract().header("ETag");
        assertNotEquals(etag, changed);
        editor().contentType(ContentType.JSON).header("If-Match", etag).body(figures(100, 12, 90))
                .put(RECORDS, code, month).then().statusCode(412);
        editor().contentType(ContentType.JSON).header("If-None-Match", "*").body(figures(100, 12, 90))
                .put(RECORDS, code, month).then().statusCode(412);
        invalid(editor()).contentType(ContentType.JSON).body(figures(100, 12, 90))
                .put(RECORDS, code, month).then().statusCode(428);
        editor().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(figures(100, 0, 0))
                .put(RECORDS, code, YEAR + "-04").then().statusCode(412);

        editor().get(RECORDS, code, month).then().statusCode(200).body("personsHoused", equalTo(85));
        String facilityId = editor().get("/api/v1/accommodation-facilities/" + code).then().extract().path("id");
        controller().queryParam("resourceType", "capacity-record").queryParam("resourceId", facilityId)
                .get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", equalTo(java.util.List.of("UPDATE", "CREATE")));
        controller().queryParam("from", YEAR + "-01").get("/api/v1/accommodation-facilities/" + code + "/capacity-records")
                .then().statusCode(200).body("items.month", equalTo(java.util.List.of(month)));
        controller().contentType(ContentType.JSON).header("If-Match", changed).body(figures(100, 12, 86))
                .put(RECORDS, code, month).then().statusCode(403);
        as(foreignKey).contentType(ContentType.JSON).header("If-None-Match", "*").body(figures(100, 0, 1))
                .put(RECORDS, code, YEAR + "-05").then().statusCode(404);
        as(foreignKey).get(RECORDS, code, month).then().statusCode(404);
    }

    @Test
    void implausibleFiguresAreRefusedNamingTheRuleUnlessOverriddenWithAReason() {
        String code = facility("GU-PLAUS", "NEUSTADT", operator, "Prüfweg 4", 50, YEAR);
        editor().contentType(ContentType.JSON).header("If-None-Match", "*").body(figures(40, 0, 45))
                .put(RECORDS, code, YEAR + "-02").then().statusCode(422)
                .body("type", equalTo("urn:fachplan:problem:implausible-figures"))
                .body("errors[0].pointer", equalTo("/personsHoused"))
                .body("errors[0].detail", containsString("HOUSED_WITHIN_AVAILABLE"));
        editor().contentType(ContentType.JSON).header("If-None-Match", "*").body(figures(60, 55, 10))
                .put(RECORDS, code, YEAR + "-02").then().statusCode(422)
                .body("errors[0].detail", containsString("BLOCKED_WITHIN_PLANNED"));
        editor().get(RECORDS, code, YEAR + "-02").then().statusCode(404);

        editor().contentType(ContentType.JSON).header("If-None-Match", "*")
                .body("{\"placesAvailable\":40,\"placesBlocked\":0,\"personsHoused\":45,"
                        + "\"overrideReason\":\"Familie mit Neugeborenem vorübergehend zusätzlich aufgenommen\"}")
                .put(RECORDS, code, YEAR + "-02").then().statusCode(201)
                .body("overrideReason", containsString("Neugeborenem"));

        editor().contentType(ContentType.JSON).header("If-None-Match", "*")
                .body("{\"placesAvailable\":-1,\"placesBlocked\":0,\"personsHoused\":0,"
                        + "\"overrideReason\":\"Negative Zahlen gibt es nicht, auch nicht ausnahmsweise\"}")
                .put(RECORDS, code, YEAR + "-06").then().statusCode(422)
                .body("errors[0].detail", containsString("NOT_NEGATIVE"));
        editor().contentType(ContentType.JSON).header("If-None-Match", "*").body(figures(40, 0, 10))
                .put(RECORDS, code, (YEAR + 1) + "-01").then().statusCode(422)
                .body("errors[0].detail", containsString("NOT_AFTER_CLOSING"));
        editor().contentType(ContentType.JSON).header("If-None-Match", "*").body(figures(40, 0, 10))
                .put(RECORDS, code, (YEAR - 1) + "-12").then().statusCode(422)
                .body("errors[0].detail", containsString("NOT_BEFORE_OPENING"));
        editor().contentType(ContentType.JSON).header("If-None-Match", "*")
                .body("{\"placesAvailable\":40,\"placesBlocked\":0,\"personsHoused\":1,\"overrideReason\":\"kurz\"}")
                .put(RECORDS, code, YEAR + "-07").then().statusCode(422).body("errors[0].pointer", equalTo("/overrideReason"));
    }

    @Test
    void aBatchAppliesEachMonthOnItsOwnAndReplaysUnderItsKey() {
        String code = facility("GU-BATCH", "ALTSTADT", operator, "Stapelweg 5", 60, YEAR);
        String body = "{\"items\":["
                + "{\"reference\":\"jan\",\"facility\":\"" + code + "\",\"month\":\"" + YEAR + "-01\","
                + "\"placesAvailable\":60,\"placesBlocked\":2,\"personsHoused\":50},"
                + "{\"reference\":\"feb\",\"facility\":\"" + code + "\",\"month\":\"" + YEAR + "-02\","
                + "\"placesAvailable\":60,\"placesBlocked\":2,\"personsHoused\":70},"
                + "{\"reference\":\"mar\",\"facility\":\"" + code + "\",\"month\":\"" + YEAR + "-03\","
                + "\"placesAvailable\":60,\"placesBlocked\":2,\"personsHoused\":52}]}";

        as(operatorKey).contentType(ContentType.JSON).queryParam("dryRun", true).body(body)
                .post("/api/v1/capacity-record-updates").then().statusCode(207)
                .body("dryRun", equalTo(true)).body("items.status", equalTo(java.util.List.of(201, 422, 201)));
        editor().get(RECORDS, code, YEAR + "-01").then().statusCode(404);

        String key = UUID.randomUUID().toString();
        as(operatorKey).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/capacity-record-updates").then().statusCode(207)
                .body("items.reference", equalTo(java.util.List.of("jan", "feb", "mar")))
                .body("items.status", equalTo(java.util.List.of(201, 422, 201)))
                .body("items[1].problem.type", equalTo("urn:fachplan:problem:implausible-figures"));
        as(operatorKey).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/v1/capacity-record-updates").then().statusCode(207)
                .header("Idempotency-Replayed", "true").body("items.status", equalTo(java.util.List.of(201, 422, 201)));
        editor().get(RECORDS, code, YEAR + "-01").then().statusCode(200).body("personsHoused", equalTo(50));
        editor().get(RECORDS, code, YEAR + "-02").then().statusCode(404);

        // Without a key the same batch again changes nothing: 200 for the months already stored.
        as(operatorKey).contentType(ContentType.JSON).body(body).post("/api/v1/capacity-record-updates").then()
                .statusCode(207).body("items.status", equalTo(java.util.List.of(200, 422, 200)));
        // Another organisation's batch finds none of the facility's months.
        var foreign = as(foreignKey).contentType(ContentType.JSON).body(body)
                .post("/api/v1/capacity-record-updates").then().statusCode(207).extract();
        assertEquals(java.util.List.of(404, 404, 404), foreign.path("items.status"));
    }

    @Test
    void aFailedBatchItemNamesItsFacilityAndOnA412TheMonthsCurrentETag() {
        String code = facility("GU-STALE", "PLAUEN", operator, "Stapelweg 7", 40, YEAR);
        String etag = as(operatorKey).contentType(ContentType.JSON).header("If-None-Match", "*")
                .body("{\"placesAvailable\":40,\"placesBlocked\":0,\"personsHoused\":30}")
                .put(RECORDS, code, YEAR + "-05").then().statusCode(201).extract().header("ETag");
        String item = "{\"reference\":\"%s\",\"facility\":\"" + code + "\",\"month\":\"" + YEAR
                + "-05\",\"ifMatch\":\"%s\",\"placesAvailable\":40,\"placesBlocked\":0,\"personsHoused\":31}";
        as(operatorKey).contentType(ContentType.JSON)
                .body("{\"items\":[" + String.format(item, "stale", "\\\"99\\\"") + ","
                        + String.format(item, "weak", "W/" + etag.replace("\"", "\\\"")) + "]}")
                .post("/api/v1/capacity-record-updates").then().statusCode(207)
                .body("items.status", equalTo(java.util.List.of(412, 400)))
                .body("items[0].facilityCode", equalTo(code))
                .body("items[0].month", equalTo(YEAR + "-05"))
                .body("items[0].currentEtag", equalTo(etag))
                .body("items[1].facilityCode", equalTo(code))
                .body("items[1].problem.detail", org.hamcrest.Matchers.containsString("\"5\""));
    }
}
